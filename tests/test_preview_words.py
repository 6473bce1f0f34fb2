"""`formkit preview`'s own words (issue 18): the server's check names each place by the form's
labels (never ids) and says how severe each issue is; a broken template with a database named
says the pool is connected, not that there is none."""

from __future__ import annotations

import json
from pathlib import Path

from formkit.cli.preview import Preview, place_of

TEMPLATE = """\
formkit: 1
id: pw
title: 走访登记
level: community
period: monthly
fields:
  - {id: visits, label: 走访次数, type: integer, min: 0}
  - id: log
    type: table
    label: 走访记录
    columns:
      - {id: who, label: 对象, type: text, required: true}
      - {id: hours, label: 时长（小时）, type: decimal, max: 8}
  - id: g
    type: grid
    label: 分年龄段
    rows:
      - {id: young, label: 60–69岁}
      - {id: old, label: 70岁及以上}
    columns:
      - {id: m, label: 男}
rules:
  - {id: few, check: "coalesce(visits, 0) <= 100", severity: warning, message: 走访次数偏多, fields: [visits]}
"""


def _preview(tmp_path: Path, text: str = TEMPLATE, db: str | None = None) -> Preview:
    path = tmp_path / "pw.yaml"
    path.write_text(text, encoding="utf-8")
    return Preview.load(path, db=db, period="2026-10")


def test_the_server_check_names_places_by_their_labels(tmp_path: Path) -> None:
    preview = _preview(tmp_path)
    body = {"values": {"visits": 120}, "tables": {"log": [{"who": None, "hours": "9"}]}, "grids": {}}
    result = preview.validate(json.dumps(body).encode(), lang="zh")
    places = {(i["field"], i["severity"]): i["place"] for i in result["issues"]}
    assert places[("visits", "warning")] == "走访次数"
    assert {i["place"] for i in result["issues"] if i["field"] == "log"} == {"走访记录 · 第 1 行 · 对象",
                                                                          "走访记录 · 第 1 行 · 时长（小时）"}
    assert result["ok"] is False and result["warnings"] == 1
    assert place_of(preview.template, "g", "old", "m", "zh") == "分年龄段 · 70岁及以上 · 男"


def test_a_broken_template_with_a_database_says_the_pool_is_connected(tmp_path: Path) -> None:
    preview = _preview(tmp_path)  # a template without a pool reads nothing from the database
    preview.db = f"duckdb:///{tmp_path / 'x.duckdb'}"
    path = tmp_path / "pw.yaml"
    path.write_text(TEMPLATE.replace("type: integer, min: 0", "type: integr"), encoding="utf-8")
    preview.mtime = 0.0  # edited while the preview runs: shown broken on the next page
    preview.refresh()
    assert preview.error is not None
    page = preview.page(lang="zh")
    assert "模板有错误" in page and "数据池已连接" in page and "未连接数据池" not in page
    assert "Pool connected" in preview.page(lang="en")
