"""Small pure helpers of the harness: percentiles, a timing loop, results rows and verdicts."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

MET, MISSED, NOT_BUILT, INFO = "met", "missed", "not yet built", "info"


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("no values")
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise_ms(seconds: Sequence[float]) -> dict[str, float]:
    """Median and p95 in milliseconds, with the number of runs."""
    return {
        "median": round(percentile(seconds, 50) * 1000, 2),
        "p95": round(percentile(seconds, 95) * 1000, 2),
        "runs": len(seconds),
    }


def time_calls(call: Callable[[], Any], *, runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return timings


@dataclass
class Row:
    """One line of the table: what was measured, its target, the figure, its baseline and verdict."""

    key: str
    what: str
    target: str
    unit: str = "ms"
    median: float | None = None
    p95: float | None = None
    value: float | None = None
    baseline: str = ""
    verdict: str = INFO
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def verdict_ms(median: float, p95: float | None, *, median_max: float | None, p95_max: float | None) -> str:
    ok = (median_max is None or median <= median_max) and (p95_max is None or p95 is None or p95 <= p95_max)
    return MET if ok else MISSED


def verdict_at_least(value: float, minimum: float) -> str:
    return MET if value >= minimum else MISSED
