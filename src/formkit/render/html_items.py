"""The view items a host template may read (``items``, ``group.fields``), made only when read.

formkit's own form template prints ``group.html`` (each scalar field's markup, written by
render/html_fields.py) and never reads a scalar field's item: a dict of some thirty keys per
field, which cost a filled form of 1,000 fields more than the rest of its render. Host
templates that override the ``group`` or ``body`` block may still read them, so they stay, as
sequences that make each item the first time one is read, with the same keys and values as
when they were made up front (tests/test_render_html.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from formkit.render.spec import JSON

__all__ = ["ItemViews", "LazyItems"]


class ItemViews:
    """The view item of each spec item of one render, by index. Rosters and grids are made
    up front (``made``); a scalar field's is made on first read by ``make(spec item, issues)``
    with the issues the render placed at it (``issues``, by index: taking them again would
    not find them, since a placed issue is not shown twice), then kept, so that ``items``
    and ``group.fields`` hold the same dicts, as they did when made up front."""

    __slots__ = ("issues", "made", "make", "specs")

    def __init__(self, specs: Sequence[JSON], make: Callable[[JSON, list[JSON]], JSON]) -> None:
        self.specs = specs
        self.make = make
        self.made: dict[int, JSON] = {}
        self.issues: dict[int, list[JSON]] = {}  # only where some were placed: most fields have none

    def __getitem__(self, index: int) -> JSON:
        made = self.made.get(index)
        if made is None:
            made = self.made[index] = self.make(self.specs[index], self.issues.get(index, []))
        return made


class LazyItems(Sequence[JSON]):
    """The items ``start`` to ``stop`` of an :class:`ItemViews`: a list once read. Reading it
    (iterating, indexing, comparing, any list method) makes the list; only its length and truth
    are known before. What a list does it does (``append``, ``+``, ``==`` a list…); unlike a list
    it is not a JSON array to :func:`json.dumps` (``|list`` first)."""

    __slots__ = ("_list", "_start", "_stop", "_views")

    def __init__(self, views: ItemViews, start: int, stop: int) -> None:
        self._views = views
        self._start = start
        self._stop = stop
        self._list: list[JSON] | None = None

    def as_list(self) -> list[JSON]:
        """The items as a list (the same list at every call: a host's changes to it stay)."""
        if self._list is None:
            views = self._views
            self._list = [views[i] for i in range(self._start, self._stop)]
        return self._list

    @overload
    def __getitem__(self, index: int) -> JSON: ...
    @overload
    def __getitem__(self, index: slice) -> list[JSON]: ...
    def __getitem__(self, index: int | slice) -> JSON | list[JSON]:
        return self.as_list()[index]

    def __len__(self) -> int:
        return len(self._list) if self._list is not None else self._stop - self._start

    def __iter__(self) -> Iterator[JSON]:
        return iter(self.as_list())

    def __eq__(self, other: object) -> bool:
        return self.as_list() == (other.as_list() if isinstance(other, LazyItems) else other)

    __hash__ = None  # type: ignore[assignment]  # a list's is None too: it changes

    def __add__(self, other: list[JSON] | LazyItems) -> list[JSON]:
        return self.as_list() + (other.as_list() if isinstance(other, LazyItems) else other)

    def __radd__(self, other: list[JSON]) -> list[JSON]:
        return other + self.as_list()

    def __repr__(self) -> str:
        return repr(self.as_list())

    def __getattr__(self, name: str) -> Any:
        # A list's other methods (append, sort, copy…), on the list made now; never our own
        # names, which a half-made instance (copy, pickle) would otherwise loop on.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.as_list(), name)
