"""Write dsl/catalog.schema.json and dsl/admission.schema.json from formkit.once.report;
with --check, fail when the shipped files differ (tests run it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from formkit.once.schema import FILES, report_schema

DSL = Path(__file__).resolve().parent.parent / "src" / "formkit" / "dsl"


def main(argv: list[str]) -> int:
    stale = []
    for kind, name in FILES.items():
        text = json.dumps(report_schema(kind), ensure_ascii=False, indent=2) + "\n"
        path = DSL / name
        if "--check" in argv:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        sys.stderr.write(f"out of date: {', '.join(stale)}; run python scripts/gen_report_schemas.py\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
