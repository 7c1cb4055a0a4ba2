"""Daily life's benchmark rows (`make bench`, part "daily_life"). Each area's module lists its
`MEASURES`; a measure runs inside the bench database (bench/data.py: the bench facility, its staff
and residents), creates what it needs, rolls its writes back like `measure_grading`, and returns
its figure in milliseconds, server time:

    {"median": …, "p95": …, "runs": …, "queries": 12, "baseline": "…"}  # see bench.stats.summarise_ms

Its row in the table stands beside its floor (`floor_ms`, the issue's target for the median)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Measure:
    key: str  # "daily_life.<name>"
    what: str
    floor_ms: float
    run: Callable[[bool], dict[str, Any]]  # given `quick`


def measures() -> list[Measure]:
    from . import courses, entitlements, events, labour, resident_page, visits

    areas = (courses, labour, visits, events, entitlements, resident_page)
    return [measure for area in areas for measure in area.MEASURES]


def measure_all(quick: bool) -> dict[str, dict[str, Any]]:
    results = {}
    for measure in measures():
        print(f"  {measure.key} …", flush=True)
        results[measure.key] = {"what": measure.what, "floor_ms": measure.floor_ms, **measure.run(quick)}
    return results
