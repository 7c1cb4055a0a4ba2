"""The grading sheet's rows: the residents of one zone in rehab during a month, each with the
grade already recorded for that month (one query)."""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date

from django.db.models import OuterRef, Q, QuerySet, Subquery

from ..models import ConductGrade, Episode
from .scope import OPEN_STATUSES


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def grading_sheet_rows(
    *, facility_id: int, month: date, zone_id: int | None = None, episode_ids: Collection[int] | None = None
) -> QuerySet[Episode]:
    """Open episodes placed in the zone (or among `episode_ids`: a group another module keeps),
    admitted by the end of `month`, with `current_grade` (the grade recorded for `month`, or
    None), in Vietnamese alphabetical order of names."""
    month = month.replace(day=1)
    grade = ConductGrade.objects.filter(episode=OuterRef("pk"), month=month).values("grade")[:1]
    among = Q(zone_id=zone_id) if episode_ids is None else Q(pk__in=list(episode_ids))
    return (
        Episode.objects.filter(among, facility_id=facility_id, status__in=OPEN_STATUSES)
        .filter(admitted_on__lte=month_end(month))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=month))
        .select_related("resident", "room")
        .annotate(current_grade=Subquery(grade))
        .order_by("resident__name_sort_key", "id")
    )
