"""Benchmark 1b — the catalog: 1,032 generated templates, 12,565 fields, loaded cold and catalogued.

A city's catalog (the size of a real one) is loaded and checked in a fresh interpreter, as
``formkit check DIR`` or the later ``formkit catalog`` would: imports included. Two ways:

- ``load each``: ``formkit.load(path)`` per file, which also loads the pool file each time;
- ``pool once``: the pool loaded once and passed to every ``formkit.load(path, pool=pool)``;
- ``catalogue``: ``formkit.catalog(folder)`` — load, match, report (SPEC §8.2), beside the load
  it contains; the report gives the matching work (label pairs scored, items found).

The generated catalog is a stress case for matching: its labels (指标0, 指标1 …) repeat across
every template, so almost every pair of templates overlaps.

Every seventh field is pool-bound (``count(person where …)``), like a real catalog.
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

TARGET_S = 3.0
CATALOGUE_TARGET_S = 5.0  # issue #12: load, match and report of the 1,032-template city


def _worker(folder: Path, how: str, limit: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    import formkit

    t_import = time.perf_counter() - t0
    paths = sorted(p for p in folder.glob("*.yaml") if not p.name.endswith(".pool.yaml"))[:limit]
    if how == "catalogue":
        report = formkit.catalog(paths)
        import resource

        return {"total": time.perf_counter() - t0, "import": t_import, "templates": report.totals.templates,
                "fields": report.totals.fields, "items": report.stats.items, "labels": report.stats.labels,
                "pairs_compared": report.stats.pairs_compared, "repeated": len(report.repeated),
                "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    pool = formkit.load_pool(folder / "demo_city.pool.yaml") if how == "pool once" else None
    fields = 0
    for p in paths:
        fields += len(formkit.load(p, pool=pool).model.fields)
    import resource

    return {"total": time.perf_counter() - t0, "import": t_import, "templates": len(paths), "fields": fields,
            "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def run(ctx: Context) -> None:
    folder = ctx.work / "catalog"
    if not (folder / "dept00_report0000.yaml").exists():
        gen.write_catalog(folder)
    limit = 25 if ctx.quick else gen.CATALOG_TEMPLATES
    repeat = 1 if ctx.quick else 3  # each run is a fresh interpreter over the whole catalog (seconds)
    case = f"{limit} templates"
    for how in ("load each", "pool once", "catalogue"):
        runs = []
        for _ in range(repeat):
            out = subprocess.run([sys.executable, "-m", "bench.catalog", str(folder), how, str(limit)], cwd=ROOT,
                                 capture_output=True, text=True, check=True, timeout=3600)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        last = runs[-1]
        extra = {k: last[k] for k in ("items", "labels", "pairs_compared", "repeated") if k in last}
        target = CATALOGUE_TARGET_S if how == "catalogue" else TARGET_S
        ctx.add("catalog", case, "formkit", f"cold load, {how}" if how != "catalogue" else "catalogue (load, match, "
                "report)", stats(r["total"] for r in runs), templates=last["templates"], fields=last["fields"],
                rss_mb=last["rss_mb"], import_s=stats(r["import"] for r in runs)["median"],
                target_s=target if not ctx.quick else None, **extra)


if __name__ == "__main__":
    print(json.dumps(_worker(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))))
