"""The screenshots of docs/forms.md are taken again on every run (into a temporary folder), so
`python tests/browser/screenshots.py` keeps working; docs/img holds the committed ones."""

from __future__ import annotations

import struct
from pathlib import Path

from fkbrowser import Browser
from screenshots import DOCS_IMG, SHOTS, take


def _size(png: Path) -> tuple[int, int]:
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_screenshots(browser: Browser, demo_db: str, tmp_path: Path) -> None:
    taken = take(browser, demo_db, tmp_path)
    assert [p.name for p in taken] == list(SHOTS)
    for path in taken:
        width, height = _size(path)
        assert 900 <= width <= 1200 and height > 1000, (path.name, width, height)
        assert (DOCS_IMG / path.name).is_file(), f"docs/img/{path.name} is committed"
    browser.assert_clean()
