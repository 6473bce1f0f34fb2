"""Web, static files: formkit's runtime (``formkit.static_dir()``) and the app's own page script, by exact name.

The names are listed once, when the app is built, from the two folders formkit ships; a
request names one of them or gets ``not-found`` — there is no path to resolve, so ``..``,
``%2e%2e``, a NUL, a backslash or a symlink never reach the file system.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from formkit.core import errors
from formkit.render.html import static_dir
from formkit.web.problems import Problem

__all__ = ["ASSETS", "Files", "runtime_files"]

ASSETS = Path(__file__).resolve().parent / "assets"
_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".json": "application/json"}


def runtime_files() -> list[str]:
    """Every file of formkit's runtime a host serves (all of them: formkit.js imports the rest)."""
    return sorted(p.name for p in static_dir().iterdir() if p.is_file() and p.suffix in _TYPES)


class Files:
    """The files of one folder by name, read once."""

    def __init__(self, folder: Path) -> None:
        self.files = {p.name: (p.read_bytes(), _TYPES[p.suffix]) for p in sorted(folder.iterdir())
                      if p.is_file() and p.suffix in _TYPES}

    def answer(self, request: Request) -> Response:
        name = str(request.path_params.get("name", ""))
        found = self.files.get(name)
        if found is None:
            raise Problem(errors.NOT_FOUND, f"there is no static file {name[:80]!r}", where=request.url.path,
                          hint=f"the files are {', '.join(sorted(self.files))}")
        body, kind = found
        return Response(body, media_type=kind, headers={"cache-control": "no-cache"})
