"""Resident ID numbers (GB 11643-1999): normal form, checksum, birth date and sex.

An 18-character number: 6 digits of region, 8 of birth date (YYYYMMDD), 3 of sequence (odd for
men, even for women) and a check character (0-9 or X) over the first 17 (ISO 7064 MOD 11-2).

>>> is_valid("11010519491231002X")
True
>>> birth_date("11010519491231002x"), sex("11010519491231002X")
(datetime.date(1949, 12, 31), 'F')
"""

from __future__ import annotations

import datetime as dt
import re

# Weight of position i (0-based from the left) is 2^(17 - i) mod 11.
WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


def normalize(text: str) -> str:
    """The stored form: a trailing lower-case ``x`` becomes ``X`` (SPEC §2.2)."""
    return text[:-1] + "X" if text.endswith("x") else text


def check_char(first17: str) -> str:
    """The check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def _birth(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def is_valid(text: str) -> bool:
    """18 ASCII digits (the last may be X or x), a real birth date, and a matching check char.

    The region code is not checked against GB/T 2260: codes change, and old ones stay valid.
    """
    number = normalize(text)
    if _SHAPE.fullmatch(number) is None:
        return False
    return _birth(number) is not None and check_char(number[:17]) == number[17]


def birth_date(text: str) -> dt.date | None:
    """The birth date of a valid number; None when the number is not valid."""
    number = normalize(text)
    return _birth(number) if is_valid(number) else None


def sex(text: str) -> str | None:
    """``'M'`` (odd 17th digit) or ``'F'`` (even) of a valid number; None when not valid."""
    number = normalize(text)
    if not is_valid(number):
        return None
    return "M" if int(number[16]) % 2 == 1 else "F"
