"""Benchmark 1 — compile, in two parts that are compared with different things.

- *The form*: what matches pyxform's output — formkit ``load`` + the HTML fragment
  (``render_html``) + the JS plan (``template_plan``) — against pyxform's ``xls2xform.convert`` of
  the same form as an XLSForm (reading the workbook included). Goal ≥ 2×. Warm, both in one
  process (``python -m bench.compile pair``), timed in turn repetition by repetition; a cold
  process per side (import + first compile) is timed once in a fresh interpreter each.
- *The SQL*: every query of ``formkit sql`` for DuckDB (``sql_for``), each alone, on a freshly
  loaded template (statements are cached per template), with Python's collector on as a library
  runs (collections counted through ``gc.callbacks``); once more with it off, the bench's own
  switch, to show the collector's share; and the heap a template keeps for all its SQL
  (tracemalloc). Goals: ≤ 1.5 s for every query of the 5,000-field template, linear in fields,
  ≤ 20 MiB retained.

pyxform 4.5.0 builds a lark parser at import; when ``interegular`` is installed (lark's optional
regex-collision checker, which formkit's grammar tests use), that check explodes on pyxform's
grammar (over 7 GB and minutes at import). The pyxform and pair workers hide interegular, as on a
plain ``pip install pyxform`` (formkit needs it only for its grammar tests).
"""

# ruff: noqa: PLC0415 — each worker imports its side itself, to time the import.

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import gen
from bench.common import ROOT, Context, stats

SIZES_FULL = (50, 200, 1000, 5000)
SIZES_QUICK = (50, 200)


# -- the workers (run in their own interpreter) -------------------------------------------------


def _formkit_worker(path: Path, repeat: int, budget: float) -> dict[str, Any]:
    t0 = time.perf_counter()
    import formkit
    from formkit.browser.plan import template_plan
    from formkit.sql.queries import QUERIES, sql_for

    t_import = time.perf_counter() - t0

    def timed(parts: dict[str, float], name: str, fn: Any) -> Any:
        t = time.perf_counter()
        out = fn()
        parts[name] = time.perf_counter() - t
        if not runs:  # the first run reports as it goes: a run cut short still tells what finished
            print(json.dumps({"partial": name, "seconds": parts[name]}), flush=True)
        return out

    def backends(tpl: Any, parts: dict[str, float]) -> None:
        timed(parts, "plan", lambda: template_plan(tpl))
        timed(parts, "html", lambda: formkit.render_html(tpl))
        for q in sorted(QUERIES, key=lambda q: q == "rollup"):  # the slowest last
            timed(parts, f"sql_{q}", lambda q=q: sql_for(tpl, q, "duckdb"))

    runs: list[dict[str, float]] = []
    start = time.perf_counter()
    while len(runs) < repeat:
        parts: dict[str, float] = {}
        tpl = timed(parts, "load", lambda: formkit.load(path))
        backends(tpl, parts)
        parts["sql"] = sum(v for k, v in parts.items() if k.startswith("sql_"))
        parts["backends"] = parts["sql"] + parts["html"] + parts["plan"]
        parts["total"] = parts["load"] + parts["backends"]
        runs.append(parts)
        if time.perf_counter() - start > budget:
            break
    return _summary(t_import, runs)


def _hide_interegular() -> None:
    sys.modules["interegular"] = None  # type: ignore[assignment]  # see the module docstring
    import lark.lexer  # imported already when formkit was (bench.gen): switch the check off there too

    lark.lexer.has_interegular = False


def _pyxform_worker(path: Path, repeat: int, budget: float) -> dict[str, Any]:
    _hide_interegular()
    t0 = time.perf_counter()
    from pyxform import xls2xform

    t_import = time.perf_counter() - t0
    runs: list[dict[str, float]] = []
    start = time.perf_counter()
    while len(runs) < repeat:
        t = time.perf_counter()
        xls2xform.convert(xlsform=str(path))
        runs.append({"total": time.perf_counter() - t})
        if time.perf_counter() - start > budget:
            break
    return _summary(t_import, runs)


def _pair_worker(tpl_path: Path, xls_path: Path, repeat: int, budget: float) -> dict[str, Any]:
    """Warm, in one process: pyxform's conversion and formkit's form (load + HTML + JS plan, what
    matches pyxform's output) timed in turn, repetition by repetition; then each SQL query of a
    freshly loaded template alone (GC on, as a library runs: collections counted, and once with
    the collector off to show its share), and the memory a template retains for all its SQL."""
    _hide_interegular()
    from pyxform import xls2xform

    import formkit
    from bench.common import interleaved
    from formkit.browser.plan import template_plan

    def form() -> None:
        tpl = formkit.load(tpl_path)
        template_plan(tpl)
        formkit.render_html(tpl)

    sides = interleaved({"pyxform": lambda: xls2xform.convert(xlsform=str(xls_path)), "formkit": form},
                        repeat=repeat, warmup=1, budget=budget)
    return {"pair": sides, **_sql_part(tpl_path, repeat, budget)}


def _sql_part(tpl_path: Path, repeat: int, budget: float) -> dict[str, Any]:
    import gc

    import formkit
    from formkit.sql.queries import QUERIES, sql_for

    collections = [0]

    def count(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collections[0] += 1

    queries = sorted(QUERIES, key=lambda q: q == "rollup")
    sql: dict[str, list[float]] = {q: [] for q in queries}
    sql_cpu: dict[str, list[float]] = {q: [] for q in queries}
    gcs: dict[str, list[int]] = {q: [] for q in queries}
    warm = formkit.load(tpl_path)  # the first build in a process pays one-time costs: not timed
    for q in queries:
        sql_for(warm, q, "duckdb")
    del warm
    start = time.perf_counter()
    gc.callbacks.append(count)
    try:
        while len(sql[queries[0]]) < max(1, repeat // 2):
            tpl = formkit.load(tpl_path)
            for q in queries:
                collections[0] = 0
                c, t = time.process_time(), time.perf_counter()
                sql_for(tpl, q, "duckdb")
                sql[q].append(time.perf_counter() - t)
                sql_cpu[q].append(time.process_time() - c)
                gcs[q].append(collections[0])
            if time.perf_counter() - start > budget:
                break
    finally:
        gc.callbacks.remove(count)
    tpl = formkit.load(tpl_path)
    gc.disable()  # the bench's own measurement of the collector's share, never the library's
    try:
        t = time.perf_counter()
        for q in queries:
            sql_for(tpl, q, "duckdb")
        gc_off = time.perf_counter() - t
    finally:
        gc.enable()
    retained = _retained(tpl_path, queries)
    return {"sql": {q: {**stats(sql[q]), "cpu_median": stats(sql_cpu[q])["median"],
                                       "collections": max(gcs[q])} for q in queries},
            "sql_gc_off": gc_off, "retained_mb": round(retained / 2**20, 2)}


def _retained(tpl_path: Path, queries: list[str]) -> int:
    """Bytes of heap a loaded template keeps once every query's SQL is built (its caches)."""
    import gc
    import tracemalloc

    import formkit
    from formkit.sql.queries import sql_for

    tpl = formkit.load(tpl_path)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for q in queries:
            sql_for(tpl, q, "duckdb")
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def _summary(t_import: float, runs: list[dict[str, float]]) -> dict[str, Any]:
    import resource

    first = runs[0]
    rest = runs[1:] or runs  # medians over warm repetitions when there are any
    return {
        "import": t_import,
        "first": first,
        "warm": {k: stats(r[k] for r in rest) for k in first},
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "runs": len(runs),
    }


# -- the benchmark ------------------------------------------------------------------------------


def _spawn(kind: str, path: Path, repeat: int, budget: float, timeout: float) -> dict[str, Any]:
    """The worker's summary, or ``{"partial": {part: seconds}}`` for a first run cut off at ``timeout``."""
    cmd = [sys.executable, "-m", "bench.compile", kind, str(path), str(repeat), str(budget)]
    try:
        out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired as exc:
        text = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
        return {"partial": {d["partial"]: d["seconds"] for d in lines if "partial" in d}}
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"{kind} worker failed:\n{exc.stderr[-3000:]}") from None
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run(ctx: Context) -> None:
    sizes = SIZES_QUICK if ctx.quick else tuple(ctx.options.get("compile_sizes") or SIZES_FULL)
    folder = ctx.work / "compile"
    for n in sizes:
        case = f"n={n}"
        tpl_path = gen.write_template(folder, n)
        xls_path = gen.write_xlsform(folder / f"bench_{n}.xlsx", n)
        repeat = 3 if ctx.quick else (7 if n <= 1000 else 3)
        timeout = 120.0 if ctx.quick else float(ctx.options.get("compile_timeout") or 1800)
        for kind in ("pyxform", "formkit"):  # cold: a fresh interpreter each, one compile
            res = _spawn(kind, tpl_path if kind == "formkit" else xls_path, 1, ctx.budget, timeout)
            if "partial" in res:
                done = res["partial"]
                for part, secs in done.items():
                    ctx.add("compile", case, kind, f"{part} (first, cut off)", {"median": secs, "n": 1})
                ctx.results.note("compile", f"{case} {kind}: the first compile did not finish within {timeout:.0f} s; "
                                 f"finished: {', '.join(done) or 'nothing'}")
                continue
            cold = {"median": res["import"] + res["first"]["total"], "min": None, "max": None, "n": 1}
            ctx.add("compile", case, kind, "cold process (import+first)", cold, rss_mb=res["rss_mb"],
                    import_s=res["import"])
        res = _spawn_pair(tpl_path, xls_path, repeat, ctx.budget, timeout)
        ctx.add("compile", case, "pyxform", "the form (warm)", res["pair"]["pyxform"])
        ctx.add("compile", case, "formkit", "the form (warm)", res["pair"]["formkit"])
        total = 0.0
        for q, st in res["sql"].items():
            ctx.add("compile", case, "formkit", f"sql {q} (warm, GC on)", st)
            total += st["median"]
        ctx.add("compile", case, "formkit", "sql, every query (GC on)", {"median": total, "n": 1},
                retained_mb=res["retained_mb"], fields=n)
        ctx.add("compile", case, "formkit", "sql, every query (GC off, bench only)", {"median": res["sql_gc_off"],
                                                                                     "n": 1})
        ctx.add("compile", case, "formkit", "sql retained by the template", {"median": res["retained_mb"], "n": 1},
                unit="MiB")


def _spawn_pair(tpl_path: Path, xls_path: Path, repeat: int, budget: float, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.compile", "pair", str(tpl_path), str(repeat), str(budget), str(xls_path)]
    try:
        out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout * 2, check=True)
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"pair worker failed:\n{exc.stderr[-3000:]}") from None
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result

if __name__ == "__main__":
    which, file, reps, budget_s = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    if which == "pair":
        print(json.dumps(_pair_worker(file, Path(sys.argv[5]), reps, budget_s)))
    else:
        worker = _formkit_worker if which == "formkit" else _pyxform_worker
        print(json.dumps(worker(file, reps, budget_s)))
