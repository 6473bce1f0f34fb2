"""Memo: what is derived from a loaded Template or pool alone, built once per object and key.

A checked Template (or PoolModel) is never changed after loading, so a statement, a spec or the
markup without values can be kept for as long as the object lives. Keyed by ``id()`` because
neither is hashable; ``weakref.finalize`` drops the entries with the object, so a new object
that reuses the id never sees them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["per_object"]

_T = TypeVar("_T")
_CACHE: dict[int, dict[Hashable, Any]] = {}


def per_object(owner: object, key: Hashable, build: Callable[[], _T]) -> _T:
    """``build()`` once per ``owner`` and ``key``."""
    entries = _CACHE.get(id(owner))
    if entries is None:
        entries = _CACHE[id(owner)] = {}
        weakref.finalize(owner, _CACHE.pop, id(owner), None)
    if key not in entries:
        entries[key] = build()
    found: _T = entries[key]
    return found
