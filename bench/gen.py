"""Generated benchmark forms: one field list, written as a formkit template, an XLSForm and a SurveyJS model.

:func:`fields` lays out N fields deterministically: a third typed inputs (integers with bounds,
every fourth a choice list of five options), a third calcs over earlier numbers (every fifth
calc also reads ``f00000``, the hub: a field with a large fan-out), and a third checked inputs
with a bound that reads another field, a visibility condition and (every other one) ``required``.
The same list becomes

- :func:`template_yaml`: a formkit template (optionally with pool-bound values, as in a catalog),
- :func:`write_xlsform`: the equivalent XLSForm (survey + choices sheets, via openpyxl) for pyxform,
- :func:`surveyjs_json`: the equivalent SurveyJS model for the keystroke benchmark,

and :func:`catalog` writes a catalog of 1,032 templates with 12,565 fields in all.
"""

# ruff: noqa: PLC0415 — formkit and openpyxl are imported where used: the compile workers time
# their own imports, and bench.compile imports this module first.

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HUB = "f00000"
CHOICES = ("c1", "c2", "c3", "c4", "c5")
CATALOG_TEMPLATES = 1032
CATALOG_FIELDS = 12565
POOL_VALUES = (  # pool-bound values a catalog template may carry (names of the demo pool)
    "count(person)",
    "count(person where sex = 'F')",
    "count(person where disability_level in (1, 2))",
    "count(person where lives_alone = true and age(birth_date) >= 80)",
    "count(enterprise)",
    "sum(enterprise.employees)",
    "count(person where is_party_member = true)",
)


@dataclass
class Field:
    id: str
    kind: str  # input | choice | calc | checked | pool
    terms: list[str] = field(default_factory=list)  # calc: the fields added
    max_ref: str | None = None  # checked: max is this field
    visible_ref: str | None = None  # checked: shown when this field > 5
    required: bool = False
    pool_expr: str | None = None


def fid(i: int) -> str:
    return f"f{i:05d}"


def fields(n: int, *, seed: int = 1, pool_every: int = 0) -> list[Field]:
    """N fields as described in the module docstring; ``pool_every`` > 0 makes every such
    field a pool-bound value instead (catalog templates)."""
    rng = random.Random(seed * 1_000_003 + n)
    out: list[Field] = []
    numbers: list[str] = []  # numeric fields so far (inputs and calcs)
    inputs: list[str] = []  # numeric typed inputs so far
    for i in range(n):
        name = fid(i)
        kind = ("input", "calc", "checked")[i % 3]
        if i == 0:
            kind = "input"
        elif pool_every and i % pool_every == pool_every - 1:
            kind = "pool"
        elif kind == "input" and i % 12 == 3:
            kind = "choice"
        elif kind == "calc" and not numbers:
            kind = "input"
        f = Field(name, kind)
        if kind == "calc":
            f.terms = [rng.choice(numbers), rng.choice(numbers)]
            if len(out) % 5 == 1 and HUB not in f.terms:
                f.terms.append(HUB)
        elif kind == "checked":
            f.max_ref = rng.choice(inputs)
            f.visible_ref = rng.choice(inputs)
            f.required = i % 2 == 0
        elif kind == "pool":
            f.pool_expr = POOL_VALUES[i % len(POOL_VALUES)]
        out.append(f)
        if kind in ("input", "calc", "checked", "pool"):
            numbers.append(name)
        if kind == "input":
            inputs.append(name)
    return out


# -- formkit -----------------------------------------------------------------------------------


def template_yaml(n: int, *, tid: str | None = None, seed: int = 1, pool: str | None = "demo_city.pool.yaml",
                  pool_every: int = 0) -> str:
    """A formkit template of ``n`` fields (see :func:`fields`)."""
    tid = tid or f"bench_{n}"
    lines = [
        "formkit: 1",
        f"id: {tid}",
        "version: 1",
        f"title: {{zh: 基准测试表{n}, en: Benchmark form {n}}}",
        *([f"pool: {pool}", "level: community"] if pool else []),
        "period: monthly",
        "fields:",
    ]
    for i, f in enumerate(fields(n, seed=seed, pool_every=pool_every if pool else 0)):
        head = f"  - {{id: {f.id}, label: 指标{i}"
        if f.kind == "input":
            lines.append(f"{head}, type: integer, min: 0, max: 1000}}")
        elif f.kind == "choice":
            opts = ", ".join(f"{c}: 选项{c[1]}" for c in CHOICES)
            lines.append(f"{head}, type: choice, choices: {{{opts}}}}}")
        elif f.kind == "calc":
            lines.append(f"{head}, type: integer, calc: \"{' + '.join(f.terms)}\"}}")
        elif f.kind == "pool":
            lines.append(f"{head}, type: integer, value: \"{f.pool_expr}\"}}")
        else:
            req = ", required: true" if f.required else ""
            lines.append(f"{head}, type: integer, min: 0, max: {f.max_ref}, visible: \"{f.visible_ref} > 5\"{req}}}")
    return "\n".join(lines) + "\n"


def write_template(folder: Path, n: int, **kw: Any) -> Path:
    """Write the template of ``n`` fields into ``folder`` (with the demo pool beside it)."""
    import formkit

    folder.mkdir(parents=True, exist_ok=True)
    pool_file = folder / "demo_city.pool.yaml"
    if not pool_file.exists():
        shutil.copy(formkit.examples_dir() / "demo_city.pool.yaml", pool_file)
    tid = kw.pop("tid", None) or f"bench_{n}"
    path = folder / f"{tid}.yaml"
    path.write_text(template_yaml(n, tid=tid, **kw), encoding="utf-8")
    return path


# -- XLSForm -----------------------------------------------------------------------------------


def write_xlsform(path: Path, n: int, *, seed: int = 1) -> Path:
    """The XLSForm equivalent of :func:`template_yaml` (without the pool: XLSForm has none)."""
    from openpyxl import Workbook

    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "calculation", "constraint", "relevant", "required"])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for i, f in enumerate(fields(n, seed=seed)):
        label = f"指标{i}"
        if f.kind == "input":
            survey.append(["integer", f.id, label, None, ". >= 0 and . <= 1000", None, None])
        elif f.kind == "choice":
            survey.append([f"select_one l{f.id}", f.id, label, None, None, None, None])
            for c in CHOICES:
                choices.append([f"l{f.id}", c, f"选项{c[1]}"])
        elif f.kind == "calc":
            survey.append(["calculate", f.id, label, " + ".join(f"${{{t}}}" for t in f.terms), None, None, None])
        else:
            survey.append(["integer", f.id, label, None, f". >= 0 and . <= ${{{f.max_ref}}}",
                           f"${{{f.visible_ref}}} > 5", "yes" if f.required else None])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append([f"Benchmark form {n}", f"bench_{n}", "1"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# -- SurveyJS ----------------------------------------------------------------------------------


def surveyjs_json(n: int, *, seed: int = 1) -> dict[str, Any]:
    """The SurveyJS model of the same form: number inputs with validators, dropdowns,
    ``expression`` questions for calcs, ``visibleIf``/``isRequired`` and expression validators."""
    elements: list[dict[str, Any]] = []
    for i, f in enumerate(fields(n, seed=seed)):
        q: dict[str, Any] = {"name": f.id, "title": f"指标{i}"}
        if f.kind == "input":
            q |= {"type": "text", "inputType": "number",
                  "validators": [{"type": "numeric", "minValue": 0, "maxValue": 1000}]}
        elif f.kind == "choice":
            q |= {"type": "dropdown", "choices": [{"value": c, "text": f"选项{c[1]}"} for c in CHOICES]}
        elif f.kind == "calc":
            q |= {"type": "expression", "expression": " + ".join(f"{{{t}}}" for t in f.terms)}
        else:
            q |= {"type": "text", "inputType": "number", "visibleIf": f"{{{f.visible_ref}}} > 5",
                  "isRequired": f.required,
                  "validators": [{"type": "numeric", "minValue": 0},
                                 {"type": "expression", "expression": f"{{{f.id}}} <= {{{f.max_ref}}}"}]}
        elements.append(q)
    return {"title": f"Benchmark form {n}", "pages": [{"name": "p1", "elements": elements}]}


def keystroke_changes(n: int, count: int, *, seed: int = 1) -> list[dict[str, Any]]:
    """``count`` edits to typed number inputs (the hub among them, every tenth edit)."""
    rng = random.Random(seed + n)
    inputs = [f.id for f in fields(n, seed=seed) if f.kind in ("input", "checked")]
    out = []
    for k in range(count):
        slot = HUB if k % 10 == 0 else rng.choice(inputs)
        out.append({"slot": slot, "value": rng.randint(0, 999), "hub": slot == HUB})
    return out


def fan_out(n: int, *, seed: int = 1) -> int:
    """How many fields read the hub, directly or through other calcs."""
    fs = fields(n, seed=seed)
    reach = {HUB}
    for f in fs:
        reads = set(f.terms) if f.kind == "calc" else {f.visible_ref} if f.kind == "checked" else set()
        if reach & reads:
            reach.add(f.id)
    return len(reach) - 1


# -- a catalog ---------------------------------------------------------------------------------


def catalog_sizes(templates: int = CATALOG_TEMPLATES, total: int = CATALOG_FIELDS, *, seed: int = 2026) -> list[int]:
    """Template sizes (3–80 fields, most around 8–15) adding up to exactly ``total``."""
    rng = random.Random(seed)
    sizes = [max(3, min(80, round(rng.lognormvariate(2.3, 0.55)))) for _ in range(templates)]
    i = 0
    while (diff := total - sum(sizes)) != 0:
        k = i % templates
        step = 1 if diff > 0 else -1
        if 3 <= sizes[k] + step <= 80:
            sizes[k] += step
        i += 1
    return sizes


def write_catalog(folder: Path, templates: int = CATALOG_TEMPLATES, total: int = CATALOG_FIELDS) -> list[Path]:
    """``templates`` template files (one pool file beside them) with ``total`` fields in all;
    every seventh field is pool-bound, as in a real catalog where many numbers are in the pool."""
    import formkit

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(formkit.examples_dir() / "demo_city.pool.yaml", folder / "demo_city.pool.yaml")
    paths = []
    for k, n in enumerate(catalog_sizes(templates, total)):
        tid = f"dept{k // 40:02d}_report{k:04d}"
        path = folder / f"{tid}.yaml"
        path.write_text(template_yaml(n, tid=tid, seed=k, pool_every=7), encoding="utf-8")
        paths.append(path)
    return paths
