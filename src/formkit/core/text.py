"""What "blank" means (SPEC §3: empty or all-blank text is null), defined once.

Blank is Unicode's ``White_Space`` property, a fixed list of 25 code points: ASCII white space
(U+0009–U+000D, U+0020), the space separators (category Zs, among them U+00A0 and the
ideographic space U+3000 that Chinese input methods type), U+0085 NEXT LINE and the line and
paragraph separators U+2028 and U+2029. Nothing else: neither Python's ``str.strip()`` (which
also strips U+001C–U+001F) nor JavaScript's ``trim()`` (which also strips U+FEFF) is used, so
the two evaluators cannot drift apart. The browser's copy is ``BLANK`` in
``static/formkit-values.js``; ``tests/test_one_meaning.py`` holds both to this list over every
code point class.
"""

from __future__ import annotations

import re

__all__ = ["BLANK", "control_char", "is_blank", "strip_blank"]

BLANK = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
         "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def is_blank(text: str) -> bool:
    """Empty, or white space only."""
    return not text.strip(BLANK)


def strip_blank(text: str) -> str:
    """``text`` without the blank characters at either end."""
    return text.strip(BLANK)


# C0 controls but tab, newline and carriage return (a multi-line remark keeps them), DEL, C1
# controls, and lone surrogates (no UTF-8 encodes them, so no driver can send them)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def control_char(text: str) -> str | None:
    """The first character of ``text`` that text may not hold, as ``U+0000``, or None.
    PostgreSQL cannot store NUL in text at all (and SQLite's ``LENGTH`` stops at it), no SQL
    driver sends a lone surrogate, and the other engines would keep what nobody can see or type
    again: refused alike everywhere, at the input boundary (a type issue of the field, SPEC §7;
    a ``TypeError`` from ``evaluate``; the browser's ``CONTROL`` in formkit-values.js)."""
    found = _CONTROL.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"
