"""Files: the YAML files a command is given, folders taken whole, and those that do not exist."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from formkit.core import errors
from formkit.core.errors import Issue
from formkit.core.source import SourceSpan

YAML_SUFFIXES = (".yaml", ".yml")


def expand(paths: Iterable[str | Path], suffixes: tuple[str, ...] = YAML_SUFFIXES) -> tuple[list[Path], list[Issue]]:
    """The files under ``paths`` (a folder: its files with ``suffixes``, sorted), and a located
    ``file-not-found`` issue for each path that does not exist."""
    files: list[Path] = []
    missing: list[Issue] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix in suffixes and f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            missing.append(Issue(errors.FILE_NOT_FOUND.code, f"'{p}' does not exist", SourceSpan.point(str(p)),
                                 "", "check the path (folders are checked whole)"))
    return files, missing
