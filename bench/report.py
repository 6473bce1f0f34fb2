"""The Markdown summary of a full run (docs/performance.md): machine, versions, medians, min/max, ratios, targets.

Ratios are taken between records of the same invocation only. The profiled explanations of the
targets formkit misses are kept by hand in bench/findings.md and copied in verbatim.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import formkit.runtime
from bench.common import ROOT, human, paired
from bench.keystroke import surveyjs_version

Rec = dict[str, Any]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "–"


def _cmd(*args: str) -> str:
    try:
        return subprocess.run(args, check=False, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "–"


def machine(options: dict[str, Any]) -> list[str]:
    cpu = "–"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "–"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    pg = "–"
    if options.get("pg"):
        try:
            con = formkit.runtime.connect(options["pg"])
            pg = str(con.query("SHOW server_version")[0][0])
            con.close()
        except Exception:  # a version line is not worth failing the report
            pg = "unreachable"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"- machine: {platform.machine()}, {cpu}, {os.cpu_count()} cores, {mem} RAM; load average at the end "
        f"of the run {load} (the machine is shared: other people's test suites ran beside this one)",
        f"- Python {platform.python_version()} ({sys.implementation.name}), node {_cmd('node', '--version')}",
        f"- formkit {_version('formkit')}, duckdb {_version('duckdb')}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {pg}, sqlglot {_version('sqlglot')}, lark {_version('lark')}, pydantic {_version('pydantic')}, "
        f"jinja2 {_version('Jinja2')}, PyYAML {_version('PyYAML')}, openpyxl {_version('openpyxl')}",
        f"- peers: pyxform {_version('pyxform')}, survey-core {surveyjs_version() or '–'}",
        f"- scale: DuckDB pool {options.get('scale')} of the 13M-person city, SQLite/PostgreSQL "
        f"{options.get('small_scale')}",
    ]


# -- tables ---------------------------------------------------------------------------------------


def _fmt(r: Rec | None, key: str = "median") -> str:
    return "–" if r is None else human(r.get(key), r["unit"])


def table(records: list[Rec]) -> list[str]:
    rows = ["| case | measured | who | median | min | max | n | CPU (median) | load | peak memory |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in records:
        if r["who"] == "note":
            continue
        mem = ""
        if r.get("peak_mb") is not None:
            mem = f"{r['peak_mb']} MiB heap"
        elif r.get("heap_mb") is not None:
            mem = f"{r['heap_mb']} MiB JS heap"
        elif r.get("rss_mb") is not None:
            mem = f"{r['rss_mb']} MiB RSS"
        rows.append(f"| {r['case']} | {r['what']} | {r['who']} | {_fmt(r)} | {_fmt(r, 'min')} | {_fmt(r, 'max')} "
                    f"| {r.get('n', '')} | {_fmt(r, 'cpu_median') if r.get('cpu_median') is not None else ''} "
                    f"| {r.get('load', '')} | {mem} |")
    return rows


class Ratios:
    """Ratio rows: ``a / b`` of two records' medians, with the goal and whether it is met."""

    def __init__(self, records: list[Rec]) -> None:
        self.records = records
        self.rows: list[str] = ["| ratio | case | value | goal | met | load |", "|---|---|---|---|---|---|"]

    def get(self, bench: str, case: str, who: str, what: str) -> Rec | None:
        for r in self.records:
            if (r["bench"], r["case"], r["who"], r["what"]) == (bench, case, who, what) and r.get("median"):
                return r
        return None

    def add(self, label: str, case: str, a: Rec | None, b: Rec | None, *, goal: str = "",
            ok: Callable[[float], bool] | None = None) -> None:
        """``a / b``: repetition by repetition when both were timed in turn (bench/common.py
        ``interleaved``: the median of the paired ratios, CPU ratio beside it), else of medians."""
        if a is None or b is None:
            self.rows.append(f"| {label} | {case} | not measured | {goal} | – | |")
            return
        v = paired(a, b) or a["median"] / b["median"]
        shown = f"{v:,.2f}×"
        if a.get("samples") and a.get("cpu_median") and b.get("cpu_median"):
            shown += f" (CPU {a['cpu_median'] / b['cpu_median']:,.2f}×)"
        met = "–" if ok is None else ("yes" if ok(v) else "**no**")
        self.rows.append(f"| {label} | {case} | {shown} | {goal} | {met} | {_load(a, b)} |")

    def absolute(self, label: str, case: str, r: Rec | None, *, goal: str, ok: Callable[[float], bool]) -> None:
        if r is None:
            self.rows.append(f"| {label} | {case} | not measured | {goal} | – | |")
            return
        cpu = f" (CPU {_fmt(r, 'cpu_median')})" if r.get("cpu_median") is not None else ""
        self.rows.append(f"| {label} | {case} | {_fmt(r)}{cpu} | {goal} | {'yes' if ok(r['median']) else '**no**'} "
                         f"| {_load(r)} |")

    def value(self, label: str, case: str, v: float | None, *, shown: str, goal: str, ok: bool | None,
              load: str = "") -> None:
        met = "–" if ok is None else ("yes" if ok else "**no**")
        text = shown if v is not None else "not measured"
        self.rows.append(f"| {label} | {case} | {text} | {goal} | {met} | {load} |")


def _load(*recs: Rec) -> str:
    loads = [r["load"] for r in recs if r.get("load") is not None]
    return f"{max(loads):.1f}" if loads else ""


def _cases(records: list[Rec], bench: str) -> list[str]:
    return list(dict.fromkeys(r["case"] for r in records if r["bench"] == bench and r["who"] != "note"))


def _compile(t: Ratios, case: str) -> None:
    t.add("pyxform ÷ formkit, the form (load + HTML + plan, warm)", case,
          t.get("compile", case, "pyxform", "the form (warm)"), t.get("compile", case, "formkit", "the form (warm)"),
          goal="≥ 2×", ok=lambda v: v >= 2)
    t.add("pyxform ÷ formkit, cold process (formkit: load + SQL + HTML + plan)", case,
          t.get("compile", case, "pyxform", "cold process (import+first)"),
          t.get("compile", case, "formkit", "cold process (import+first)"))
    every = t.get("compile", case, "formkit", "sql, every query (GC on)")
    if case == "n=5000":
        t.absolute("every query of the template built (GC on)", case, every, goal="≤ 1.5 s", ok=lambda v: v <= 1.5)
        kept = t.get("compile", case, "formkit", "sql retained by the template")
        t.absolute("heap retained for all its SQL", case, kept, goal="≤ 20 MiB", ok=lambda v: v <= 20)
    elif every is not None:
        t.value("every query of the template built (GC on)", case, every["median"], shown=_fmt(every), goal="",
                ok=None, load=_load(every))
    off = t.get("compile", case, "formkit", "sql, every query (GC off, bench only)")
    t.add("SQL build GC on ÷ off (the collector's share)", case, every, off)


def _linear(t: Ratios) -> None:
    """Building SQL linear in fields: the time per field at the largest size over that at 200."""
    per = {}
    for r in t.records:
        if r["bench"] == "compile" and r["what"] == "sql, every query (GC on)" and r.get("fields") and r.get("median"):
            per[int(r["fields"])] = r["median"] / int(r["fields"])
    if len(per) < 2:
        return
    big = max(per)
    small = min((k for k in per if k >= 200 and k != big), default=min(per))
    v = per[big] / per[small]
    t.value(f"SQL build time per field, n={big} ÷ n={small}", f"n={small}…{big}", v, shown=f"{v:,.2f}×",
            goal="≤ 1.3× (linear)", ok=v <= 1.3)


def _request(t: Ratios, case: str) -> None:
    if case.startswith("n="):
        n = int(case[2:])
        goal = {1000: 0.015, 5000: 0.060}.get(n)
        fk = t.get("request", case, "formkit", "fill of a stored form")
        if goal is not None:
            t.absolute("fill of a stored form (DuckDB)", case, fk, goal=f"≤ {goal * 1e3:.0f} ms",
                       ok=lambda v, g=goal: v <= g)
        t.add("formkit fill ÷ reading the row on the raw driver", case, fk,
              t.get("request", case, "raw driver", "fill of a stored form"))
    else:
        what = "render filled, with rosters"
        t.add("formkit HTML ÷ jinja2 floor, filled with rosters", case, t.get("request", case, "formkit", what),
              t.get("request", case, "jinja2 floor", what), goal="≤ 2×", ok=lambda v: v <= 2)


def _catalog(t: Ratios, case: str) -> None:
    for how in ("load each", "pool once"):
        t.absolute(f"catalog cold load, {how}", case, t.get("catalog", case, "formkit", f"cold load, {how}"),
                   goal="≤ 3 s", ok=lambda v: v <= 3)
    t.absolute("formkit catalog (load, match, report)", case,
               t.get("catalog", case, "formkit", "catalogue (load, match, report)"), goal="≤ 5 s", ok=lambda v: v <= 5)


def _keystroke(t: Ratios, case: str) -> None:
    hub = next((r["what"] for r in t.records if r["bench"] == "keystroke" and r["case"] == case
                and r["what"].startswith("keystroke (hub")), "")
    for what in ("keystroke (typical field)", hub):
        fk = t.get("keystroke", case, "formkit", what)
        t.add(f"SurveyJS ÷ formkit, {what}", case, t.get("keystroke", case, "surveyjs", what), fk,
              goal="≥ 100×", ok=lambda v: v >= 100)
        t.absolute(f"formkit {what}", case, fk, goal="≤ 1 ms", ok=lambda v: v <= 1)
    t.add("SurveyJS ÷ formkit, construct with values", case,
          t.get("keystroke", case, "surveyjs", "construct with values"),
          t.get("keystroke", case, "formkit", "construct with values"))


def _prefill(t: Ratios, case: str) -> None:
    for what in ("one community", "send-down to all"):
        t.add(f"formkit ÷ hand SQL, pre-fill {what}", case, t.get("prefill", case, "formkit", what),
              t.get("prefill", case, "hand SQL", what), goal="≤ 1.15×", ok=lambda v: v <= 1.15)
    if case.startswith("duckdb"):
        t.absolute("formkit pre-fill of one community", case, t.get("prefill", case, "formkit", "one community"),
                   goal="< 50 ms", ok=lambda v: v < 0.05)


def _rollup(t: Ratios, case: str) -> None:
    words = case.split()
    engine, communities = words[0], int(words[1])
    big = communities >= 1000
    limit = 1.2 if engine == "duckdb" else 1.3
    for what in dict.fromkeys(r["what"] for r in t.records if r["bench"] == "rollup" and r["case"] == case):
        fk = t.get("rollup", case, "formkit", what)
        t.add(f"formkit ÷ hand SQL, roll-up {what}", case, fk, t.get("rollup", case, "hand SQL", what),
              goal=f"≤ {limit}×" if big else "", ok=(lambda v, lim=limit: v <= lim) if big else None)
        t.add(f"naive Python ÷ formkit, roll-up {what}", case, t.get("rollup", case, "naive Python", what), fk,
              goal="> 1× (formkit faster)" if not big else "", ok=(lambda v: v > 1) if not big else None)


def _validate(t: Ratios, case: str) -> None:
    t.add("Python loop ÷ formkit SQL, validation", case,
          t.get("validate", case, "Python loop", "validate every submission"),
          t.get("validate", case, "formkit SQL", "validate every submission"), goal="≥ 20×", ok=lambda v: v >= 20)


def _render(t: Ratios, case: str) -> None:
    t.add("formkit HTML ÷ jinja2 floor", case, t.get("render", case, "formkit", "HTML"),
          t.get("render", case, "jinja2 floor", "HTML"), goal="≤ 2×", ok=lambda v: v <= 2)
    t.add("formkit HTML ÷ jinja2 floor, filled", case, t.get("render", case, "formkit", "HTML filled"),
          t.get("render", case, "jinja2 floor", "HTML filled"), goal="≤ 2×", ok=lambda v: v <= 2)


def _derived(t: Ratios, case: str) -> None:
    what = "derived values, every unit"
    t.add(f"formkit ÷ hand SQL, {what}", case, t.get("derived", case, "formkit", what),
          t.get("derived", case, "hand SQL", what))
    for name in ("comparison table", "roster"):
        t.absolute(f"formkit fill --all of a derived {name}", case,
                   t.get("derived", case, "formkit", f"fill --all, {name}"), goal="≤ 1 s", ok=lambda v: v <= 1)


RATIOS: dict[str, Callable[[Ratios, str], None]] = {
    "request": _request,
    "compile": _compile, "catalog": _catalog, "keystroke": _keystroke, "prefill": _prefill, "rollup": _rollup,
    "validate": _validate, "render": _render, "derived": _derived,
}


def ratios(records: list[Rec]) -> list[str]:
    t = Ratios(records)
    for bench, add in RATIOS.items():
        for case in _cases(records, bench):
            add(t, case)
        if bench == "compile":
            _linear(t)
    return t.rows


TITLES = {
    "request": "0. Per request (warm process: fill of a stored form, render with rosters)",
    "compile": "1. Compile: the form (vs the equivalent XLSForm) and the SQL (each query alone)",
    "catalog": "1b. Catalog cold load (1,032 templates, 12,565 fields)",
    "keystroke": "2. Per keystroke (node: formkit-eval.js vs SurveyJS)",
    "prefill": "3. Pre-fill (disabled_persons_ledger: 33 pool-bound values)",
    "rollup": "4. Roll-up (one month, every community, to street / district / city)",
    "validate": "5. Bulk validation (stored submissions)",
    "render": "6. Render (from a loaded template)",
    "derived": "7. Derived reports (read from the ledger every community submitted)",
    "pools": "Data generation",
}


def write_report(path: Path, records: list[Rec], *, elapsed: float, options: dict[str, Any],
                 failed: list[str], note: str = "") -> None:
    lines = [
        "# Performance",
        "",
        f"Written by `python -m bench` (full mode) on {dt.date.today().isoformat()}, in {elapsed / 60:.0f} minutes. "
        "Medians with min/max over n repetitions; every ratio is between figures of this same run. "
        "Raw figures: `bench/out/results-full*.jsonl`. How to run and what each benchmark does: bench/README.md.",
        *(["", note] if note else []),
        "",
        "## Machine and versions",
        "",
        *machine(options),
        "",
        "## Ratios and targets",
        "",
        *ratios(records),
        "",
    ]
    findings = ROOT / "bench" / "findings.md"
    if findings.exists():
        lines += [findings.read_text(encoding="utf-8").rstrip(), ""]
    lines += ["## All figures", ""]
    for bench, title in TITLES.items():
        recs = [r for r in records if r["bench"] == bench]
        if not recs:
            continue
        lines += [f"### {title}", ""]
        notes = [r["what"] for r in recs if r["who"] == "note"]
        if any(r["who"] != "note" for r in recs):
            lines += [*table(recs), ""]
        lines += [f"- {n}" for n in notes]
        if notes:
            lines.append("")
    if failed:
        lines += [f"**Benchmarks that failed in this run:** {', '.join(failed)} (see the notes above).", ""]
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def load_jsonl(path: Path) -> list[Rec]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
