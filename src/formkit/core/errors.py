"""Errors: the registry of stable codes, located issues, and the one exception that carries them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from formkit.core.source import SourceSpan, snippet

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class ErrorCode:
    """A stable code. ``code`` never changes once released; docs/errors.md documents each one."""

    code: str
    title: str


_REGISTRY: dict[str, ErrorCode] = {}


def _code(code: str, title: str) -> ErrorCode:
    if code in _REGISTRY:  # a programming mistake, caught at import
        raise RuntimeError(f"error code {code!r} registered twice")
    _REGISTRY[code] = ErrorCode(code, title)
    return _REGISTRY[code]


def all_codes() -> dict[str, ErrorCode]:
    return dict(_REGISTRY)


# -- files and YAML -------------------------------------------------------------------------
FILE_NOT_FOUND = _code("file-not-found", "a file named in a command or a template does not exist")
FILE_TOO_LARGE = _code("file-too-large", "a file is larger than formkit reads")
FILE_ENCODING = _code("file-encoding", "a file is not UTF-8 text")
YAML_SYNTAX = _code("yaml-syntax", "the file is not well-formed YAML")
YAML_TAB = _code("yaml-tab", "a tab character is used for indentation")
YAML_DUPLICATE_KEY = _code("yaml-duplicate-key", "the same key appears twice in one mapping")
YAML_ALIAS = _code("yaml-alias-limit", "anchors and aliases expand beyond the limit")
YAML_TAG = _code("yaml-tag", "an explicit YAML tag (!!python/…, !custom) is used")
FILE_KIND = _code("file-kind", "a file is neither a template (`formkit:`), a pool (`formkit_pool:`) nor an "
                  "element dictionary (`formkit_elements:`)")
# -- shape (JSON Schema) --------------------------------------------------------------------
UNKNOWN_KEY = _code("unknown-key", "a key that this place does not take")
MISSING_KEY = _code("missing-key", "a required key is missing")
WRONG_TYPE = _code("wrong-type", "a value of the wrong kind (text where a number is expected…)")
UNKNOWN_VALUE = _code("unknown-value", "a value outside the allowed set (an unknown type, period…)")
BAD_IDENTIFIER = _code("bad-identifier", "an id is not an identifier")
INVALID_VALUE = _code("invalid-value", "a value breaks a constraint (too small, empty, malformed)")
UNSUPPORTED_VERSION = _code("unsupported-version", "the file format version is not supported")
# -- template meaning ------------------------------------------------------------------------
DUPLICATE_ID = _code("duplicate-id", "two things share an id (ids are compared case-insensitively)")
RESERVED_ID = _code("reserved-id", "an id is a reserved word")
CONFLICTING_SOURCES = _code("conflicting-sources", "a field has more than one source of its value")
POOL_NOT_FOUND = _code("pool-not-found", "the template's pool file does not exist")
POOL_MISSING = _code("pool-missing", "the template binds to the pool but names no pool file")
ELEMENTS_NOT_FOUND = _code("elements-not-found", "the template's element dictionary file does not exist")
ELEMENTS_MISSING = _code("elements-missing", "a field names an element but the template names no element dictionary")
UNKNOWN_ELEMENT = _code("unknown-element", "a field names an element that its dictionary does not have")
ELEMENT_TYPE_MISMATCH = _code("element-type-mismatch", "a field's type disagrees with the type of its element")
DUPLICATE_ALIAS = _code("duplicate-alias", "two elements of a dictionary share a label or an alias")
SOURCE_NOT_FOUND = _code("source-not-found", "a derived template's `from:` names a template file that does not exist")
DERIVED_CYCLE = _code("derived-cycle", "derived templates that read each other in a circle")
DERIVED_MISMATCH = _code("derived-mismatch", "a derived template whose level, period or pool differs from its source's")
DERIVED_ONLY = _code("derived-only", "a derived template with something staff would have to type, the pool or prev()")
DERIVED_READ_ONLY = _code("derived-read-only", "a derived report was saved or submitted: it is computed from its "
                          "sources")
BAD_DATE = _code("bad-date", "a date is not a real calendar date (YYYY-MM-DD)")
BAD_PATTERN = _code("bad-pattern", "a `pattern` outside formkit's subset of regular expressions, or one that "
                    "can read a text in more than one way")
BAD_CHOICES = _code("bad-choices", "`choices` names something that is not a choice column")
BAD_MINMAX = _code("bad-minmax", "`min` is greater than `max`")
MISPLACED_KEY = _code("misplaced-key", "a key that does not apply to this field's type")
BAD_ROLLUP = _code("bad-rollup", "a roll-up mode that does not apply to this field")
BAD_MASK = _code("bad-mask", "a template mask weaker than the pool's, or on a non-personal column")
# -- expressions -----------------------------------------------------------------------------
EXPR_SYNTAX = _code("expr-syntax", "an expression cannot be read")
EXPR_TOO_COMPLEX = _code("expr-too-complex", "an expression is too long or too deeply nested")
UNKNOWN_NAME = _code("unknown-name", "a name that is not a field, table column, grid cell or pool table")
UNKNOWN_POOL_TABLE = _code("unknown-pool-table", "a pool table that the pool does not have")
UNKNOWN_POOL_COLUMN = _code("unknown-pool-column", "a column that the pool table does not have")
UNKNOWN_FUNCTION = _code("unknown-function", "a function that the language does not have")
ARG_COUNT = _code("arg-count", "a function called with the wrong number of arguments")
TYPE_MISMATCH = _code("type-mismatch", "values of the wrong type for an operator or function")
NOT_A_TABLE = _code("not-a-table", "an aggregate or `rows` over something that is not a table")
BAD_PREV = _code("bad-prev", "`prev()` of something that is not a field")
POOL_OUTSIDE_VALUE = _code("pool-outside-value", "the pool is read outside `value`/`rows`")
FIELD_IN_POOL_SCOPE = _code("field-in-pool-scope", "a form field used inside a pool aggregate")
COLUMN_OUTSIDE_AGGREGATE = _code("column-outside-aggregate", "a table column used outside an aggregate")
ROW_COL_OUTSIDE_GRID = _code("row-col-outside-grid", "`row`/`col` used outside a grid cell")
UNKNOWN_CHOICE = _code("unknown-choice", "a choice compared with a text that is not one of its keys (often its "
                        "label)")
BAD_ROUND_DIGITS = _code("bad-round-digits", "`round`'s places are not an integer from -10 to 10")
CALC_CYCLE = _code("calc-cycle", "fields that depend on each other in a circle")
BAD_PERIOD = _code("bad-period", "a period that does not parse or does not match the template")
# -- report only once: the catalog and the admission fence (SPEC §8.2, §8.3) ----------------------
NOT_A_TEMPLATE = _code("not-a-template", "a file under a catalog's paths that is not a template (an Excel workbook)")
DUPLICATE_TEMPLATE = _code("duplicate-template", "two files of a catalog have the same template id")
PAST_VALID_UNTIL = _code("past-valid-until", "a template whose `valid_until` date has passed")
MISSING_BASIS = _code("missing-basis", "a template without `basis`, the document that makes it required")
MISSING_OWNER = _code("missing-owner", "a template without `owner`, the department that answers for it")
NO_RECENT_SUBMISSIONS = _code("no-recent-submissions", "a deployed template with no submission in its last three "
                              "periods")
# -- runtime: stored submissions ---------------------------------------------------------------
STALE_SUBMISSION = _code("stale-submission", "a submission changed by someone else since the form was filled")
INVALID_SUBMISSION = _code(
    "invalid-submission", "a submission with a wrong type, a value out of range or a broken rule"
)
VERSION_CHANGED = _code("version-changed", "a deployed template version whose fields or types have changed")
STORED_TYPE_CHANGED = _code(
    "stored-type-changed",
    "a field stored differently from a deployed version (integer and decimal, decimal places, kind of text, choices)",
)
FORBIDDEN = _code(
    "forbidden",
    "a workflow call the actor may not make: a unit outside their subtree, a role they lack, unmasked personal "
    "data without the pii role, or a review of their own submission (four eyes)",
)
# -- runtime: values bodies (`formkit submit --values`) ----------------------------------------
VALUES_SYNTAX = _code(
    "values-syntax",
    "a values file that is not plain JSON: malformed, NaN or Infinity, nested too deeply, a key twice in one object",
)
UNKNOWN_VALUES_KEY = _code(
    "unknown-values-key",
    "a key in a values body that neither the template nor SPEC §5's shape has (a field, roster column, grid row "
    "or column, pool row key)",
)
VALUES_SHAPE = _code(
    "values-shape",
    "a values body of the wrong shape (a table that is not a list of rows…), or a form of another template, "
    "unit or period",
)
READ_ONLY_VALUE = _code(
    "read-only-value",
    "a values body changes a pool-bound roster cell without `confirm: true`, or adds rows to a roster that "
    "takes none",
)
# -- runtime: org units -----------------------------------------------------------------------
UNKNOWN_ORG = _code("unknown-org", "an org unit code that the pool's org table does not have")
BAD_ORG_CODE = _code(
    "bad-org-code", "an org unit code with a control or invisible character, a space, or a digit other than 0-9"
)
WRONG_LEVEL = _code("wrong-level", "an org unit that is not at the level the template is filled at")
ORG_VALIDITY = _code(
    "org-validity", "org table rows whose validity dates overlap for one code, end before they start, or name a "
    "parent that does not exist at that time"
)
# -- runtime: the database ----------------------------------------------------------------------
POOL_TABLE_MISSING = _code("pool-table-missing", "a table or column of the pool file that the database does not have")
# -- runtime: the web app (formkit.web, SPEC §9), answered as application/problem+json ----------
NOT_FOUND = _code("not-found", "a web request for a template, page or static file that the app does not have")
UNAUTHENTICATED = _code("unauthenticated", "a web request that the host's actor mapping names nobody for")
CROSS_SITE_REQUEST = _code(
    "cross-site-request", "a web request that another site's page sent (Origin, Sec-Fetch-Site) or named another host"
)
REQUEST_TOO_LARGE = _code("request-too-large", "a web request body over the app's size limit")
UNSUPPORTED_MEDIA_TYPE = _code("unsupported-media-type", "a web request body that is not application/json")
METHOD_NOT_ALLOWED = _code("method-not-allowed", "a web request with a method its route does not take")
IDEMPOTENCY_KEY_REUSED = _code(
    "idempotency-key-reused", "an `Idempotency-Key` sent again with another body for the same revision"
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One located problem: what, where, and what to do about it."""

    code: str
    message: str
    span: SourceSpan
    path: str = ""
    hint: str | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if self.code not in _REGISTRY:
            raise RuntimeError(f"unregistered error code {self.code!r}")

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.span.file,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
        }

    def format(self, source_text: str | None = None) -> str:
        """Compiler-style: ``file:line:col: code: message``, the line, a caret, the hint."""
        out = [f"{self.span}: {self.code}: {self.message}"]
        if source_text is not None:
            shown = snippet(source_text, self.span)
            if shown:
                out.extend("    " + line for line in shown.splitlines())
        if self.hint:
            out.append(f"    hint: {self.hint}")
        return "\n".join(out)


@dataclass
class Collector:
    """Collects every issue a pass finds, so the user sees all problems at once."""

    issues: list[Issue] = field(default_factory=list)

    def add(
        self,
        code: ErrorCode,
        message: str,
        span: SourceSpan,
        path: str = "",
        hint: str | None = None,
    ) -> None:
        self.issues.append(Issue(code.code, message, span, path, hint))

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def failed(self) -> bool:
        return any(i.severity == "error" for i in self.issues)

    def raise_if_failed(self, sources: dict[str, str] | None = None) -> None:
        if self.failed:
            raise TemplateError(self.issues, sources)


class TemplateError(Exception):
    """Every problem found in a template or pool, each with code, position, message and hint."""

    def __init__(self, issues: Sequence[Issue], sources: dict[str, str] | None = None) -> None:
        self.issues: list[Issue] = sorted(
            issues, key=lambda i: (i.span.file, i.span.line, i.span.column, i.code)
        )
        self.sources = dict(sources or {})
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(i.format(self.sources.get(i.span.file)) for i in self.issues)

    def codes(self) -> list[str]:
        return [i.code for i in self.issues]


def did_you_mean(name: str, options: Iterable[str]) -> str | None:
    """A suggestion for a misspelt name, compared case-insensitively."""
    opts = list(options)
    lowered = {o.lower(): o for o in opts}
    if name.lower() in lowered:
        return lowered[name.lower()]
    match = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def suggestion_hint(name: str, options: Iterable[str], what: str = "") -> str | None:
    best = did_you_mean(name, options)
    if best is None:
        return None
    return f"did you mean '{best}'?" if not what else f"did you mean the {what} '{best}'?"


# Words that say what kind of value a column holds, not what it is about: `state_code` and
# `industry_code` share `code`, yet `state_code` means `status`. Compared without them first.
_GENERIC_WORDS = frozenset({"code", "id", "no", "num", "number", "count", "date", "name", "type", "flag", "is", "of"})
_CUTOFF = 0.6


def closest_name(name: str, candidates: Mapping[str, Iterable[str]]) -> str | None:
    """The candidate most like ``name`` by edit distance, on its id and on its labels (each label
    and each word of one), ids compared with and without words like `code` and `id`; None when
    none is close (similarity under 0.6, similarity being 1 − distance / longer length)."""
    query = _forms(name)
    best, best_score = None, _CUTOFF
    for candidate, labels in candidates.items():
        if candidate.lower() == name.lower():
            return candidate
        texts = {w for text in labels for w in _label_forms(text)}
        score = max(_similarity(q, f) for q in query for f in _forms(candidate) | texts)
        if not name.isascii() and len(name) >= 2 and any(name in t for t in texts):
            score = max(score, 0.7)  # `状态` names the column labelled 登记状态
        if score > best_score:
            best, best_score = candidate, score
    return best


def ranked_hint(name: str, candidates: Mapping[str, Iterable[str]], what: str = "") -> str | None:
    """:func:`suggestion_hint` ranked by :func:`closest_name` (ids and labels), falling back to
    the plain spelling match."""
    best = closest_name(name, candidates) or did_you_mean(name, candidates)
    if best is None:
        return None
    return f"did you mean '{best}'?" if not what else f"did you mean the {what} '{best}'?"


def _forms(ident: str) -> set[str]:
    low = ident.lower()
    words = [w for w in low.split("_") if w]
    core = [w for w in words if w not in _GENERIC_WORDS]
    return {low, "_".join(core)} - {""} if core else {low}


def _label_forms(text: str) -> set[str]:
    low = text.lower().strip()
    return ({low} | set(low.replace("(", " ").replace(")", " ").split())) - {""}


def _similarity(a: str, b: str) -> float:
    return 1 - _distance(a, b) / max(len(a), len(b), 1)


def _distance(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (`lable` is one edit from `label`)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            cur.append(cost)
        prev2, prev = prev, cur
    return prev[-1]
