"""The figures a centre reports and plans from daily life (`hoanhap.daily_life.figures` registers
them in `core.registry.figures`). Each reads all the facilities asked for, and all the periods
asked for (a year and its months), in one query, and returns every facility as a key (0 when
nothing happened); a period is `start` to `end`, both days included.

- Vocational trainees: the residents enrolled on a vocational course at some time in the period
  (enrolled by its last day, not left before its first, the course not cancelled), each once.
- Vocational certificates: the certificates issued in the period.
- Labour hours: the hours of the work log in the period.
- Life-skills attendance: the presences at lessons of life-values and behaviour classes held in
  the period (one resident at ten lessons counts ten).

`<figure>_periods(facility_ids, periods)` gives a list (one dict per period); `<figure>(facility_ids,
start, end)` one period.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from hoanhap.core.periods import counted_per_period, per_period, span
from hoanhap.core.registry import one_period

from ..models import Attendance, Course, Enrolment, VocationalCertificate, WorkLog

LIFE_SKILLS = (Course.Kind.LIFE_VALUES, Course.Kind.BEHAVIOUR)
Periods = Sequence[tuple[date, date]]


def vocational_trainees_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, Any]]:
    if not periods:
        return []
    first, last = span(periods)
    enrolments = (
        Enrolment.objects.filter(course__kind=Course.Kind.VOCATIONAL, enrolled_on__lte=last)
        .exclude(course__status=Course.Status.CANCELLED)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=first))
    )
    return per_period(
        enrolments,
        facility_ids,
        periods,
        lambda start, end: Count(
            "resident_id",
            distinct=True,
            filter=Q(enrolled_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gte=start)),
        ),
    )


def vocational_certificates_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, Any]]:
    return counted_per_period(VocationalCertificate.objects.all(), facility_ids, periods, "issued_on")


def labour_hours_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, Any]]:
    if not periods:
        return []
    first, last = span(periods)
    logs = WorkLog.objects.filter(worked_on__gte=first, worked_on__lte=last)
    return per_period(
        logs,
        facility_ids,
        periods,
        lambda start, end: Sum("hours", filter=Q(worked_on__gte=start, worked_on__lte=end)),
        zero=Decimal("0.00"),
    )


def life_skills_attendance_periods(facility_ids: Collection[int], periods: Periods) -> list[dict[int, Any]]:
    presences = Attendance.objects.filter(present=True, lesson__course__kind__in=LIFE_SKILLS)
    return counted_per_period(presences, facility_ids, periods, "lesson__held_on")


vocational_trainees = one_period(vocational_trainees_periods)
vocational_certificates = one_period(vocational_certificates_periods)
labour_hours = one_period(labour_hours_periods)
life_skills_attendance = one_period(life_skills_attendance_periods)
