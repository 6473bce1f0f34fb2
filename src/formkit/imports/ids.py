"""Ids from labels: stable (the same label always gives the same id), readable, ASCII.

Chinese is written in pinyin without tones (``合计`` → ``heji``, ``女`` → ``nv``), Latin letters
and digits are kept, everything else separates words. An id that would start with a digit gets
the kind's letter in front (``60–69岁`` → ``r60_69sui``); a reserved word or an id already taken
(case-insensitively) gets ``_2``, ``_3``…
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import lazy_pinyin

__all__ = ["Ids", "slug", "split_unit"]

MAX_LEN = 32
_RESERVED = {"row", "col", "org", "period", "version", "state", "and", "or", "not", "in", "between", "is",
             "null", "true", "false", "where", "if", "prev"}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_UNIT = re.compile(r"[（(]\s*(?:单位[:：]\s*)?([^()（）]{1,8})\s*[)）]\s*$")
_UNIT_WORDS = re.compile(r"^(?:万?元|千?人|人次|户|个|家|件|次|岁|天|小时|吨|公斤|千克|米|平方米|亩|公顷|万人|%|‰|"
                         r"张|台|辆|所|床|名|项|份|册|套|间|处|座|条|km|kg|m²|元/人|万元|亿元|百分比)$")


def slug(text: str) -> str:
    """``text`` as lower-case ASCII words joined by ``_`` (pinyin for Chinese), maybe empty."""
    text = unicodedata.normalize("NFKC", text)
    # (piece, joined to the previous piece without "_"): a Han run's syllables stay together
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _HAN.finditer(text):
        pieces += [(w, False) for w in _latin(text[pos:m.start()]).split("_") if w]
        syllables = [s for s in lazy_pinyin(m.group(0)) if re.fullmatch(r"[a-z]+", s)]
        pieces += [(s, i > 0) for i, s in enumerate(syllables)]
        pos = m.end()
    pieces += [(w, False) for w in _latin(text[pos:]).split("_") if w]
    out = ""
    for piece, glued in pieces:  # whole syllables and words only, within MAX_LEN
        nxt = out + piece if glued or not out else f"{out}_{piece}"
        if len(nxt) > MAX_LEN and out:
            break
        out = nxt[:MAX_LEN]
    return out


def _latin(text: str) -> str:
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text) if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^a-z0-9]+", "_", folded.lower())


class Ids:
    """Unique ids within one namespace (a template's fields, a grid's rows…)."""

    def __init__(self, letter: str, taken: set[str] | None = None) -> None:
        self.letter = letter
        self.taken = {t.lower() for t in taken or ()}

    def take(self, label: str, wanted: str | None = None) -> str:
        base = wanted if wanted and re.fullmatch(r"[^\W\d]\w*", wanted) else slug(label)
        if not base:
            base = self.letter
        if base[0].isdigit():
            base = self.letter + base
        if base.lower() in _RESERVED:
            base += "_1"
        out, n = base, 2
        while out.lower() in self.taken:
            out, n = f"{base}_{n}", n + 1
        self.taken.add(out.lower())
        return out


def split_unit(label: str) -> tuple[str, str | None]:
    """``在岗职工人数（人）`` → (``在岗职工人数``, ``人``); a bracket that is not a unit stays."""
    m = _UNIT.search(label)
    if m and (_UNIT_WORDS.match(m.group(1).strip()) or label[m.start():].lstrip("（(").startswith("单位")):
        return label[:m.start()].rstrip(), m.group(1).strip()
    return label, None
