"""Benchmark — the proofs (SPEC §11): ``formkit check`` with the analysis on and off.

Each run is a fresh interpreter that checks a folder the way ``formkit check DIR`` does
(``check_paths``), imports included (the solver loads only when proofs are on). Two folders: the
shipped examples, and the generated 1,032-template catalog (bench/catalog.py; ``--quick``: its
first 25). The figure that matters is the ratio on/off: issue 20 asks it to stay within 2×.
"""

# ruff: noqa: PLC0415 — each worker imports formkit itself, to time the import.

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import gen
from bench.common import ROOT, Context, stats

RATIO_TARGET = 2.0
EXAMPLES = ROOT / "src" / "formkit" / "examples"


def _worker(folder: Path, proofs: bool, limit: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    from formkit.cli.check import check_paths

    paths = sorted(p for p in folder.glob("*.yaml") if not p.name.endswith((".pool.yaml", ".elements.yaml")))
    report = check_paths(paths[:limit], proofs=proofs)
    codes = ("rules-infeasible", "rule-redundant", "condition-constant", "calc-out-of-bounds")
    return {"total": time.perf_counter() - t0, "templates": len(paths[:limit]),
            "findings": sum(1 for i in report.issues if i.code in codes)}


def _run(folder: Path, proofs: bool, limit: int) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "bench.proof", str(folder), "on" if proofs else "off", str(limit)],
                          cwd=ROOT, capture_output=True, text=True, check=True, timeout=3600)
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def run(ctx: Context) -> None:
    catalog = ctx.work / "catalog"
    if not (catalog / "dept00_report0000.yaml").exists():
        gen.write_catalog(catalog)
    repeat = 1 if ctx.quick else 5
    cases = [("examples", EXAMPLES, 1000), ("catalog", catalog, 25 if ctx.quick else gen.CATALOG_TEMPLATES)]
    for name, folder, limit in cases:
        off: list[dict[str, Any]] = []
        on: list[dict[str, Any]] = []
        for _ in range(repeat):  # interleaved, so that a shared machine's load falls on both alike
            off.append(_run(folder, False, limit))
            on.append(_run(folder, True, limit))
        t_off, t_on = stats(r["total"] for r in off), stats(r["total"] for r in on)
        case = f"{name}, {on[-1]['templates']} templates"
        ctx.add("proof", case, "formkit", "check, proofs off", t_off, templates=on[-1]["templates"])
        ctx.add("proof", case, "formkit", "check, proofs on", t_on, findings=on[-1]["findings"],
                ratio=round(t_on["median"] / t_off["median"], 2), ratio_of_min=round(t_on["min"] / t_off["min"], 2),
                target_ratio=RATIO_TARGET)


if __name__ == "__main__":
    print(json.dumps(_worker(Path(sys.argv[1]), sys.argv[2] == "on", int(sys.argv[3]))))
