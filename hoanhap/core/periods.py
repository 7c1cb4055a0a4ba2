"""Counting rows over several periods in one query, per facility: the figures of a year and of
each of its months (`registry.Figure.compute_periods`) read at once.

    per_period(
        Episode.objects.all(), facility_ids, periods,
        lambda start, end: Count("id", filter=Q(admitted_on__gte=start, admitted_on__lte=end)),
    )  # -> [{facility_id: n, …} for each period]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any

from django.db.models import Aggregate, Count, Q, QuerySet


def per_period(
    queryset: QuerySet,
    facility_ids: Collection[int],
    periods: Sequence[tuple[date, date]],
    aggregate: Callable[[date, date], Aggregate],
    *,
    zero: Any = 0,
) -> list[dict[int, Any]]:
    """Each period's aggregate per facility (every facility a key, `zero` when none), one query:
    one conditional aggregate per period over the rows of the facilities."""
    values: list[dict[int, Any]] = [dict.fromkeys(facility_ids, zero) for _ in periods]
    if not periods or not facility_ids:
        return values
    annotations = {f"p{index}": aggregate(start, end) for index, (start, end) in enumerate(periods)}
    rows = queryset.filter(facility_id__in=list(facility_ids)).values("facility_id").annotate(**annotations).order_by()
    for row in rows:
        for index in range(len(periods)):
            value = row[f"p{index}"]
            values[index][row["facility_id"]] = zero if value is None else value
    return values


def span(periods: Sequence[tuple[date, date]]) -> tuple[date, date]:
    """The first day and the last of all the periods (to narrow the rows read)."""
    return min(start for start, _end in periods), max(end for _start, end in periods)


def counted_per_period(
    queryset: QuerySet, facility_ids: Collection[int], periods: Sequence[tuple[date, date]], field: str
) -> list[dict[int, int]]:
    """The rows whose date `field` falls in each period, per facility, in one query (the rows read
    are those of the periods' whole span)."""
    if not periods:
        return []
    first, last = span(periods)
    rows = queryset.filter(**{f"{field}__gte": first, f"{field}__lte": last})
    return per_period(
        rows,
        facility_ids,
        periods,
        lambda start, end: Count("id", filter=Q(**{f"{field}__gte": start, f"{field}__lte": end})),
    )
