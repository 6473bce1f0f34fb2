"""Benchmark 2 — per keystroke: formkit's JS evaluator vs SurveyJS 3.1.1 under node, same forms, same edits.

Python writes the inputs (the JS plan of the generated template, the SurveyJS model of the same
form, the starting values and a list of edits, every tenth one to the hub field with the large
fan-out); ``bench/node/keystroke.mjs`` runs one side per node process and times model
construction and each edit (everything brought up to date: values, visibility, checks).
survey-core is installed into ``bench/node/node_modules`` on first use (``npm install``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import formkit
from bench import gen
from bench.common import ROOT, Context, stats
from formkit.browser.plan import payload, template_plan

NODE_DIR = ROOT / "bench" / "node"
SIZES_FULL = (50, 1000, 5000)
SIZES_QUICK = (50, 200)


def ensure_node() -> str | None:
    """The node binary, with survey-core installed; None (and the reason) when it cannot be."""
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        return None
    if not (NODE_DIR / "node_modules" / "survey-core" / "package.json").exists():
        subprocess.run(["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=NODE_DIR, check=True, timeout=600)
    return node


def surveyjs_version() -> str | None:
    try:
        return str(json.loads((NODE_DIR / "node_modules" / "survey-core" / "package.json").read_text())["version"])
    except OSError:
        return None


def _inputs(ctx: Context, n: int) -> dict[str, Any]:
    tpl = formkit.load(gen.write_template(ctx.work / "keystroke", n))
    fs = gen.fields(n)
    values: dict[str, Any] = {}
    for i, f in enumerate(fs):
        if f.kind in ("input", "checked"):
            values[f.id] = 10 + (i * 37) % 900  # > 5: every checked field starts visible
        elif f.kind == "choice":
            values[f.id] = gen.CHOICES[i % len(gen.CHOICES)]
    probe = next(f.id for f in fs if f.kind == "calc" and gen.HUB in f.terms)
    changes = gen.keystroke_changes(n, 60 if ctx.quick else 600)
    return {"n": n, "plan": template_plan(tpl), "payload": payload(values), "surveyjs": gen.surveyjs_json(n),
            "data": values, "changes": changes, "probe": probe,
            "construct": 3 if ctx.quick else 7, "budget_ms": ctx.budget * 1000}


def _node(node: str, file: Path, side: str, data: dict[str, Any]) -> dict[str, Any]:
    file.write_text(json.dumps({**data, "sides": [side]}), encoding="utf-8")
    out = subprocess.run([node, "--expose-gc", "--max-old-space-size=8192", str(NODE_DIR / "keystroke.mjs"), str(file)],
                         cwd=ROOT, capture_output=True, text=True, check=True, timeout=3600)
    result: dict[str, Any] = json.loads(out.stdout)[side]
    return result


def run(ctx: Context) -> None:
    node = ensure_node()
    if node is None:
        ctx.results.note("keystroke", "node/npm not found: the keystroke benchmark did not run")
        return
    sizes = SIZES_QUICK if ctx.quick else SIZES_FULL
    folder = ctx.work / "keystroke"
    folder.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        case = f"n={n}"
        data = _inputs(ctx, n)
        fan = gen.fan_out(n)
        for side in ("surveyjs", "formkit"):
            r = _node(node, folder / f"input_{n}_{side}.json", side, data)
            ms = {"unit": "ms"}
            if "bare_ms" in r:
                ctx.add("keystroke", case, side, "construct model (no values)", stats(r["bare_ms"]), **ms)
            ctx.add("keystroke", case, side, "construct with values", stats(r["construct_ms"]), heap_mb=r["heap_mb"],
                    **ms)
            ctx.add("keystroke", case, side, "keystroke (typical field)", stats(r["set_ms"]), **ms)
            ctx.add("keystroke", case, side, f"keystroke (hub, fan-out {fan})", stats(r["hub_ms"]),
                    recomputed=r["recomputed"], **ms)
            if not r["recomputed"]:
                ctx.results.note("keystroke", f"{case} {side}: the probe calc did not change: check the edits")
