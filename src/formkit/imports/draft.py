"""The draft every importer builds: plain template data, the findings about what was not carried
over (each located at sheet!cell, survey row or JSON path, with a stable code), and the settle
step that makes the draft one `formkit check` accepts.

Settling checks the written YAML through the root pipeline, the same as `formkit check`; an
expression or key the check refuses is dropped from the draft and listed (``import-dropped``)
with where it came from, and the check runs again, so the draft always loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formkit.api import Template
from formkit.core import errors
from formkit.core.errors import ErrorCode, Issue, TemplateError
from formkit.document.loader import read_document
from formkit.document.schema import modeline
from formkit.document.yamlout import dump_template
from formkit.pipeline import load_document

__all__ = ["Draft", "Finding", "ImportResult"]

_SETTLE_ROUNDS = 12
_EXPRESSION_KEYS = ("calc", "value", "visible", "required", "min", "max", "check", "when", "choices", "unit")


@dataclass(frozen=True)
class Finding:
    """One thing not carried over: where (``Sheet!B7``, ``survey row 12``, ``validationRules[3]``),
    the stable code, a plain message and what to do about it."""

    where: str
    code: str
    message: str
    hint: str | None = None
    severity: str = "warning"  # error: nothing could be read from that place

    def __post_init__(self) -> None:
        if self.code not in errors.all_codes():
            raise RuntimeError(f"unregistered error code {self.code!r}")

    def format(self, file: str = "") -> str:
        head = f"{file}: " if file else ""
        text = f"{head}{self.where}: {self.code}: {self.message}"
        return text + (f"\n    hint: {self.hint}" if self.hint else "")

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "code": self.code, "message": self.message, "hint": self.hint,
                "severity": self.severity}


@dataclass
class ImportResult:
    """What an importer made: the draft's YAML ``text`` (None when nothing could be read), its
    plain ``data``, the checked :class:`~formkit.Template`, every :class:`Finding`, and the pool
    bindings proposed with ``pool=`` (listed, never applied)."""

    source: str
    kind: str
    text: str | None
    data: dict[str, Any] | None
    template: Template | None
    findings: list[Finding]
    proposals: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.template is not None

    def file_text(self, path: Path) -> str | None:
        """The draft as the file ``path`` holds it: the editor's schema modeline first (the schema
        relative to ``path``, as ``formkit new`` and ``formkit merge`` write it), then the text."""
        return None if self.text is None else modeline("template", path) + "\n" + self.text

    def report(self) -> str:
        """The findings and proposals as the CLI prints them."""
        lines = [f.format(self.source) for f in self.findings]
        lines += [f"{self.source}: proposed: {p}" for p in self.proposals]
        return "\n".join(lines)


class Draft:
    """A template being built, remembering where each of its parts came from."""

    def __init__(self, source: str | Path, kind: str) -> None:
        self.source = str(source)
        self.kind = kind
        self.data: dict[str, Any] = {"formkit": 1}
        self.findings: list[Finding] = []
        self.proposals: list[str] = []
        self._where: dict[int, str] = {}

    def note(self, where: str, code: ErrorCode, message: str, hint: str | None = None,
             severity: str = "warning") -> None:
        self.findings.append(Finding(where, code.code, message, hint, severity))

    def place(self, item: dict[str, Any], where: str) -> dict[str, Any]:
        """``item`` (a field, row, column, rule), remembered as coming from ``where``."""
        self._where[id(item)] = where
        return item

    def where_of(self, item: object, default: str) -> str:
        return self._where.get(id(item), default)

    def fail(self) -> ImportResult:
        return ImportResult(self.source, self.kind, None, None, None, self.findings, self.proposals)

    def finish(self, header: tuple[str, ...] = ()) -> ImportResult:
        """Write the draft, check it, drop what the check refuses (listed) until it loads."""
        shown = self.source  # the template's file is the file it came from (the catalog lists it so)
        for _ in range(_SETTLE_ROUNDS):
            text = dump_template(self.data, header)
            try:
                tpl = load_document(read_document(shown, text=text))
            except TemplateError as exc:
                if not self._drop(exc.issues):
                    break
                continue
            return ImportResult(self.source, self.kind, text, self.data, tpl, self.findings, self.proposals)
        self.note("template", errors.IMPORT_DROPPED, "the draft does not check even after dropping what failed",
                  "report this file: the importer should never write a template that does not check", "error")
        return ImportResult(self.source, self.kind, dump_template(self.data, header), self.data, None,
                            self.findings, self.proposals)

    def _drop(self, issues: list[Issue]) -> bool:
        """Remove the parts the issues are about; False when none could be found."""
        dropped = False
        for issue in issues:
            steps = list(_steps(issue.path))
            if steps and self._remove(steps, issue):
                dropped = True
        return dropped

    def _remove(self, steps: list[str | int], issue: Issue) -> bool:
        chain: list[Any] = [self.data]
        node: Any = self.data
        i = 0
        while i < len(steps):
            step = steps[i]
            if isinstance(node, list) and isinstance(step, int) and step < len(node):
                node = node[step]
            elif isinstance(node, dict):
                key = str(step)
                j = i
                while key not in node and j + 1 < len(steps):  # a cell key holds a dot: total.all
                    j += 1
                    key = f"{key}.{steps[j]}"
                if key not in node:
                    break
                steps[i:j + 1] = [key]
                node = node[key]
            else:
                break
            chain.append(node)
            i += 1
        # The deepest expression key on the path goes; else the item (field, rule, row…) it sits in.
        for depth in range(len(chain) - 1, 0, -1):
            parent, step = chain[depth - 1], steps[depth - 1]
            if isinstance(parent, dict) and step in _EXPRESSION_KEYS:
                key = str(step)
                item = parent
                where = self.where_of(item, f"{issue.path}")
                text = parent.pop(str(key))
                self.note(where, errors.IMPORT_DROPPED, f"`{key}: {text}` dropped: {issue.message} ({issue.code})",
                          issue.hint)
                return True
        for depth in range(len(chain) - 1, 0, -1):
            parent, step = chain[depth - 1], steps[depth - 1]
            if isinstance(parent, list) and isinstance(step, int) and len(parent) > 1:
                item = parent.pop(step)
                label = item.get("id") if isinstance(item, dict) else item
                self.note(self.where_of(item, issue.path), errors.IMPORT_DROPPED,
                          f"'{label}' dropped: {issue.message} ({issue.code})", issue.hint)
                return True
            key = str(step)
            if isinstance(parent, dict) and key not in _KEPT:
                parent.pop(key)
                self.note(self.where_of(parent, issue.path), errors.IMPORT_DROPPED,
                          f"`{key}` dropped: {issue.message} ({issue.code})", issue.hint)
                return True
        return False


_KEPT = ("fields", "formkit", "id", "title", "period", "rows", "columns", "type")
_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def _steps(path: str) -> Iterator[str | int]:
    for m in _STEP.finditer(path):
        yield int(m.group(1)) if m.group(1) is not None else m.group(2)
