"""The bad-input corpus: one triggering example per error code, with where it must be reported.

Shared by tests/test_errors.py and scripts/gen_errors_doc.py (docs/errors.md is generated from it).
"""

from __future__ import annotations

from pathlib import Path

BAD = Path(__file__).parent / "bad"

# code -> (file under tests/bad, line, column)
CASES: dict[str, tuple[str, int, int]] = {
    "yaml-syntax": ("yaml-syntax.yaml", 9, 4),
    "yaml-tab": ("yaml-tab.yaml", 6, 1),
    "yaml-duplicate-key": ("yaml-duplicate-key.yaml", 9, 5),
    "yaml-alias-limit": ("yaml-alias-limit.yaml", 9, 44),
    "yaml-tag": ("yaml-tag.yaml", 7, 12),
    "file-kind": ("file-kind.yaml", 1, 1),
    "unknown-key": ("unknown-key.yaml", 9, 5),
    "missing-key": ("missing-key.yaml", 6, 5),
    "wrong-type": ("wrong-type.yaml", 9, 10),
    "unknown-value": ("unknown-value.yaml", 8, 11),
    "bad-identifier": ("bad-identifier.yaml", 6, 9),
    "invalid-value": ("invalid-value.yaml", 9, 16),
    "unsupported-version": ("unsupported-version.yaml", 1, 10),
    "duplicate-id": ("duplicate-id.yaml", 7, 5),
    "reserved-id": ("reserved-id.yaml", 6, 5),
    "conflicting-sources": ("conflicting-sources.yaml", 11, 11),
    "pool-not-found": ("pool-not-found.yaml", 5, 7),
    "pool-missing": ("pool-missing.yaml", 9, 11),
    "elements-not-found": ("elements-not-found.yaml", 5, 11),
    "elements-missing": ("elements-missing.yaml", 7, 22),
    "unknown-element": ("unknown-element.yaml", 7, 22),
    "element-type-mismatch": ("element-type-mismatch.yaml", 7, 45),
    "duplicate-alias": ("duplicate-alias.elements.yaml", 9, 12),
    "bad-date": ("bad-date.yaml", 5, 14),
    "bad-pattern": ("bad-pattern.yaml", 6, 48),
    "bad-choices": ("bad-choices.yaml", 8, 47),
    "bad-minmax": ("bad-minmax.yaml", 6, 43),
    "misplaced-key": ("misplaced-key.yaml", 6, 46),
    "bad-rollup": ("bad-rollup.yaml", 6, 43),
    "bad-mask": ("bad-mask.pool.yaml", 11, 17),
    "expr-syntax": ("expr-syntax.yaml", 7, 50),
    "expr-too-complex": ("expr-too-complex.yaml", 7, 44),
    "unknown-name": ("unknown-name.yaml", 7, 44),
    "unknown-pool-table": ("unknown-pool-table.yaml", 8, 51),
    "unknown-pool-column": ("unknown-pool-column.yaml", 8, 65),
    "unknown-function": ("unknown-function.yaml", 7, 45),
    "arg-count": ("arg-count.yaml", 7, 45),
    "type-mismatch": ("type-mismatch.yaml", 7, 45),
    "not-a-table": ("not-a-table.yaml", 7, 48),
    "bad-prev": ("bad-prev.yaml", 6, 50),
    "pool-outside-value": ("pool-outside-value.yaml", 8, 50),
    "field-in-pool-scope": ("field-in-pool-scope.yaml", 9, 83),
    "column-outside-aggregate": ("column-outside-aggregate.yaml", 11, 44),
    "row-col-outside-grid": ("row-col-outside-grid.yaml", 6, 44),
    "unknown-choice": ("unknown-choice.yaml", 7, 62),
    "bad-round-digits": ("bad-round-digits.yaml", 7, 54),
    "calc-cycle": ("calc-cycle.yaml", 6, 44),
    "source-not-found": ("source-not-found.yaml", 4, 16),
    "derived-cycle": ("derived-cycle.yaml", 4, 14),
    "derived-mismatch": ("derived-mismatch.yaml", 4, 16),
    "derived-only": ("derived-only.yaml", 9, 5),
}

# More bad files for codes that already have their example above: (code, file, line, column),
# one entry per issue the file must raise (tests/test_errors.py, test_more_bad_input_is_located).
MORE_CASES: list[tuple[str, str, int, int]] = [
    # patterns outside the subset, or that read a text in two ways (issue #21, item 4)
    ("bad-pattern", "bad-pattern-unsafe.yaml", 6, 48),  # (a+)+$
    ("bad-pattern", "bad-pattern-unsafe.yaml", 7, 48),  # \d+\d+
    ("bad-pattern", "bad-pattern-unsafe.yaml", 8, 48),  # .+@.+
    ("bad-pattern", "bad-pattern-unsafe.yaml", 9, 49),  # a backreference
    ("bad-pattern", "bad-pattern-unsafe.yaml", 10, 49),  # a lookahead
    ("bad-pattern", "bad-pattern-unsafe.yaml", 11, 48),  # a Unicode property class
    ("bad-pattern", "bad-pattern-unsafe.yaml", 12, 48),  # a count over 255
    # values that passed check and failed later (issue #21, item 7)
    ("invalid-value", "bad-version.yaml", 3, 10),  # a 40-digit version
    ("invalid-value", "bad-due.yaml", 5, 14),  # due after 99999999999d
    ("invalid-value", "bad-due.yaml", 5, 36),  # remind 2000w
    ("unknown-value", "bad-timezone.pool.yaml", 3, 11),  # an unknown time zone
    ("file-kind", "not-a-pool.yaml", 4, 7),  # pool: a file that is not a pool (nothing of it shown)
]

# Codes that need something other than a file in the corpus (tested in test_errors.py).
PROGRAMMATIC = {
    "file-not-found": "formkit check no/such/file.yaml",
    "file-too-large": "a template over 2 MB",
    "file-encoding": "a template saved as GBK instead of UTF-8",
    "bad-period": "formkit fill labor_archive_stock.yaml --period 2026-13",
    # Runtime codes: their triggering tests run on every engine (named after each).
    "stale-submission": "submitting a form filled before someone else's submission of the same "
    "unit and period was stored (tests/test_store.py)",
    "invalid-submission": "submitting `received: -3` where the template says `min: 0`, or text in a "
    "number field (tests/test_store.py)",
    "version-changed": "deploying version 2 of a template in which `received` changed from integer to text "
    "while version 1 is deployed (tests/test_store.py)",
    "stored-type-changed": "`formkit check --db` of version 2 of a template in which `received` changed from "
    "integer to decimal while version 1 is deployed (tests/test_store.py, test_stored_type_change_is_a_check_error)",
    "values-syntax": "`formkit submit … --values v.json` where v.json holds `{\"received\": NaN}` (also: not JSON, "
    "100,000 nested lists, a key twice; tests/test_errors.py and tests/test_data_safety.py)",
    "unknown-values-key": "a values file `{\"recieved\": 5}` — hint: did you mean 'received'? (also a roster "
    "column, a grid row or column, a top-level key; tests/test_errors.py and tests/test_data_safety.py)",
    "values-shape": "a values file whose `tables.severe` is an object instead of a list of rows, or that is the "
    "form of another org unit (tests/test_errors.py and tests/test_data_safety.py)",
    "read-only-value": "a values file whose pre-filled roster row changes a pool-bound cell without `confirm: true` "
    "(tests/test_errors.py and tests/test_data_safety.py)",
    "unknown-org": "formkit fill … --org 999999 (tests/test_prefill.py)",
    "wrong-level": "filling a street-level template for a community (tests/test_prefill.py)",
    "bad-org-code": "formkit fill … --org '370602001001 ' (a trailing space), or a code with NUL, a zero-width "
    "space or full-width digits (tests/test_org_codes.py)",
    "org-validity": "`formkit org refresh` of an org table in which 南山社区 has a row valid from 2026-03-01 while its "
    "older row is still open, a row valid from 2026-05-01 to 2026-04-01, or a community whose street starts "
    "after it (tests/test_redrawing.py)",
    # The catalog and the admission fence list these (tests/test_catalog.py).
    "not-a-template": "`formkit catalog DIR` where DIR holds an Excel workbook `old.xlsx` (import it first)",
    "duplicate-template": "`formkit catalog DIR` where two files of DIR are both `id: care_a`",
    "past-valid-until": "`formkit admit NEW.yaml --catalog DIR` of a template with `valid_until: 2024-12-31` (also "
    "listed in the catalog's review)",
    "missing-basis": "`formkit admit NEW.yaml --catalog DIR` of a template without `basis:`",
    "missing-owner": "`formkit admit NEW.yaml --catalog DIR` of a template without `owner:`",
    "no-recent-submissions": "`formkit catalog DIR --db URL` where a deployed template has no submission in its "
    "last three periods",
    "pool-table-missing": "formkit check --db URL, or formkit fill, against a database that lacks the pool's "
    "tables or columns (tests/test_database_errors.py)",
    "derived-read-only": "`tpl.submit(db, form)` of a derived report (`from: {ledger: …}`): it is computed from "
    "its source, never stored (tests/test_derived.py)",
    "forbidden": "`tpl.approve(db, org=…, period=…, actor=Actor(user=\"li\", org=…, roles={\"filler\"}))`: a filler "
    "approving, a unit outside the actor's subtree, pii=True without the pii role, a reviewer approving their own "
    "submit (tests/test_actors.py)",
    # The web app answers these as application/problem+json (tests/test_web_hostile.py).
    "not-found": "GET /forms/no_such_template/370602001/2026W45, or GET /static/../pyproject.toml",
    "unauthenticated": "a request for which the host's `actor` callable returns None",
    "cross-site-request": "POST …/submit with `Origin: https://evil.example` (or `Sec-Fetch-Site: cross-site`)",
    "request-too-large": "PUT …/draft with a body over the app's `max_body` (1 MB by default)",
    "unsupported-media-type": "POST …/submit with `Content-Type: text/plain`",
    "method-not-allowed": "DELETE /forms/labor_archive_stock/370602001/2026W45",
    "idempotency-key-reused": "POST …/submit twice with the same `Idempotency-Key` and revision but other values",
}
