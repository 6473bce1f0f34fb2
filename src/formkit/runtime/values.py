"""Values bodies: a ``--values`` file read as exact JSON, checked against SPEC §5's shape and
the template, and applied to a form — every problem a located error (SPEC §5, §7).

A body is SPEC §5's object or a flat ``{FIELD: VALUE}`` object (field ids, table ids with their
rows, grid ids with ``{row: {col: value}}``, ``grid.row.col`` keys, and ``confirm``,
``revision``, ``submission``). In the §5 object ``values``, ``tables``, ``grids``, ``confirm``,
``revision``, ``submission`` and ``rejected`` are used; the other keys ``fill --json`` writes
(``version``, ``state``, ``meta``, ``issues``, ``prev``, ``notes``, and the ``footer`` of the page's
payload) are read past, and
``template``, ``version``, ``org`` and ``period``, when given, must be this form's. Refused,
each at its line and column in the file, every problem at once:

- ``values-syntax``: text that is not JSON; ``NaN``, ``Infinity``, ``-Infinity`` (not JSON, and
  no number of the language); nesting deeper than :data:`MAX_DEPTH`; a key twice in one object;
- ``unknown-values-key``: a key neither the template nor the shape has (a field, table, roster
  column, grid row or column, a pool row's ``_key``), with the nearest known one as a hint;
- ``values-shape``: a known key holding the wrong kind of value (a table that is not a list of
  rows, a revision that is not a whole number…), or a body of another template, unit or period;
- ``read-only-value``: a row that changes a pool-bound roster cell without ``confirm: true``,
  or adds a row to a roster that takes none. A confirmable cell a row changes is corrected,
  as ``form.correct(table, value, row=, col=)`` does.

Values of the wrong type are not refused here: they are typed into the form, which holds them
as refused (a ``type`` issue), and the server's check refuses the submission.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from formkit.core import errors
from formkit.core.errors import Issue, TemplateError, suggestion_hint
from formkit.core.source import SourceSpan
from formkit.core.text import is_blank, strip_blank
from formkit.evaluation.functions import ShownMask
from formkit.meaning.template import Template
from formkit.runtime.form import (
    FOOTER_KEYS,
    NEW_ROW,
    SHAPE_KEYS,
    Form,
    ReadOnlyCell,
    confirmable,
    pool_bound,
    typed_place,
)
from formkit.runtime.record import SubmissionError

__all__ = ["MAX_DEPTH", "Body", "apply_values", "check_render_values", "located_refusal", "parse_body",
           "read_body"]

MAX_DEPTH = 32  # SPEC §5's deepest place (tables → rows → _meta → column → original list) is 7
USED = ("values", "tables", "grids", "confirm", "revision", "submission", "rejected")
READ_PAST = ("version", "state", "meta", "issues", "prev", "notes", "footer", "org_name")  # footer: the page's payload
CONTROL = ("confirm", "revision", "submission")  # the keys a flat body takes beside its values
RENDER = ("footer", "org_name", "period", "due")  # the keys `formkit render --values` reads beside SPEC §5's
_SNIPPET_WIDTH = 300  # a longer line (minified JSON) is not echoed under the error

Path_ = tuple[str | int, ...]


# -- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """A values body: the data, and the text it was read from (to locate problems in)."""

    data: Mapping[str, Any]
    file: str = "<values>"
    text: str = ""

    def span(self, path: Path_) -> SourceSpan:
        """The place of the key (or list element) ``path`` ends with; the file's start when the
        body was not read from text."""
        if not self.text:
            return SourceSpan.point(self.file)
        start, end = _offsets(self.text, path)
        return _span(self.file, self.text, start, end)

    def error(self, issues: Sequence[Issue]) -> TemplateError:
        """A TemplateError of ``issues``, echoing the file's lines under them when they are short."""
        lines = self.text.splitlines()
        short = all(len(lines[i.span.line - 1]) <= _SNIPPET_WIDTH for i in issues if 0 < i.span.line <= len(lines))
        return TemplateError(issues, {self.file: self.text} if self.text and short else None)


def read_body(path: Path) -> Body:
    """A ``--values`` file as a :class:`Body` (``file-not-found``, ``file-encoding`` and
    ``values-syntax`` errors are located in it)."""
    where = SourceSpan.point(str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        issue = Issue(errors.FILE_NOT_FOUND.code, f"cannot read the values file {path}: {reason}", where)
        raise TemplateError([issue]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        issue = Issue(errors.FILE_ENCODING.code, f"the values file is not UTF-8 text (byte {exc.start})", where,
                      hint="save it as UTF-8")
        raise TemplateError([issue]) from None
    return parse_body(text, str(path))


def parse_body(text: str, file: str = "<values>") -> Body:
    """JSON text as a :class:`Body`: numbers as exact decimals, refusing what JSON does not
    have or what could not be read safely (``values-syntax``, located)."""
    text = text.removeprefix("\ufeff")
    blank = Body({}, file, text)
    found = _scan(text)
    if found is not None:
        start, end, message, hint = found
        raise blank.error([Issue(errors.VALUES_SYNTAX.code, message, _span(file, text, start, end), "", hint)])
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=_integer, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        span = SourceSpan.point(file, exc.lineno, exc.colno)
        raise blank.error([Issue(errors.VALUES_SYNTAX.code, f"the values file is not JSON: {exc.msg}", span,
                                 hint="a values file is one JSON object (SPEC §5)")]) from None
    body = Body(data, file, text)
    if not isinstance(data, dict):
        raise body.error([Issue(errors.VALUES_SHAPE.code, "the values file does not hold a JSON object",
                                body.span(()), hint='write {"values": {…}} or {"FIELD": value, …}')])
    return body


def _integer(text: str) -> int | Decimal:
    # Python refuses to make an int of more than 4,300 digits; no number of the language has
    # more than 28, so a longer one is kept as a Decimal for the field to refuse
    return int(text) if len(text) <= 40 else Decimal(text)


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")  # _scan reports these first, located


# strings (with a following ':' when they are keys), brackets, and the constants JSON lacks
_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*")(\s*:)?|[\[{]|[\]}]|-?Infinity|NaN')


def _scan(text: str) -> tuple[int, int, str, str] | None:
    """The first problem json.loads would not report, or not safely: nesting deeper than
    MAX_DEPTH (a recursion error), NaN or Infinity (read as floats), a key twice in one object
    (the last silently wins). A linear scan that skips strings."""
    stack: list[set[str] | None] = []  # per open bracket: the keys of an object, None for a list
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if m.group(1) is not None:
            keys = stack[-1] if stack else None
            if m.group(2) and keys is not None:
                key = _key_text(m.group(1))
                if key in keys:
                    return (m.start(), m.end(1), f"the key {m.group(1)} appears twice in one object",
                            "keep one of them: JSON readers silently keep only the last")
                keys.add(key)
        elif tok in "[{":
            stack.append(set() if tok == "{" else None)
            if len(stack) > MAX_DEPTH:
                return (m.start(), m.end(), f"the values are nested deeper than {MAX_DEPTH} levels",
                        "a values file is SPEC §5's object: values, tables of rows, grids of cells")
        elif tok in "]}":
            if stack:
                stack.pop()
        else:
            return (m.start(), m.end(), f"{tok} is not a number: JSON has no {tok.lstrip('-')}, nor has formkit",
                    "write the number in digits, or null for no value")
    return None


def _key_text(token: str) -> str:
    try:
        key = json.loads(token)
    except ValueError:
        return token
    return key if isinstance(key, str) else token


# -- locating ---------------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_SKIP = json.JSONDecoder(parse_float=Decimal, parse_int=_integer)


def _offsets(text: str, path: Path_) -> tuple[int, int]:
    """(start, end) of the key or element ``path`` ends with in valid JSON text: the walk goes
    down the path, parsing only the values it passes over. Where the path leaves the text (a
    key given as a number…), the deepest place found."""
    here = (_ws(text, 0), _ws(text, 0) + 1)
    at = here[0]
    for step in path:
        found = _member(text, at, step) if isinstance(step, str) else _element(text, at, step)
        if found is None:
            break
        here, at = found[:2], found[2]
    return here


def _ws(text: str, at: int) -> int:
    m = _WS.match(text, at)
    return m.end() if m else at


def _member(text: str, at: int, name: str) -> tuple[int, int, int] | None:
    """(key start, key end, value start) of ``name`` in the object at ``at``."""
    if not text.startswith("{", at):
        return None
    i = _ws(text, at + 1)
    while text.startswith('"', i):
        key, end = _SKIP.raw_decode(text, i)  # the key: a JSON string
        value_at = _ws(text, _ws(text, end) + 1)
        if key == name:
            return i, end, value_at
        i = _ws(text, _SKIP.raw_decode(text, value_at)[1])
        if not text.startswith(",", i):
            return None
        i = _ws(text, i + 1)
    return None


def _element(text: str, at: int, index: int) -> tuple[int, int, int] | None:
    """(start, start + 1, start) of element ``index`` of the list at ``at``."""
    if not text.startswith("[", at):
        return None
    i = _ws(text, at + 1)
    for _ in range(index):
        if text.startswith("]", i):
            return None
        i = _ws(text, _SKIP.raw_decode(text, i)[1])
        if not text.startswith(",", i):
            return None
        i = _ws(text, i + 1)
    return None if text.startswith("]", i) else (i, i + 1, i)


def _span(file: str, text: str, start: int, end: int) -> SourceSpan:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_column = end - (text.rfind("\n", 0, end) + 1) + 1
    return SourceSpan(file, line, column, end_line, max(end_column, column + 1) if end_line == line else end_column)


# -- checking ---------------------------------------------------------------------------------------


@dataclass
class _Check:
    """Collects every problem of a body (SPEC §7: all of them, not the first)."""

    body: Body
    tpl: Template
    form: Form | None  # None: a body to render (no org unit, period or pool rows to check against)
    issues: list[Issue] = field(default_factory=list)

    @property
    def extra(self) -> tuple[str, ...]:
        """Keys a body to render takes beside SPEC §5's (the header, footer and period shown)."""
        return RENDER if self.form is None else ()

    def add(self, code: errors.ErrorCode, path: Path_, message: str, hint: str | None = None) -> None:
        self.issues.append(Issue(code.code, message, self.body.span(path), _dotted(path), hint))

    def unknown(self, path: Path_, what: str, known: Iterable[str], owner: str | None = None,
                name: str | None = None) -> None:
        """``path`` ends with a key (or names a ``name``) that is not one of ``known``: say so,
        with the nearest."""
        name, known = name or str(path[-1]), list(known)
        where = f" (at {_dotted(path)})" if len(path) > 1 else ""
        self.add(errors.UNKNOWN_VALUES_KEY, path, f"{owner or repr(self.tpl.id)} has no {what} '{name}'{where}",
                 suggestion_hint(name, known) or f"the known ones: {', '.join(sorted(known)[:12]) or 'none'}")

    def shape(self, path: Path_, message: str, hint: str | None = None) -> None:
        self.add(errors.VALUES_SHAPE, path, message, hint)

    def mapping(self, path: Path_, value: object, what: str) -> Mapping[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.shape(path, f"{_dotted(path)} must be an object of {what}")
            return {}
        return value


def _dotted(path: Path_) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _cells(tpl: Template) -> dict[str, tuple[str, str, str]]:
    return {f"{gid}.{r}.{c}": (gid, r, c) for gid, g in tpl.grids.items() for (r, c) in g.cells}


def _check(c: _Check, data: Mapping[str, Any], shaped: bool) -> None:
    tpl = c.tpl
    if shaped:
        for key, value in data.items():
            if key in (*tpl.fields, *tpl.tables, *tpl.grids) and key not in (*SHAPE_KEYS, *USED, *READ_PAST):
                part = "values" if key in tpl.fields else ("tables" if key in tpl.tables else "grids")
                c.shape((key,), f"'{key}' is given beside SPEC §5's keys: in that object it goes under '{part}'",
                        f'write {{"{part}": {{"{key}": …}}}}, or give the file as a flat {{FIELD: value}} object')
            elif key not in (*SHAPE_KEYS, *USED, *READ_PAST, *c.extra):
                c.unknown((key,), "key", (*SHAPE_KEYS, *USED, *c.extra), owner="SPEC §5's object")
            elif key in ("template", "version", "org", "period"):
                _same(c, key, value)
        _values(c, ("values",), c.mapping(("values",), data.get("values"), "field values"), flat=False)
        for tid, rows in c.mapping(("tables",), data.get("tables"), "roster rows").items():
            _table(c, ("tables", tid), tid, rows)
        for gid, rows in c.mapping(("grids",), data.get("grids"), "grid rows").items():
            _grid(c, ("grids", gid), gid, rows)
        for key in c.mapping(("meta",), data.get("meta"), "sources"):
            if key not in (*tpl.fields, *tpl.tables, *tpl.grids):
                c.unknown(("meta", key), "field", (*tpl.fields, *tpl.tables, *tpl.grids))
        _rejected(c, data.get("rejected"))
        if c.form is not None:  # a body to store; one to render shows any footer as given
            _footer(c, data.get("footer"))
    else:
        _values(c, (), data, flat=True)
    _control(c, data)


FOOTER_LENGTH = 200  # a name, a phone number or a date: far less


def _footer(c: _Check, footer: object) -> None:
    """The footer staff fill: text (or null) under its known keys; ``org`` (填报单位, the unit's
    name) is shown by the server and read past."""
    for key, value in c.mapping(("footer",), footer, "footer lines").items():
        if key == "org":
            continue
        if key not in FOOTER_KEYS:
            c.unknown(("footer", key), "footer line", FOOTER_KEYS)
        elif value is not None and not isinstance(value, str):
            c.shape(("footer", key), f"the footer's '{key}' is text, not {type(value).__name__}")
        elif isinstance(value, str) and (len(value) > FOOTER_LENGTH or any(ord(ch) < 32 for ch in value)):
            c.shape(("footer", key), f"the footer's '{key}' is one line of at most {FOOTER_LENGTH} characters")


def _values(c: _Check, path: Path_, values: Mapping[str, Any], *, flat: bool) -> None:
    tpl = c.tpl
    cells = _cells(tpl)
    control = (*CONTROL, *c.extra) if flat else ()
    known = [*tpl.fields, *cells, *((*tpl.tables, *tpl.grids, *control) if flat else ())]
    for key, value in values.items():
        if key in tpl.fields or key in cells or key in control:
            continue
        if flat and key in tpl.tables:
            _table(c, (key,), key, value)
        elif flat and key in tpl.grids:
            _grid(c, (key,), key, value)
        elif key in tpl.tables or key in tpl.grids:
            part = "tables" if key in tpl.tables else "grids"
            c.shape((*path, key), f"'{key}' is a {part[:-1]}: in SPEC §5's object it goes under '{part}'")
        else:
            c.unknown((*path, key), "field", known)


def _same(c: _Check, key: str, value: object) -> None:
    """``template``, ``version``, ``org``, ``period``: the body must be a form of this one."""
    if c.form is None and key in ("org", "period"):
        return  # a body to render shows any unit's, any period's values
    own = {"template": c.tpl.id, "version": c.tpl.version,
           "org": c.form.org if c.form else None, "period": c.form.period if c.form else None}[key]
    if value is not None and value != own:
        c.shape((key,), f"the values are a form of {key} {value!r}, and this one is of {own!r}",
                f"submit them with that {key}, or remove '{key}' (and 'revision', 'submission') from the file")


def _control(c: _Check, data: Mapping[str, Any]) -> None:
    revision = data.get("revision")
    if isinstance(revision, str) and revision.isascii() and revision.isdigit():
        revision = int(revision)  # the page's payload writes numbers as exact text ("3")
    if revision is not None and (isinstance(revision, bool) or not isinstance(revision, int | Decimal)
                                 or revision != int(revision) or revision < 0):
        c.shape(("revision",), f"the revision must be a whole number (the stored one the form was filled from), "
                               f"not {revision!r}")
    submission = data.get("submission")
    if submission is not None and not (isinstance(submission, str) and submission):
        c.shape(("submission",), "the submission id must be text")
    confirm = data.get("confirm")
    if confirm is None:
        return
    if not isinstance(confirm, list):
        c.shape(("confirm",), "'confirm' must be a list of field ids")
        return
    choices = [fid for fid, f in c.tpl.fields.items() if confirmable(f)]
    for i, fid in enumerate(confirm):
        if not isinstance(fid, str):
            c.shape(("confirm", i), "'confirm' must be a list of field ids")
        elif fid not in c.tpl.fields:
            c.unknown(("confirm", i), "field", choices)
        elif fid not in choices:
            c.shape(("confirm", i), f"'{fid}' is not a pre-filled value that staff may confirm (confirm: true)",
                    f"these may be confirmed: {', '.join(choices) or 'none'}")


def _table(c: _Check, path: Path_, tid: str, rows: object) -> None:
    if rows is None:
        return
    if not isinstance(rows, list):
        c.shape(path, f"the rows of '{tid}' must be a list of {{column: value}} objects")
        return
    t = c.tpl.tables[tid]
    pooled = {str(r.get("_key")) for r in c.form.pool_rows.get(tid, [])} if c.form is not None else set()
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            c.shape((*path, i), f"a row of '{tid}' must be a {{column: value}} object")
            continue
        for key in row:
            if key not in t.columns and key not in ("_key", "_meta"):
                c.unknown((*path, i, key), "column", (*t.columns, "_key", "_meta"), owner=f"the table '{tid}'")
        for cid in c.mapping((*path, i, "_meta"), row.get("_meta"), "column sources"):
            if cid not in t.columns:
                c.unknown((*path, i, "_meta", cid), "column", t.columns, owner=f"the table '{tid}'")
        if c.form is not None:  # a body to render shows any rows (no pool to match them to)
            _row_key(c, (*path, i), tid, row.get("_key"), pooled)


def _row_key(c: _Check, path: Path_, tid: str, key: object, pooled: set[str]) -> None:
    """A pool roster's row is a pool row (its ``_key``) or one staff add (no key, ``new:…``)."""
    t = c.tpl.tables[tid]
    if key is not None and not isinstance(key, str | int):
        c.shape((*path, "_key"), "a row's _key must be text")
        return
    added = key is None or str(key).startswith(NEW_ROW)
    if t.rows is not None and not added and str(key) not in pooled:
        c.unknown((*path, "_key"), "pre-filled row with the key", sorted(pooled), owner=f"the table '{tid}'",
                  name=str(key))
    elif added and not t.add_rows:
        c.add(errors.READ_ONLY_VALUE, (*path, "_key") if key is not None else path,
              f"rows cannot be added to the table '{tid}' (add_rows: false)",
              "give only its pre-filled rows, each with its _key")


def _grid(c: _Check, path: Path_, gid: str, rows: object) -> None:
    g = c.tpl.grids[gid]
    row_ids = [r.id for r in g.model.grid_rows]
    col_ids = [col.id for col in g.model.grid_columns]
    for rid, cols in c.mapping(path, rows, "grid rows").items():
        if rid not in row_ids:
            c.unknown((*path, rid), "row", row_ids, owner=f"the grid '{gid}'")
            continue
        for cid in c.mapping((*path, rid), cols, "grid cells"):
            if cid not in col_ids:
                c.unknown((*path, rid, cid), "column", col_ids, owner=f"the grid '{gid}'")


def _rejected(c: _Check, entries: object) -> None:
    if entries is None:
        return
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        c.shape(("rejected",), "'rejected' must be a list of {field, row, col, value}")
        return
    for i, e in enumerate(entries):
        if typed_place(c.tpl, e) is None:
            c.shape(("rejected", i), f"'rejected' names {e.get('field')!r} (row {e.get('row')!r}, "
                                     f"col {e.get('col')!r}): not a place where values are typed")


# -- applying ---------------------------------------------------------------------------------------


def apply_values(form: Form, body: Body | Mapping[str, Any]) -> Form:
    """Check a values body (see the module docstring) and type it into ``form``: typed values,
    roster rows (corrections of confirmable pool-bound cells among them), grid cells,
    corrections of confirmable values (a value that differs from the pre-filled one),
    ``confirm``, ``revision``, ``submission``, ``rejected``. Pre-filled and calculated values
    in the body are left to the server, which recomputes them. Raises TemplateError with every
    problem of the body's shape before anything is typed; a change to a read-only roster cell,
    found as the rows are typed, raises too (and the form is not to be submitted then)."""
    if not isinstance(body, Body):
        body = Body(body)
    data = body.data
    check = _Check(body, form.template, form)
    shaped = _shaped(form.template, data)
    _check(check, data, shaped)
    if check.issues:
        raise body.error(check.issues)
    _apply(form, Body(_keep_shown(form, data, shaped), body.file, body.text), shaped)
    return form


def _keep_shown(form: Form, data: Mapping[str, Any], shaped: bool) -> Mapping[str, Any]:
    """``data`` with each masked ID or phone number the form showed (a :class:`ShownMask`) and the
    body sends back unchanged put back as that mark: it stands for the stored number, where the
    same text typed anew is no number at all (and is refused)."""
    marked = {fid: v for fid, v in form.values.items() if isinstance(v, ShownMask)}
    rows = {tid: {str(r.get("_key")): r for r in form.tables[tid]} for tid in form.template.tables
            if any(isinstance(v, ShownMask) for r in form.tables[tid] for v in r.values())}
    if not marked and not rows:
        return data
    out = dict(data)
    values = dict((data.get("values") or {}) if shaped else data)
    for fid, v in marked.items():
        if values.get(fid) == v:
            values[fid] = v
    tables = dict((data.get("tables") or {}) if shaped else data)
    for tid, by_key in rows.items():
        if isinstance(tables.get(tid), list):
            tables[tid] = [_keep_row(r, by_key) for r in tables[tid]]
    if shaped:
        out["values"], out["tables"] = values, tables
        return out
    return {**values, **{tid: tables[tid] for tid in rows if tid in tables}}


def _keep_row(row: object, by_key: Mapping[str, Mapping[str, Any]]) -> object:
    shown = by_key.get(str(row.get("_key"))) if isinstance(row, Mapping) else None
    if shown is None or not isinstance(row, Mapping):
        return row
    return {k: shown[k] if isinstance(shown.get(k), ShownMask) and shown[k] == v else v for k, v in row.items()}


def check_render_values(template: Template, body: Body) -> Mapping[str, Any]:
    """A body to render (``formkit render --values``), checked as :func:`apply_values` checks one
    to submit — unknown keys, wrong shapes — but against the template alone: any ``org``,
    ``period`` and rows are shown as given, and ``footer``, ``org_name`` and ``period`` are taken
    beside SPEC §5's keys. Returns the data; raises TemplateError with every problem."""
    check = _Check(body, template, None)
    _check(check, body.data, _shaped(template, body.data, RENDER))
    if check.issues:
        raise body.error(check.issues)
    return body.data


def _shaped(tpl: Template, data: Mapping[str, Any], extra: tuple[str, ...] = ()) -> bool:
    """SPEC §5's object, not a flat one: ``values`` is an object, or a key of the §5 object
    that is no id of the template is given (a flat body has only ids and CONTROL keys)."""
    ids = {*tpl.fields, *tpl.tables, *tpl.grids, *_cells(tpl), *CONTROL, *extra}
    return isinstance(data.get("values"), Mapping) or any(
        k in data and k not in ids for k in (*SHAPE_KEYS, *USED, *READ_PAST))


def _apply(form: Form, body: Body, shaped: bool) -> None:
    data = body.data
    flat: Mapping[str, Any] = (data.get("values") or {}) if shaped else data
    _apply_fields(form, flat)
    tables: Mapping[str, Any] = (data.get("tables") or {}) if shaped else data
    for tid in form.template.tables:
        if isinstance(tables.get(tid), list):
            _apply_rows(form, body, ("tables", tid) if shaped else (tid,), tid, tables[tid])
    _apply_grids(form, (data.get("grids") or {}) if shaped else data, flat)
    for i, e in enumerate((data.get("rejected") or []) if shaped else []):
        place = typed_place(form.template, e)
        if place is None:  # checked: every entry names a place
            continue
        slot, row, col = place
        if row is not None and not 0 <= row < len(form.st.tables.get(slot, [])):
            raise body.error([Issue(errors.VALUES_SHAPE.code, f"'{slot}' has no row {row}",
                                    body.span(("rejected", i, "row")), f"rejected[{i}].row")])
        form.set(slot, e.get("value"), row=row, col=col)
    for fid in data.get("confirm") or []:
        form.confirm(fid)
    if shaped and isinstance(data.get("footer"), Mapping):
        form.footer = {k: strip_blank(v) for k, v in data["footer"].items()
                       if k in FOOTER_KEYS and isinstance(v, str) and not is_blank(v)}
    if data.get("revision"):
        form.revision = int(data["revision"])
    if data.get("submission") and not form.revision:
        form.submission = data["submission"]


def _apply_fields(form: Form, flat: Mapping[str, Any]) -> None:
    """Typed fields, and corrections of confirmable ones (a value other than the pre-filled one)."""
    for fid, f in form.template.fields.items():
        if fid not in flat:
            continue
        if f.kind == "input":
            form.set(fid, flat[fid])
        elif confirmable(f) and flat[fid] != form.original(fid):
            form.correct(fid, flat[fid])


def _apply_grids(form: Form, grids: Mapping[str, Any], flat: Mapping[str, Any]) -> None:
    """Input cells, nested ``{grid: {row: {col: v}}}`` or as ``grid.row.col`` keys."""
    for gid, g in form.template.grids.items():
        nested = grids.get(gid)
        for (rid, cid), cell in g.cells.items():
            slot = f"{gid}.{rid}.{cid}"
            v = ((nested.get(rid) or {}).get(cid)) if isinstance(nested, Mapping) else flat.get(slot)
            if cell.kind == "input" and v is not None:
                form.set(slot, v)


def _apply_rows(form: Form, body: Body, path: Path_, tid: str, rows: list[Mapping[str, Any]]) -> None:
    """A roster's rows, then the confirmations their ``_meta`` gives (SPEC §5, as from_json)."""
    try:
        form.set(tid, rows)
    except ReadOnlyCell as exc:
        hint = "leave the pool's value as it is: its owners correct it in the pool"
        raise body.error([Issue(errors.READ_ONLY_VALUE.code, str(exc), body.span((*path, exc.index, exc.col)),
                                _dotted((*path, exc.index, exc.col)), hint)]) from None
    except ValueError as exc:  # a correction of the wrong type
        raise body.error([Issue(errors.INVALID_SUBMISSION.code, f"the submission is refused: {exc}",
                                body.span(path), _dotted(path))]) from None
    columns = form.template.tables[tid].columns
    pooled = {str(r.get("_key")) for r in form.pool_rows.get(tid, [])}
    for row in rows:
        key, meta = row.get("_key"), row.get("_meta")
        if key is None or str(key) not in pooled or not isinstance(meta, Mapping):
            continue
        for cid, m in meta.items():
            c = columns[cid]
            said = m.get("source") if isinstance(m, Mapping) else None
            corrected = cid in form.row_fixes.get(tid, {}).get(str(key), {})  # the value decides
            if said == "confirmed" and pool_bound(c) and c.model.confirm and not corrected:
                form.confirm(tid, row=str(key), col=cid)


def located_refusal(body: Body, exc: TemplateError, lang: str = "zh") -> TemplateError:
    """A refused submission (``invalid-submission`` with its ``problems``) located where each
    problem's value stands in the values file, not at the template's field (issue 18: at the value,
    never at `formkit: 1`). Problems on a value the file does not give (a calc, a pre-filled
    value) keep the template's place."""
    problems = list(getattr(exc, "problems", []))
    if not body.text or not problems:
        return exc
    issues: list[Issue] = []
    rest = []
    for problem in problems:
        path = _problem_path(body, problem)
        if path is None:
            rest.append(problem)
            continue
        where = ".".join(str(x) for x in (problem.field, problem.row, problem.col) if x is not None)
        issues.append(Issue(errors.INVALID_SUBMISSION.code, f"{where}: {problem.message(lang)} ({problem.rule})",
                            body.span(path), _dotted(path)))
    if rest:
        issues.extend(i for i in exc.issues)
    located = body.error(issues)
    sources = dict(exc.sources)
    sources.update(located.sources)
    return SubmissionError(located.issues, sources, problems)


def _problem_path(body: Body, problem: Any) -> Path_ | None:
    """Where ``problem``'s value is in the body: SPEC §5's shape or a flat ``{field: value}``."""
    data = body.data
    field, row, col = problem.field, problem.row, problem.col
    if field is None:
        return None
    scalar: tuple[Path_, ...] = (("values", field), (field,))
    cell: tuple[Path_, ...] = (("grids", field, row, col), (field, row, col))
    if row is None and col is None:
        return next((path for path in scalar if _has(data, path)), None)
    if isinstance(row, str) and col is not None:  # a grid cell, or a roster row by its key
        found = next((path for path in cell if _has(data, path)), None)
        if found is not None:
            return found
    for base in (("tables", field), (field,)):
        rows = _at(data, base)
        if isinstance(rows, list):
            index = row if isinstance(row, int) else next(
                (i for i, r in enumerate(rows) if isinstance(r, Mapping) and r.get("_key") == row), None)
            if index is not None and 0 <= index < len(rows):
                return (*base, index, col) if col is not None and _has(data, (*base, index, col)) else (*base, index)
    return None


def _at(data: Any, path: Path_) -> Any:
    for step in path:
        keyed = isinstance(step, str) and isinstance(data, Mapping) and step in data
        indexed = isinstance(step, int) and isinstance(data, list) and 0 <= step < len(data)
        if keyed or indexed:
            data = data[step]
        else:
            return None
    return data


def _has(data: Any, path: Path_) -> bool:
    parent = _at(data, path[:-1])
    last = path[-1]
    return (isinstance(parent, Mapping) and last in parent) or (
        isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent))
