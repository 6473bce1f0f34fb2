"""formkit's benchmark suite: one entry point (``python -m bench``), a ``--quick`` mode and a full mode.

``--quick`` (CI: proves the suite still runs, well under 3 minutes; its figures are never quoted)
runs every benchmark at small sizes. The full mode runs the sizes of issue 7 and writes the
Markdown summary to docs/performance.md. Every measured figure is printed and appended as a JSON
line to ``bench/out/results-<mode>.jsonl`` (or ``--json PATH``). Peers (pyxform, survey-core) are
installed by the suite itself when missing; databases: DuckDB (in-process), SQLite, and PostgreSQL
at ``--pg`` (default ``$FORMKIT_BENCH_PG`` or postgresql://postgres@127.0.0.1:5432/test; skipped
when unreachable).
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from bench.common import OUT, ROOT, Context, Results, log
from bench.report import load_jsonl, write_report

# compile last: its 5,000-field case is the longest, and a run cut short keeps every other figure
BENCHMARKS = ("request", "render", "keystroke", "prefill", "rollup", "validate", "catalog", "derived", "proof",
              "compile")
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"


def ensure_python_peers() -> None:
    """pip-install the Python peers when missing (pyxform 4.5.0; pinned: its figures are the target's)."""
    # find_spec, not import: importing pyxform next to interegular costs gigabytes (bench/compile.py)
    if importlib.util.find_spec("pyxform") is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pyxform==4.5.0"], check=True, timeout=900)


def compile_bytecode() -> None:
    """Write formkit's bytecode, as ``pip install`` does for an installed package (and did for
    pyxform): a cold start measured from an editable checkout under PYTHONDONTWRITEBYTECODE
    would otherwise compile every module from source, which no installed user pays."""
    compileall.compile_dir(str(Path(formkit_dir())), quiet=1)


def formkit_dir() -> Path:
    spec = importlib.util.find_spec("formkit")
    assert spec is not None and spec.origin is not None, "formkit is not installed"
    return Path(spec.origin).parent


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes, results not for quoting (CI)")
    p.add_argument("--only", nargs="*", choices=BENCHMARKS, help="run only these benchmarks")
    p.add_argument("--scale", type=float, default=None,
                   help="fraction of the 13M-person city for DuckDB (full default 1.0; quick 0.004)")
    p.add_argument("--small-scale", type=float, default=None,
                   help="fraction for SQLite and PostgreSQL (full default 0.1 = 1.3M persons; quick 0.004)")
    p.add_argument("--pg", default=os.environ.get("FORMKIT_BENCH_PG", PG_DEFAULT), help="PostgreSQL URL ('' skips)")
    p.add_argument("--budget", type=float, default=None, help="seconds one measured series may take")
    p.add_argument("--spark", action="store_true", help="also roll up on a local Spark session (PySpark, Java)")
    p.add_argument("--json", type=Path, default=None, help="the JSON-lines file (appended)")
    p.add_argument("--report", type=Path, default=None,
                   help="the Markdown summary (full default docs/performance.md; quick: none)")
    p.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    p.add_argument("--cache", type=Path, default=OUT / "cache", help="where generated pools are kept between runs")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    p.add_argument("--compile-timeout", type=float, default=1200.0,
                   help="seconds one compile worker (one size, one side) may run in the full mode")
    p.add_argument("--note", default="", help="a sentence for the summary's header (e.g. how the run went)")
    p.add_argument("--report-from", type=Path, nargs="+", default=None, metavar="JSONL",
                   help="only write the summary from earlier runs' JSON lines (e.g. one cut short); a benchmark "
                        "found in a later file replaces its figures from the earlier ones (a re-run)")
    return p.parse_args(argv)


Rec = dict[str, Any]


def merge_runs(runs: list[list[Rec]], options: dict[str, Any]) -> tuple[list[Rec], float, list[str]]:
    """The records of several runs' JSON lines, a benchmark of a later run replacing the earlier
    figures of that benchmark; the total time and the benchmarks that failed in their last run."""
    records: list[Rec] = []
    elapsed = 0.0
    failed: set[str] = set()
    for recs in runs:
        metas = [r for r in recs if r["bench"] == "run"]
        ran = {r["case"] for r in metas} or {r["bench"] for r in recs}
        records = [r for r in records if r["bench"] not in ran] + [r for r in recs if r["bench"] != "run"]
        if metas:
            elapsed += float(metas[-1].get("median") or 0.0)
            options.update({k: v for k, v in metas[-1].get("options", {}).items() if k in ("scale", "small_scale")})
            failed = (failed - ran) | set(metas[-1].get("failed", []))
    return records, elapsed, sorted(failed)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    mode = "quick" if args.quick else "full"
    options = {
        "scale": args.scale if args.scale is not None else (0.004 if args.quick else 1.0),
        "small_scale": args.small_scale if args.small_scale is not None else (0.004 if args.quick else 0.1),
        "pg": args.pg,
        "cache": args.cache,
        "compile_timeout": args.compile_timeout,
        "spark": args.spark,
    }
    if args.report_from is not None:
        records, elapsed, failed = merge_runs([load_jsonl(p) for p in args.report_from], options)
        write_report(args.report or ROOT / "docs" / "performance.md", records, elapsed=elapsed, options=options,
                     failed=failed, note=args.note)
        return 0
    started = time.time()
    json_path = args.json or OUT / f"results-{mode}.jsonl"
    if json_path.exists():
        json_path.unlink()
    results = Results(json_path, mode=mode)
    work = args.work or Path(tempfile.mkdtemp(prefix="formkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    ctx = Context(quick=args.quick, results=results, work=work,
                  budget=args.budget if args.budget is not None else (3.0 if args.quick else 30.0), options=options)
    ensure_python_peers()
    compile_bytecode()
    failed: list[str] = []
    for name in args.only or BENCHMARKS:
        log(f"== {name} ({mode})")
        t = time.time()
        try:
            importlib.import_module(f"bench.{name}").run(ctx)
        except Exception:  # one benchmark failing must not hide the others' figures
            failed.append(name)
            traceback.print_exc()
            results.note(name, "FAILED: " + traceback.format_exc().strip().splitlines()[-1])
        log(f"   {name}: {time.time() - t:.1f} s")
        elapsed = time.time() - started
        meta = {k: (str(v) if isinstance(v, Path) else v) for k, v in options.items()}
        results.add("run", name, "meta", "elapsed so far", {"median": elapsed}, echo=False, options=meta, failed=failed)
    elapsed = time.time() - started
    log(f"== done in {elapsed:.1f} s; JSON lines in {json_path}")
    report_path = args.report or (None if args.quick else ROOT / "docs" / "performance.md")
    if report_path is not None:
        write_report(report_path, [r for r in results.records if r["bench"] != "run"], elapsed=elapsed,
                     options=options, failed=failed, note=args.note)
        log(f"== summary written to {report_path}")
    if not args.keep and args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
