"""Check many files at once: folders, templates, pools and element dictionaries, every problem of every file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formkit.core.errors import Issue, TemplateError
from formkit.document.files import expand
from formkit.document.loader import read_document
from formkit.document.model import PoolModel
from formkit.pipeline import load, load_elements, load_pool


@dataclass
class CheckReport:
    files: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    explained: list[str] = field(default_factory=list)  # --explain: what the proofs found, per template

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)


def check_paths(paths: Iterable[str | Path], db: str | None = None, *, proofs: bool = True,
                explain: bool = False) -> CheckReport:
    """Every problem of every file; with ``db`` (a database URL, ``formkit check --db``), also
    each pool (a pool file, or a template's) against the database's tables
    (``pool-table-missing``) and each template against its deployed versions there
    (``version-changed``, ``stored-type-changed``). With ``proofs`` (the default), each template
    that loads is also proved (SPEC §11: ``rules-infeasible``, ``rule-redundant``,
    ``condition-constant``, ``calc-out-of-bounds``); ``explain`` keeps what the proofs found
    (implied ranges, skipped parts, what was not proved) in ``explained``."""
    files, missing = expand(paths)
    report = CheckReport(issues=list(missing))
    pools_seen: set[str] = set()  # a pool's tables are looked for once, however many templates use it
    for f in files:
        report.files.append(str(f))
        try:
            kind = read_document(f).kind
            if kind == "pool":
                pool = load_pool(f)
                if db is not None:
                    _add(report, *_pool_issues(db, pool, pools_seen))
            elif kind == "elements":
                load_elements(f)
            else:
                template = load(f)  # a file that is neither gets the file-kind error from the template path
                if proofs:
                    _prove(report, template, explain)
                if db is not None:
                    if template.pool is not None:
                        _add(report, *_pool_issues(db, template.pool, pools_seen))
                    report.issues.extend(_deployed_issues(db, template))
                    report.sources.update(template.sources)
        except TemplateError as exc:
            _add(report, exc.issues, exc.sources)
    return report


def _prove(report: CheckReport, template: Any, explain: bool) -> None:
    from formkit.proof.analyse import prove  # the solver loads only when a template is checked

    proof = prove(template, explain=explain)
    if proof.issues:
        report.issues.extend(proof.issues)
        report.sources.update(template.sources)
    if explain:
        report.explained.append(proof.explain())


def _add(report: CheckReport, issues: list[Issue], sources: dict[str, str]) -> None:
    """A pool's problems are reported once, though every template using it has them too."""
    new = [i for i in issues if i not in report.issues]
    report.issues.extend(new)
    report.sources.update(sources)


def _pool_issues(url: str, pool: PoolModel, seen: set[str]) -> tuple[list[Issue], dict[str, str]]:
    """``pool-table-missing`` for what the database at ``url`` lacks of ``pool`` (once per pool file)."""
    from formkit.runtime import connect  # database drivers load only with --db
    from formkit.sql.pooldb import pool_issues, pool_source

    if pool.span.file in seen:
        return [], {}
    seen.add(pool.span.file)
    with connect(url) as con:
        issues = pool_issues(con, pool)
    return issues, pool_source(pool) if issues else {}


def _deployed_issues(url: str, template: Any) -> list[Issue]:
    from formkit.runtime import connect  # database drivers load only with --db
    from formkit.sql.registry import check_deployed

    with connect(url) as con:
        return check_deployed(con, template)
