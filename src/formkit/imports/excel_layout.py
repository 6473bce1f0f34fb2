"""The layout of a statistical report sheet: title, header block, the tables under it (their
header rows, row labels, value columns) and the footer, found from the cells alone.

Offices lay these sheets out the same way everywhere: a merged title row; 表号／制定机关／批准文号／
有效期至 with full-width colons and labels padded to one width (``表    号：``); one or more tables
whose column headers are merged over two or three rows; row labels on the left, sometimes with a
计量单位 or 代码 column beside them; and a footer (单位负责人、填报人、报出日期). Nothing is
guessed from colours or borders.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from formkit.imports.excel_book import Sheet

__all__ = ["Block", "Layout", "read_layout"]


def _key(word: str) -> str:
    return r"[\s\u3000]*".join(re.escape(ch) for ch in word)


HEADER_KEYS = {"表号": "form_no", "制定机关": "authority", "制表机关": "authority", "批准机关": "approval_by",
               "批准文号": "approval_no", "备案文号": "approval_no", "有效期至": "valid_until", "有效期": "valid_until"}
FOOTER_KEYS = ("填报单位", "单位名称", "单位负责人", "统计负责人", "审核人", "填报人", "填表人", "联系电话", "报出日期",
               "填报日期", "填表日期")
UNIT_KEYS = ("计量单位", "金额单位", "单位")
PERIOD_KEYS = ("报告期", "统计时间", "统计期", "所属期")
NOTE_KEYS = ("填表说明", "说明", "注")
_ALL = sorted([*HEADER_KEYS, *FOOTER_KEYS, *UNIT_KEYS, *PERIOD_KEYS], key=len, reverse=True)
_PAIR = re.compile(r"(?<![^\s\u3000：:，,])(" + "|".join(_key(k) for k in _ALL) + r")[\s\u3000]*[:：]")
_NOTE = re.compile(r"^(" + "|".join(_key(k) for k in NOTE_KEYS) + r")[\s\u3000]*[:：]")
_LEGEND = re.compile(r"^白色[:：]")  # the colour legend of a workbook formkit rendered
TOTAL_WORDS = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]+、)?(合计|总计|小计|总数|共计)")
PART_OF = re.compile(r"^[\s\u3000]*(其中|内[:：]|含[:：])")
SPECIAL = {"unit": re.compile(r"^(计量)?单位$"), "note": re.compile(r"^(说明|备注)$"),
           "code": re.compile(r"^(代码|代号|行次|栏次|序号|编号|行号)$")}
_CODES = re.compile(r"^[甲乙丙丁戊己庚辛壬癸]$|^[0-9]+$")


@dataclass
class Block:
    """One table of the sheet."""

    first_row: int
    caption: str | None
    header_rows: list[int]
    data_rows: list[int]
    label_cols: list[int]
    value_cols: list[int]
    special: dict[str, int]  # unit / note / code column
    codes_row: int | None = None

    def col_path(self, sheet: Sheet, c: int) -> list[str]:
        path: list[str] = []
        for r in self.header_rows:
            t = sheet.text(r, c)
            if t and (not path or path[-1] != t):
                path.append(t)
        return path

    def row_label(self, sheet: Sheet, r: int) -> str:
        parts: list[str] = []
        for c in self.label_cols:
            if c in self.special.values():
                continue
            t = sheet.text(r, c)
            if t and t not in parts:
                parts.append(t)
        return "·".join(parts)


@dataclass
class Layout:
    title: str | None = None
    title_at: tuple[int, int] | None = None
    header: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)  # key → (text, cell)
    footer: dict[str, tuple[int, int]] = field(default_factory=dict)
    unit: str | None = None
    period_text: str | None = None
    notes: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    checks_at: int | None = None  # a rendered workbook's 审核 rows: not imported


def _pairs(sheet: Sheet, r: int) -> list[tuple[str, str, int]]:
    """The ``key：value`` pairs of a row: (key without padding, value, column)."""
    out: list[tuple[str, str, int]] = []
    cols = sheet.row_cells(r)
    used: set[int] = set()
    for i, c in enumerate(cols):
        text = sheet.text(r, c)
        if text is None or c in used:
            continue
        found = list(_PAIR.finditer(text))
        for j, m in enumerate(found):
            end = found[j + 1].start() if j + 1 < len(found) else len(text)
            value = text[m.end():end].strip(" \u3000")
            if not value and j + 1 == len(found) and i + 1 < len(cols):
                nxt = sheet.text(r, cols[i + 1])
                if nxt and not _PAIR.search(nxt):
                    value = nxt
                    used.add(cols[i + 1])
            out.append((re.sub(r"[\s\u3000]", "", m.group(1)), value, c))
    return out


def _is_number(v: object) -> bool:
    return isinstance(v, int | float | Decimal) and not isinstance(v, bool)


def read_layout(sheet: Sheet) -> Layout:
    out = Layout()
    table_rows: list[list[int]] = [[]]
    last = None
    for r in sheet.rows():
        if last is not None and r > last + 1 and table_rows[-1]:
            table_rows.append([])  # a blank row ends a table
        last = r
        kind = _row_kind(sheet, r, out, any(table_rows))
        if kind == "stop":
            break
        if kind == "meta" and table_rows[-1]:
            table_rows.append([])
        elif kind == "table":
            table_rows[-1].append(r)
    for rows in table_rows:
        out.blocks += _split(sheet, rows)
    _continued(out.blocks)
    return out


def _row_kind(sheet: Sheet, r: int, out: Layout, in_tables: bool) -> str:
    """What row ``r`` is (recorded in ``out``): meta (header, footer, notes…), table, or stop."""
    texts = [sheet.text(r, c) for c in sheet.row_cells(r) if not sheet.formula(r, c)]
    first = next((t for t in texts if t), "")
    pairs = _pairs(sheet, r)
    if not pairs and re.sub(r"[\s\u3000]", "", first) in FOOTER_KEYS:
        pairs = [(re.sub(r"[\s\u3000]", "", first), "", sheet.row_cells(r)[0])]  # 填报人 with no colon
    single = len([t for t in texts if t]) == 1
    if first == "审核" and single:
        out.checks_at = r
        return "stop"
    if pairs:
        for key, value, c in pairs:
            _meta(out, key, value, (r, c))
        return "meta"
    if _LEGEND.match(first):
        return "skip"
    if _NOTE.match(first):
        out.notes.append(" ".join(t for t in texts if t))
        return "meta"
    if single and not in_tables and out.title is None:
        out.title, out.title_at = first, (r, sheet.row_cells(r)[0])
        return "meta"
    if single and not in_tables and sheet.covered(r, sheet.row_cells(r)[0] + 1):
        out.notes.append(first)  # a paragraph merged across, above the tables
        return "meta"
    if first in PERIOD_KEYS or first.startswith("报告期"):
        out.period_text = " ".join(t for t in texts if t)
        return "meta"
    return "table"


def _continued(blocks: list[Block]) -> None:
    for i, block in enumerate(blocks):
        prev = next((b for b in reversed(blocks[:i]) if b.special), None)
        if not block.header_rows and prev and block.label_cols[:1] == prev.label_cols[:1]:
            # a table broken by another (a rendered workbook's fields after its grid) keeps its columns
            block.special = dict(prev.special)
            block.value_cols = [c for c in block.value_cols if c not in block.special.values()]


def _meta(out: Layout, key: str, value: str, at: tuple[int, int]) -> None:
    if key in HEADER_KEYS:
        out.header[HEADER_KEYS[key]] = (value, at)
    elif key in UNIT_KEYS:
        out.unit = value or out.unit
    elif key in PERIOD_KEYS:
        out.period_text = value
    else:
        out.footer[key] = at


def _header_row(sheet: Sheet, r: int, cols: range) -> bool:
    """Text only (no number, formula or column code), at least two cells, no blank between them."""
    marks: list[bool] = []
    for c in cols:
        v = sheet.own(r, c)
        if v is None:
            marks.append(sheet.covered(r, c))
            continue
        if not isinstance(v, str) or v.startswith("=") or _CODES.match(v):
            return False
        marks.append(True)
    while marks and not marks[-1]:
        marks.pop()
    inner = marks[1:]  # the corner cell may be blank
    own = {sheet.own(r, c) for c in cols} - {None}
    return len(own) >= 2 and all(inner)


def _split(sheet: Sheet, rows: list[int]) -> list[Block]:
    """The tables in a run of rows: a header row after data rows starts another one (a rendered
    workbook's fields block runs straight into its grid), its caption the single label above."""
    if not rows:
        return []
    cols_all = sorted({c for r in rows for c in sheet.row_cells(r)} | {c for (r, c) in sheet.anchor if r in rows})
    cols = range(cols_all[0], cols_all[-1] + 1)
    segments: list[tuple[list[int], str | None]] = []
    start, caption, seen_data = 0, None, False
    for i, r in enumerate(rows):
        header = _header_row(sheet, r, cols)
        if header and seen_data:
            cut, next_caption = i, None
            prev = rows[i - 1]
            texts = [c for c in sheet.row_cells(prev) if sheet.text(prev, c)]
            if i - 1 > start and len(texts) == 1:
                cut, next_caption = i - 1, sheet.text(prev, texts[0])
            segments.append((rows[start:cut], caption))
            start, caption, seen_data = i, next_caption, False
        elif not header:
            seen_data = True
    segments.append((rows[start:], caption))
    blocks = [_block(sheet, part, cols, cap) for part, cap in segments if part]
    return [b for b in blocks if b.header_rows or b.data_rows]


def _block(sheet: Sheet, rows: list[int], cols: range, caption: str | None) -> Block:
    headers: list[int] = []
    for r in rows:
        if _header_row(sheet, r, cols) and len(headers) == rows.index(r):
            headers.append(r)
        else:
            break
    data = rows[len(headers):]
    codes_row = None
    if data and headers:
        cells = [sheet.text(data[0], c) for c in sheet.row_cells(data[0])]
        if cells and all(t is not None and _CODES.match(t) for t in cells) and len(cells) >= 2:
            codes_row = data[0]
            data = data[1:]
    special = _special(sheet, headers, cols)
    labels = _labels(sheet, data, cols, special)
    values = [c for c in cols if c not in labels and c not in special.values()]
    if headers:
        values = [c for c in values if any(sheet.text(r, c) for r in headers)]
    else:
        filled = [c for c in values if any(sheet.own(r, c) is not None for r in data)]
        values = filled or values[:1]
    return Block(rows[0] if rows else 0, caption, headers, data, labels, values, special, codes_row)


def _special(sheet: Sheet, headers: list[int], cols: range) -> dict[str, int]:
    """The unit, note and code columns, by their headings."""
    special: dict[str, int] = {}
    for c in cols:
        leaf = next((sheet.text(r, c) for r in reversed(headers) if sheet.text(r, c)), None)
        for kind, pattern in SPECIAL.items():
            if leaf and pattern.match(re.sub(r"[\s\u3000]", "", leaf)) and kind not in special:
                special[kind] = c
    return special


def _labels(sheet: Sheet, data: list[int], cols: range, special: dict[str, int]) -> list[int]:
    """The row-label columns: the leading columns holding only text."""
    labels: list[int] = []
    for c in cols:
        if c in special.values():
            labels.append(c)
            continue
        texts = [sheet.own(r, c) for r in data]
        if data and all(v is None or (isinstance(v, str) and not v.startswith("=") and not _is_numeric_text(v))
                        for v in texts) and any(v is not None for v in texts) and c != cols[-1]:
            labels.append(c)
        else:
            break
    return labels


def _is_numeric_text(v: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", v))


def valid_until(text: str) -> str | None:
    """``2027年12月31日``, ``2027-12-31``, ``2027年12月`` (its last day), ``2027.12`` → ISO date."""
    m = re.search(r"(\d{4})\s*[年./-]\s*(\d{1,2})(?:\s*[月./-]\s*(\d{1,2}))?", text)
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            return dt.date(y, mo, int(m.group(3))).isoformat()
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()
    except ValueError:
        return None
