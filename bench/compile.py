"""Benchmark 1 — compile: formkit ``load`` + SQL + HTML + JS plan vs pyxform converting the same XLSForm.

Each side runs in a fresh interpreter (``python -m bench.compile formkit|pyxform FILE``), so the
first figures are a true cold start (imports included) and neither side warms the other's
caches. Inside the worker the compile is then repeated for medians:

- formkit: ``load`` (YAML, shape, model, expressions, plan) and, from the loaded template, every
  SQL query of ``formkit sql`` for DuckDB (``sql_for``), the HTML fragment (``render_html``) and the
  JS plan (``template_plan``). A fresh template for every repetition: SQL is cached per template.
- pyxform: ``xls2xform.convert`` of the XLSForm file (reading the workbook included).

pyxform 4.5.0 builds a lark parser at import; when ``interegular`` is installed (lark's optional
regex-collision checker, which formkit's grammar tests use), that check explodes on pyxform's
grammar (over 7 GB and minutes at import). The pyxform worker hides interegular, as on a plain
``pip install pyxform``.
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


def _pyxform_worker(path: Path, repeat: int, budget: float) -> dict[str, Any]:
    sys.modules["interegular"] = None  # type: ignore[assignment]  # see the module docstring
    import lark.lexer  # imported already when formkit was (bench.gen): switch the check off there too

    lark.lexer.has_interegular = False
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
        for kind in ("pyxform", "formkit"):
            res = _spawn(kind, tpl_path if kind == "formkit" else xls_path, repeat, ctx.budget, timeout)
            if "partial" in res:
                done = res["partial"]
                for part, secs in done.items():
                    ctx.add("compile", case, kind, f"{part} (first, cut off)", {"median": secs, "n": 1})
                ctx.results.note("compile", f"{case} {kind}: the first compile did not finish within {timeout:.0f} s; "
                                 f"finished: {', '.join(done) or 'nothing'}")
                continue
            first_total = res["first"]["total"]
            cold = {"median": res["import"] + first_total, "min": None, "max": None, "n": 1}
            ctx.add("compile", case, kind, "cold process (import+first)", cold, rss_mb=res["rss_mb"],
                    import_s=res["import"])
            ctx.add("compile", case, kind, "compile (warm)", res["warm"]["total"], rss_mb=res["rss_mb"])
            if kind == "formkit":
                for part in ("load", "backends", "sql", "html", "plan"):
                    ctx.add("compile", case, kind, f"{part} (warm)", res["warm"][part])
                for part, st in res["warm"].items():
                    if part.startswith("sql_"):
                        ctx.add("compile", case, kind, f"{part} (warm)", st)
                ctx.add("compile", case, kind, "first load+backends (no import)",
                        {"median": first_total, "min": None, "max": None, "n": 1})


if __name__ == "__main__":
    which, file, reps, budget_s = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    worker = _formkit_worker if which == "formkit" else _pyxform_worker
    print(json.dumps(worker(file, reps, budget_s)))
