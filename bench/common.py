"""Shared measuring helpers: repeated timings with medians, peak memory, and the JSON result lines.

Every benchmark calls :func:`measure` (or :func:`series` for values timed elsewhere) and hands
:func:`Results.add` one record per measured thing. A record is a flat dict::

    {"bench": "compile", "case": "n=1000", "who": "formkit", "what": "cold compile",
     "unit": "s", "median": 0.21, "min": 0.19, "max": 0.30, "n": 7, "peak_mb": 41.2, ...}

Ratios are computed by the report from records of the same invocation, never across runs.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def stats(samples: Iterable[float]) -> dict[str, Any]:
    xs = sorted(samples)
    if not xs:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {"median": statistics.median(xs), "min": xs[0], "max": xs[-1], "n": len(xs)}


def measure(fn: Callable[[], Any], *, repeat: int = 5, budget: float = 30.0, warmup: int = 0,
            min_repeat: int = 3, setup: Callable[[], Any] | None = None) -> dict[str, Any]:
    """Time ``fn`` ``repeat`` times (fewer when ``budget`` seconds run out, but at least
    ``min_repeat``; ``setup`` runs untimed before each call). Returns stats in seconds, with the
    CPU time of this process (``cpu_median``). A side compared with another is timed by
    :func:`interleaved` instead."""
    for _ in range(warmup):
        if setup is not None:
            setup()
        fn()
    samples: list[float] = []
    cpu: list[float] = []
    start = time.perf_counter()
    while len(samples) < repeat:
        if setup is not None:
            setup()
        gc.collect()
        c, t = time.process_time(), time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        if len(samples) >= min_repeat and time.perf_counter() - start > budget:
            break
    return stats(samples) | {"cpu_median": statistics.median(cpu)}


def interleaved(fns: Mapping[str, Callable[[], Any]], *, repeat: int = 5, budget: float = 30.0, warmup: int = 0,
                min_repeat: int = 3) -> dict[str, dict[str, Any]]:
    """Time every side of ``fns`` once per repetition, in turn (the order reversed every other
    repetition), so that whatever else the machine runs weighs on all sides alike. Per side: wall
    time (``median``, ``min``, ``max``), CPU time of this process (``cpu_median``: what the side
    itself cost, whatever the load) and the samples, so that a ratio can be taken repetition by
    repetition (``paired``). ``budget`` seconds bound the whole series (at least ``min_repeat``)."""
    names = list(fns)
    for _ in range(warmup):
        for name in names:
            fns[name]()
    wall: dict[str, list[float]] = {n: [] for n in names}
    cpu: dict[str, list[float]] = {n: [] for n in names}
    start = time.perf_counter()
    rep = 0
    while rep < repeat:
        for name in names if rep % 2 == 0 else reversed(names):
            gc.collect()
            c, t = time.process_time(), time.perf_counter()
            fns[name]()
            wall[name].append(time.perf_counter() - t)
            cpu[name].append(time.process_time() - c)
        rep += 1
        if rep >= min_repeat and time.perf_counter() - start > budget:
            break
    out = {}
    for name in names:
        st = stats(wall[name])
        st["cpu_median"] = statistics.median(cpu[name])
        st["samples"] = [round(x, 7) for x in wall[name]]
        out[name] = st
    return out


def paired(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """The median of the repetition-by-repetition ratios a/b of two sides timed by :func:`interleaved`."""
    xs, ys = a.get("samples"), b.get("samples")
    if not xs or not ys or len(xs) != len(ys):
        return None
    return float(statistics.median(x / y for x, y in zip(xs, ys, strict=True) if y > 0))


def peak_mb(fn: Callable[[], Any]) -> float:
    """Peak Python heap (tracemalloc) while ``fn`` runs, in MiB (run once, untimed: tracing slows)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 2)


def max_rss_mb() -> float:
    """The process's peak resident set so far (``resource``), in MiB."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024, 1)


class Results:
    """Collects the records of one invocation; each is printed and appended as a JSON line."""

    def __init__(self, path: Path | None, *, mode: str, echo: bool = True) -> None:
        self.records: list[dict[str, Any]] = []
        self.path = path
        self.mode = mode
        self.echo = echo
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    def add(self, bench: str, case: str, who: str, what: str, st: dict[str, Any], *, unit: str = "s",
            echo: bool = True, **extra: Any) -> dict[str, Any]:
        rec = {"bench": bench, "case": case, "who": who, "what": what, "unit": unit, **st, **extra,
               "mode": self.mode, "load": round(os.getloadavg()[0], 2)}
        self.records.append(rec)
        if self.echo and echo:
            print(format_record(rec), flush=True)
        if self.path is not None:
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        return rec

    def note(self, bench: str, text: str) -> None:
        self.add(bench, "", "note", text, {}, unit="")

    def find(self, bench: str, case: str, who: str, what: str) -> dict[str, Any] | None:
        for r in reversed(self.records):
            if (r["bench"], r["case"], r["who"], r["what"]) == (bench, case, who, what):
                return r
        return None


def human(v: float | None, unit: str) -> str:
    if v is None:
        return "–"
    if unit == "s":
        if v >= 1:
            return f"{v:.2f} s"
        if v >= 1e-3:
            return f"{v * 1e3:.1f} ms"
        return f"{v * 1e6:.0f} µs"
    if unit == "ms":
        return human(v / 1e3, "s")
    return f"{v:g} {unit}".strip()


def format_record(r: dict[str, Any]) -> str:
    if r["who"] == "note":
        return f"  [{r['bench']}] note: {r['what']}"
    unit = r["unit"]
    spread = f"(min {human(r.get('min'), unit)}, max {human(r.get('max'), unit)}, n={r.get('n')})"
    mem = f" peak {r['peak_mb']} MiB" if r.get("peak_mb") is not None else ""
    if r.get("cpu_median") is not None:
        mem += f" cpu {human(r['cpu_median'], unit)}"
    if r.get("load") is not None:
        mem += f" load {r['load']}"
    head = f"  [{r['bench']}] {r['case']:>12} {r['who']:>10} {r['what']:<34}"
    return f"{head} {human(r.get('median'), unit):>10} {spread}{mem}"


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def env_flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0", "false")


class Context:
    """What every benchmark gets: the mode, the results, a scratch folder and its time budget."""

    def __init__(self, *, quick: bool, results: Results, work: Path, budget: float, options: dict[str, Any]) -> None:
        self.quick = quick
        self.results = results
        self.work = work
        self.budget = budget  # seconds a single measured series may take
        self.options = options

    def add(self, *args: Any, **kw: Any) -> dict[str, Any]:
        return self.results.add(*args, **kw)
