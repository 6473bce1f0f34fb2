"""Demo: ``formkit demo`` — the whole loop on the embedded default engine, in one command.

1. generate the demo pool (one district, ~150 communities, by default) into ``D/demo.duckdb``;
2. for every example template, fill the form of a sample unit (a community, or its street) and
   submit it through the real path (fill → confirm / correct → submit);
3. send every example down to every unit at its level and submit synthetic values in bulk
   (evaluated by the same evaluator, inserted in one statement per table, then validated in
   SQL); templates that read ``prev()`` get last period submitted first, so the carry-forward
   shows;
4. roll each example up to the city and print the roll-up;
5. write each example's HTML form (a whole page, the static files next to it), Excel workbook,
   JSON form spec and filled form JSON into ``D``.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import formkit
from formkit.core.idcard import check_char
from formkit.core.periods import Period, previous
from formkit.demo import pool as demo_pool
from formkit.document.model import pick_label
from formkit.evaluation import functions as fn
from formkit.evaluation.evaluator import Env, EvaluationError, eval_node
from formkit.evaluation.formchecks import all_specs
from formkit.evaluation.formeval import FormValues, evaluate_form, reevaluate
from formkit.evaluation.state import FormIssue
from formkit.language import ast
from formkit.language.ast import Type
from formkit.meaning.template import Template
from formkit.runtime import audit, connect, store
from formkit.runtime import workflow as wf
from formkit.runtime.form import NEW_ROW, Form, dumps, pool_bound
from formkit.runtime.record import Record
from formkit.sql.names import Layout, layout
from formkit.sql.prefill import prefill_all
from formkit.sql.rows import roster_tables
from formkit.sql.validate import validate

__all__ = ["DEMO_PERIODS", "DemoResult", "run_demo", "synthesize"]

#: The period each example is filled for (fixed, so that every run shows the same numbers).
DEMO_PERIODS = {"weekly": "2026W44", "monthly": "2026-10", "quarterly": "2026Q3", "yearly": "2025", "once": "once"}
USER = "demo"
_DAY = dt.date(2026, 10, 31)  # "today" for a once form in the demo
_SAFE_ID = "37060219900101002" + check_char("37060219900101002")
_ROUNDS = 6  # repairs of synthetic values: two new draws, optional ones reset, then everything behind


@dataclass
class DemoResult:
    directory: Path
    database: Path
    pool_rows: dict[str, int]
    submitted: dict[str, int] = field(default_factory=dict)  # template id -> submissions stored
    violations: dict[str, int] = field(default_factory=dict)  # template id -> SQL validation findings
    rollups: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    samples: dict[str, str] = field(default_factory=dict)  # template id -> org unit filled by hand
    derived: dict[str, tuple[int, float]] = field(default_factory=dict)  # derived id -> (units sent down, seconds)
    corrected: list[str] = field(default_factory=list)  # templates whose hand-filled form kept a correction
    showcase: dict[str, str] = field(default_factory=dict)  # template id -> a unit whose rosters have rows
    url: str = ""  # where the demo runs: duckdb:///<database> unless --db named another engine


def run_demo(directory: Path, scale: float = demo_pool.DEFAULT_SCALE, *, seed: int = 7,
             console: Console | None = None, db: str | None = None) -> DemoResult:
    """Build the demo into ``directory`` (created; a previous demo database is replaced). With
    ``db`` (``spark://local?warehouse=DIR``), the pool generated in DuckDB is loaded there and
    every step runs on that engine."""
    out = console or Console()
    started = time.perf_counter()
    directory.mkdir(parents=True, exist_ok=True)
    db_path = directory / "demo.duckdb"
    for old in (db_path, db_path.with_name(db_path.name + ".wal")):
        old.unlink(missing_ok=True)
    pool = formkit.load_pool(formkit.examples_dir() / "demo_city.pool.yaml")
    templates = [formkit.load(p) for p in sorted(formkit.examples_dir().glob("*.yaml")) if p.name.count(".") == 1]
    # derived reports (SPEC §8.4) last: they read what the others' runs submitted
    templates.sort(key=lambda t: t.derived)
    layout = demo_pool.city_layout(scale)
    sample = layout.communities[0]
    con = connect(f"duckdb:///{db_path}")
    con.raw.execute("SET enable_progress_bar = false")  # type: ignore[attr-defined]
    source = con
    timings: dict[str, float] = {}
    try:
        with _progress(out) as step:
            with step("generating the demo pool", timings, "pool"):
                # DuckDB builds the pool without the GIL: meanwhile a one-community city runs the
                # same steps in a thread, so every statement is built and cached by the time the
                # real run needs it (building SQL costs more than running it at this size).
                warm = threading.Thread(target=_warm_up, args=(pool, templates, seed), daemon=True)
                if db is None:
                    warm.start()
                counts = demo_pool.generate_demo_pool(con, pool, scale=scale, seed=seed)
                if db is None:
                    warm.join()
            if db is not None:
                with step("loading the pool into the database", timings, "load"):
                    con = connect(db)
                    demo_pool.copy_pool(source, con, pool)
            result = DemoResult(directory, db_path, counts, timings=timings, url=db or f"duckdb:///{db_path}")
            for tpl in templates:
                org = sample.code if tpl.level == "community" else sample.street_code
                with step(f"{tpl.id}: send down, fill, submit" if not tpl.derived
                          else f"{tpl.id}: derived, read from its source", timings, tpl.id):
                    _run_template(con, tpl, org, layout.units[0][0], result=result, rng=random.Random(seed))
            with step("writing the forms", timings, "render"):
                result.files = _write_files(con, templates, result, directory)
    finally:
        con.close()
        if source is not con:
            source.close()
    timings["total"] = time.perf_counter() - started
    _report(out, templates, result, layout.units[0][2], sample.district_code)
    return result


def _warm_up(pool: Any, templates: list[Template], seed: int) -> None:
    """Run every template once on a one-community city in memory (results thrown away)."""
    try:
        con = connect("duckdb:///:memory:")
        con.raw.execute("SET enable_progress_bar = false")  # type: ignore[attr-defined]
        layout = demo_pool.city_layout(1 / demo_pool.FULL_SCALE_COMMUNITIES)
        demo_pool.generate_demo_pool(con, pool, scale=1 / demo_pool.FULL_SCALE_COMMUNITIES, seed=seed)
        scratch = DemoResult(Path(), Path(), {})
        sample = layout.communities[0]
        for tpl in templates:
            org = sample.code if tpl.level == "community" else sample.street_code
            _run_template(con, tpl, org, layout.units[0][0], result=scratch, rng=random.Random(seed))
        con.close()
    except Exception:  # only a head start: the real run reports any problem itself
        return


@contextmanager
def _progress(out: Console) -> Iterator[Callable[..., Any]]:
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=out,
                  transient=False) as progress:
        task = progress.add_task("formkit demo", total=None)

        @contextmanager
        def step(what: str, timings: dict[str, float], key: str) -> Iterator[None]:
            progress.update(task, description=what)
            t0 = time.perf_counter()
            yield
            timings[key] = time.perf_counter() - t0
            progress.advance(task)

        yield step
        progress.update(task, description="done")


# -- one template -----------------------------------------------------------------------------------


def _run_template(con: Any, tpl: Template, sample_org: str, city: str, *, result: DemoResult,
                  rng: random.Random) -> None:
    if tpl.derived:
        _run_derived(con, tpl, sample_org, city, result=result)
        return
    period = DEMO_PERIODS[tpl.period]
    before = previous(tpl.period_of(period))
    if before is not None and tpl.period == "weekly" and tpl.reads_prev:  # last week first: prev() shows
        _bulk(con, tpl, city, before.text, rng, skip=None)
    form = wf.fill(tpl, con, sample_org, period, user=USER)
    form = _settle(tpl, form, synthesize(tpl, form.st.specs, form.pool_rows, _day(tpl, period), rng), rng)
    corrected = _feedback(form)
    form = wf.submit(tpl, con, form, user=USER) if not form.errors else wf.save_draft(tpl, con, form, user=USER)
    if corrected and form.state == "submitted":
        result.corrected.append(tpl.id)
    result.samples[tpl.id] = sample_org
    result.showcase[tpl.id] = _showcase(con, tpl, sample_org, city, period)
    stored = _bulk(con, tpl, city, period, rng, skip=sample_org)
    result.submitted[tpl.id] = stored + (1 if form.state == "submitted" else 0)
    result.violations[tpl.id] = sum(1 for v in validate(con, tpl, city, period=period) if v.severity == "error")
    result.rollups[tpl.id] = wf.rollup(tpl, con, org=city, period=period)[0]


def _run_derived(con: Any, tpl: Template, sample_org: str, city: str, *, result: DemoResult) -> None:
    """A derived report is never typed: sent down to every unit (read from what its source's
    run submitted, one statement for all of them) and rolled up beside its source."""
    period = DEMO_PERIODS[tpl.period]
    t0 = time.perf_counter()
    forms = wf.fill_all(tpl, con, city, period)
    result.derived[tpl.id] = (len(forms), time.perf_counter() - t0)
    result.samples[tpl.id] = result.showcase[tpl.id] = sample_org
    result.submitted[tpl.id] = 0
    result.violations[tpl.id] = 0
    result.rollups[tpl.id] = wf.rollup(tpl, con, org=city, period=period)[0]


def _showcase(con: Any, tpl: Template, sample_org: str, city: str, period: str) -> str:
    """The unit to show in "Try next": the hand-filled sample, unless its rosters are empty and
    another unit's are not (a form opened on an empty roster shows nothing to try)."""
    tables = roster_tables(tpl)
    if not tables:
        return sample_org
    rows = wf.roster_rows_by_unit(con, tpl, tables[0], city, period)
    if rows.get(sample_org):
        return sample_org
    return next((unit for unit in sorted(rows) if rows[unit]), sample_org)


def _feedback(form: Form) -> bool:
    """Feedback-confirm as staff would: confirm the first pre-filled value, correct the second.
    True when a correction was kept (`formkit corrections` then has something to list)."""
    fields = [fid for fid, f in form.template.fields.items() if f.kind == "value" and f.model.confirm]
    if fields:
        form.confirm(fields[0])
    if len(fields) > 1:
        value = form[fields[1]]
        if isinstance(value, Decimal):
            form.correct(fields[1], value + 1)
            if form.errors:  # the correction breaks a rule: confirm the value as it is instead
                form.confirm(fields[1])
                return False
            return True
    return False


def _bulk(con: Any, tpl: Template, city: str, period: str, rng: random.Random, *, skip: str | None) -> int:
    """Every unit at the template's level that has not submitted: pre-filled (one statement,
    and one per roster), given synthetic values, evaluated by the same evaluator as a submit
    (inputs an error stands on are reset and only their dependants evaluated again), inserted
    in bulk (one statement per table) and recorded in the audit table. Returns how many."""
    pres = prefill_all(con, tpl, city, period)
    done = wf.submission_states(con, tpl, city, period)
    rows = {tid: wf.roster_rows_by_unit(con, tpl, tid, city, period) for tid in roster_tables(tpl)}
    before = previous(tpl.period_of(period))
    with_prev = wf.submission_states(con, tpl, city, before.text) if before and tpl.reads_prev else {}
    specs = all_specs(tpl)
    lay = layout(tpl)
    day = _day(tpl, period)
    records: list[Record] = []
    for unit in sorted(pres):
        if unit == skip or unit in done:
            continue
        pool_rows = {tid: by_unit.get(unit, []) for tid, by_unit in rows.items()}
        prev = store.prev_values(con, tpl, unit, period) if unit in with_prev else {}
        inputs = synthesize(tpl, specs, pool_rows, day, rng)
        _respect_row_rules(tpl, specs, inputs, pool_rows, tpl.period_of(period))
        prefilled = {**pres[unit], **pool_rows}
        st = evaluate_form(tpl, inputs, prefilled=prefilled, prev_values=prev, period=period)
        for attempt in range(_ROUNDS + 1):
            errors = [i for i in st.issues if i.severity == "error"]
            if not errors:
                records.append(_record(tpl, lay, unit, period, st))
                break
            if attempt == _ROUNDS:
                break  # left for the unit to fill in: it shows in `formkit status`
            touched: set[str] = set()
            for issue in errors:
                touched |= _repair(tpl, specs, inputs, issue, day, attempt=attempt, rng=rng)
            for slot in sorted(touched):
                reevaluate(tpl, st, slot, inputs[slot])
    with con.transaction():
        store.insert_records(con, tpl, records, user=USER)
        audit.record_many(con, tpl, [{"action": "submit", "user": USER, "org": r.org, "period": period,
                                      "submission": r.submission_id, "to_state": "submitted", "revision": 1,
                                      "detail": {"bulk": True}} for r in records])
    return len(records)


def _respect_row_rules(tpl: Template, specs: Mapping[str, fn.Spec], inputs: dict[str, object],
                       pool_rows: Mapping[str, Sequence[Mapping[str, Any]]], period: Period) -> None:
    """Before the form is evaluated: a roster row that breaks one of its table's error rules
    (read on the row's pool values and synthetic inputs) gets safe values in the inputs the rule
    reads, so that most forms are evaluated once."""
    env = Env(period=period, today=_DAY)
    for rule in tpl.rules:
        tid, node = rule.table, rule.check.node
        rows = inputs.get(tid) if tid is not None else None
        if tid is None or node is None or not isinstance(rows, list) or rule.model.severity != "error":
            continue
        t = tpl.tables[tid]
        refs = [n.ref for n in ast.walk(node) if isinstance(n, ast.Name)]
        typed = sorted({r.column for r in refs if isinstance(r, ast.RowColumnRef)
                        and r.column in t.columns and t.columns[r.column].kind == "input"})
        pool = {str(r.get("_key")): r for r in pool_rows.get(tid, [])}
        for row in rows:
            try:
                ok = eval_node(node, env.with_row(tid, {**pool.get(str(row.get("_key")), {}), **row}))
            except (EvaluationError, TypeError, KeyError):
                continue
            if ok is False:
                for c in typed:
                    row[c] = _safe(specs[f"{tid}.{c}"], t.columns[c].model.min, _DAY)


def _record(tpl: Template, lay: Layout, unit: str, period: str, st: FormValues) -> Record:
    """The stored form of an evaluated, error-free form (nothing corrected: every confirmable
    value keeps its pre-filled original)."""
    values = {slot: st.values.get(slot) for slot in lay.slots}
    confirm = {fid: (values[fid], "pool" if pool_bound(tpl.fields[fid]) else "prev")
               for fid, c in lay.fields.items() if c.confirm}
    rows = {tid: [dict(r) for r in st.tables.get(tid, [])] for tid in tpl.tables}
    return Record(unit, period, "submitted", values, rows, confirm, submission_id=uuid.uuid4().hex)


# -- synthetic values -------------------------------------------------------------------------------


def synthesize(tpl: Template, specs: Mapping[str, fn.Spec], pool_rows: Mapping[str, Sequence[Mapping[str, Any]]],
               day: dt.date, rng: random.Random) -> dict[str, object]:
    """Plausible typed values for every input of a form (fields, grid cells, roster columns of
    each pool row, and one or two added rows where staff may add rows)."""
    inputs: dict[str, object] = {}
    for fid, f in tpl.fields.items():
        if f.kind == "input":
            inputs[fid] = _value(specs[fid], f.model.min, f.model.max, day, rng, big=_required(f))
    for gid, g in tpl.grids.items():
        for (rid, cid), cell in g.cells.items():
            if cell.kind == "input":
                inputs[f"{gid}.{rid}.{cid}"] = _value(specs[f"{gid}.{rid}.{cid}"], None, None, day, rng)
    for tid, t in tpl.tables.items():
        cols = [(cid, c) for cid, c in t.columns.items() if c.kind == "input"]
        rows: list[dict[str, object]] = [{"_key": r.get("_key")} for r in pool_rows.get(tid, [])]
        if t.add_rows:
            rows += [{"_key": f"{NEW_ROW}{rng.getrandbits(64):016x}"} for _ in range(rng.randint(1, 2))]
        for row in rows:
            for cid, c in cols:
                row[cid] = _value(specs[f"{tid}.{cid}"], c.model.min, c.model.max, day, rng)
        inputs[tid] = rows
    return inputs


def _bound(src: Any) -> int | None:
    const = getattr(src, "const", None) if src is not None and getattr(src, "text", None) is None else None
    return int(const) if isinstance(const, int | Decimal) and not isinstance(const, bool) else None


def _value(spec: fn.Spec, lo_src: Any, hi_src: Any, day: dt.date, rng: random.Random, *, big: bool = True) -> object:
    """A random value of the spec's kind (numbers up to 40 over the minimum; up to 8 for an
    optional field, often a breakdown of a required total)."""
    kind = spec.kind
    if spec.type is Type.NUMBER:
        lo = _bound(lo_src) or 0
        hi = _bound(hi_src)
        top = hi if hi is not None else lo + (40 if big else 8)
        places = spec.places if spec.places is not None else 0
        n = Decimal(rng.randint(lo * 10**places, top * 10**places)).scaleb(-places)
        return fn.round_places(n, places) if spec.places is not None else n
    if kind == "choice" and spec.choices:
        return rng.choice(sorted(spec.choices))
    if kind == "multichoice" and spec.choices:
        return [sorted(spec.choices)[0]]
    if spec.type is Type.BOOLEAN:
        return rng.random() < 0.3
    if spec.type is Type.DATE:
        return day
    if kind == "id_card":
        return _id_card(rng)
    if kind == "phone":
        return f"138{rng.randint(0, 99_999_999):08d}"
    if spec.pattern:
        return None
    return "示例"


def _day(tpl: Template, period: str) -> dt.date:
    """A date inside the period (its last day; a ``once`` form: a fixed day)."""
    p = tpl.period_of(period)
    return p.end if p.end is not None else _DAY


def _id_card(rng: random.Random) -> str:
    """A valid resident ID of a woman born 1950–1999 (even 17th digit: it matches the first
    choice of a sex, 'F', that a repair falls back to)."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 49))
    first = f"370602{born:%Y%m%d}{rng.randint(0, 99):02d}{rng.choice('02468')}"
    return first + check_char(first)


def _safe(spec: fn.Spec, lo_src: Any, day: dt.date) -> object:
    """A value that satisfies most rules: the minimum (or 0), the first choice, the period's end."""
    if spec.type is Type.NUMBER:
        return Decimal(_bound(lo_src) or 0)
    if spec.choices:
        first = sorted(spec.choices)[0]
        return [first] if spec.kind == "multichoice" else first
    if spec.type is Type.DATE:
        return day
    if spec.type is Type.BOOLEAN:
        return False
    if spec.kind == "id_card":
        return _SAFE_ID  # a woman: it agrees with the first choice of a sex, 'F'
    if spec.kind == "phone":
        return "13800000000"
    return None if spec.pattern else "示例"


def _settle(tpl: Template, form: Form, inputs: dict[str, object], rng: random.Random | None = None) -> Form:
    """The form with ``inputs``, the inputs that errors stand on repaired until no error is
    left (or every round of :func:`_repair` has passed)."""
    current = _with_inputs(tpl, form, inputs)
    day = _day(tpl, form.period)
    for attempt in range(_ROUNDS):
        if not current.errors:
            break
        for issue in current.errors:
            _repair(tpl, current.st.specs, inputs, issue, day, attempt=attempt, rng=rng)
        current = _with_inputs(tpl, form, inputs)
    return current


def _required(f: Any) -> bool:
    r = f.required
    return r is not None and r.node is None and r.const is True


def _repair(tpl: Template, specs: Mapping[str, fn.Spec], inputs: dict[str, object], issue: FormIssue,
            day: dt.date, *, attempt: int = 9, rng: random.Random | None = None) -> set[str]:
    """Make the inputs an error stands on (or that its rule reads) safer, more so each attempt:
    draw the numbers behind a rule again (twice), then reset its optional ones (breakdowns of a
    total), then reset every input behind it to a safe value. Returns the slots changed."""
    fid, row, col = issue.field, issue.row, issue.col
    if fid in tpl.tables and isinstance(row, int):
        rows = inputs.get(fid)
        if isinstance(rows, list) and row < len(rows):
            t = tpl.tables[fid]
            cols = [col] if col in t.columns and t.columns[col].kind == "input" else \
                [c for c, ci in t.columns.items() if ci.kind == "input"]
            for c in cols:
                rows[row][c] = _safe(specs[f"{fid}.{c}"], t.columns[c].model.min, day)
            return {fid}
        return set()
    targets = [fid] if fid in inputs and fid not in tpl.tables else []
    rule = next((r for r in tpl.rules if r.model.id == issue.rule), None)
    if rule is not None:
        behind = sorted(d for d in _inputs_behind(tpl, rule.check.deps) if d in inputs and d in tpl.fields)
        numbers = [d for d in behind if specs[d].type is Type.NUMBER]
        optional = [d for d in behind if not _required(tpl.fields[d])]
        if rng is not None and numbers and (attempt < 2 or (attempt == 2 and not optional)):
            for d in numbers:
                field = tpl.fields[d]
                inputs[d] = _value(specs[d], field.model.min, field.model.max, day, rng, big=_required(field))
            return set(numbers)
        targets += optional if attempt < 3 and optional else behind
    changed = set()
    for slot in targets:
        f = tpl.fields.get(slot)
        if slot in specs:
            inputs[slot] = _safe(specs[slot], f.model.min if f is not None else None, day)
            changed.add(slot)
    return changed


def _inputs_behind(tpl: Template, slots: Iterable[str]) -> set[str]:
    """The slots ``slots`` read, directly or through calculations (the plan's dependencies)."""
    seen: set[str] = set()
    todo = list(slots)
    while todo:
        slot = todo.pop()
        if slot not in seen:
            seen.add(slot)
            todo.extend(tpl.plan.deps.get(slot, ()))
    return seen


def _with_inputs(tpl: Template, form: Form, inputs: dict[str, object]) -> Form:
    typed = dict(inputs)
    for fid in form.template.fields:  # keep the form's own corrections
        if fid in form.st.typed and fid not in typed:
            typed[fid] = form.st.typed[fid]
    return Form.build(tpl, org=form.org, period=form.period, prefilled=form.prefilled,
                      pool_rows=form.pool_rows, prev=form.prev, inputs=typed, revision=form.revision,
                      submission=form.submission, state=form.state, confirmed=form.confirmed, as_of=form.as_of,
                      pii=form.pii)


# -- files and the report ---------------------------------------------------------------------------


def _write_files(con: Any, templates: Sequence[Template], result: DemoResult, directory: Path) -> list[Path]:
    from formkit.render import form_spec, render_html, render_xlsx, static_dir  # noqa: PLC0415
    from formkit.render.classic import CLASSIC_NAME, classic_bundle  # noqa: PLC0415

    files: list[Path] = []
    static = directory / "static"
    shutil.copytree(static_dir(), static, dirs_exist_ok=True)
    # The pages are opened from disk (file://), where browsers run no module script: one classic one.
    (static / CLASSIC_NAME).write_text(classic_bundle(static_dir()), encoding="utf-8")
    sources = directory / "templates"  # the examples themselves, to read, edit and pass to commands
    sources.mkdir(exist_ok=True)
    for path in formkit.examples_dir().glob("*.yaml"):
        shutil.copy2(path, sources / path.name)
    files += [static, sources]
    for tpl in templates:
        form = wf.fill(tpl, con, result.samples[tpl.id], DEMO_PERIODS[tpl.period], user=USER)
        data = form.to_json()
        html = directory / f"{tpl.id}.html"
        html.write_text(render_html(form, lang="zh", page=True, static_url="static/", classic=True), encoding="utf-8")
        xlsx = directory / f"{tpl.id}.xlsx"
        render_xlsx(tpl, values=data, period=form.period, prev=form.prev, path=xlsx)
        spec = directory / f"{tpl.id}.spec.json"
        spec.write_text(dumps(form_spec(tpl, lang="zh"), indent=2) + "\n", encoding="utf-8")
        filled = directory / f"{tpl.id}.form.json"
        filled.write_text(dumps(data, indent=2) + "\n", encoding="utf-8")
        files += [html, xlsx, spec, filled]
    return files


def _headline(tpl: Template, values: dict[str, Any], n: int = 3) -> str:
    shown = [(pick_label(f.model.label, "zh"), values.get(fid)) for fid, f in tpl.fields.items()]
    return "; ".join(f"{label}={v}" for label, v in [x for x in shown if isinstance(x[1], Decimal)][:n])


def _report(out: Console, templates: Sequence[Template], result: DemoResult, city_name: str, district: str) -> None:
    table = Table(title=f"汇总到市 · roll-up to {city_name}", show_lines=False)
    for head in ("报表 template", "期 period", "层级 level", "覆盖 coverage", "主要指标 headline values"):
        table.add_column(head)
    for tpl in templates:
        r = result.rollups.get(tpl.id, {})
        cov = r.get("coverage") or {}
        source = next(iter(tpl.derived_from.values()), None)
        name = f"{tpl.title('zh')}\n[dim]{tpl.id}[/dim]"
        if source is not None:
            units, took = result.derived.get(tpl.id, (0, 0.0))
            name += f"\n[dim]← {source.id} · derived: {units} units read in {took * 1000:.0f} ms[/dim]"
        table.add_row(name, DEMO_PERIODS[tpl.period], tpl.level or "",
                      f"{cov.get('submitted', 0)}/{cov.get('expected', 0)}", _headline(tpl, r.get("values") or {}))
    out.print(table)
    pool_rows = sum(result.pool_rows.values())
    out.print(f"demo pool: {pool_rows:,} rows in {result.database} · "
              f"{sum(result.submitted.values()):,} submissions · "
              f"finished in {result.timings.get('total', 0):.1f} s")
    url = result.url or f"duckdb:///{result.database}"
    first = templates[0]
    path = result.directory / "templates" / f"{first.id}.yaml"
    sample = result.showcase.get(first.id) or result.samples.get(first.id, "")
    period = DEMO_PERIODS[first.period]
    out.print("\n[bold]Open[/bold]: " + ", ".join(str(result.directory / f"{t.id}.html") for t in templates[:2])
              + " … (every example has .html, .xlsx, .spec.json and .form.json; its YAML is in templates/)",
              soft_wrap=True)
    # Each command points at a unit and period that show data: the form filled by hand (its
    # roster pre-filled), and for corrections a template whose hand-filled form kept one.
    fixed = next((t for t in templates if t.id in result.corrected), first)
    fixed_path = result.directory / "templates" / f"{fixed.id}.yaml"
    out.print("[bold]Try next[/bold]:")
    for line in (f"formkit serve --templates {result.directory / 'templates'} --db {url}",
                 f"formkit preview {path} --db {url} --org {sample} --period {period}",
                 f"formkit fill {path} --db {url} --org {sample} --period {period} --json",
                 f"formkit status {path} --db {url} --org {district} --period {period}",
                 f"formkit rollup {path} --db {url} --org {district} --period {period} --level street",
                 f"formkit corrections {fixed_path} --db {url} --org {district} --period {DEMO_PERIODS[fixed.period]}"):
        out.print(f"  {line}", soft_wrap=True, markup=False)
