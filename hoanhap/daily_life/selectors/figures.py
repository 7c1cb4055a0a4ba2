"""The figures a centre reports and plans from daily life (`hoanhap.daily_life.figures` registers
them in `core.registry.figures`). Each reads all the facilities asked for in one query and returns
every one of them as a key (0 when nothing happened); a period is `start` to `end`, both included.

- Vocational trainees: the residents enrolled on a vocational course at some time in the period
  (enrolled by `end`, not left before `start`, the course not cancelled), each counted once.
- Vocational certificates: the certificates issued in the period.
- Labour hours: the hours of the work log in the period.
- Life-skills attendance: the presences at lessons of life-values and behaviour classes held in
  the period (one resident at ten lessons counts ten).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from ..models import Attendance, Course, Enrolment, VocationalCertificate, WorkLog

LIFE_SKILLS = (Course.Kind.LIFE_VALUES, Course.Kind.BEHAVIOUR)


def _fill(facility_ids: Collection[int], rows: object, zero: object = 0) -> dict[int, object]:
    values: dict[int, object] = dict.fromkeys(facility_ids, zero)
    values.update({facility_id: value if value is not None else zero for facility_id, value in rows})  # type: ignore[attr-defined]
    return values


def vocational_trainees(facility_ids: Collection[int], start: date, end: date) -> dict[int, object]:
    enrolments = (
        Enrolment.objects.filter(
            facility_id__in=list(facility_ids), course__kind=Course.Kind.VOCATIONAL, enrolled_on__lte=end
        )
        .exclude(course__status=Course.Status.CANCELLED)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=start))
    )
    return _fill(
        facility_ids,
        enrolments.values_list("facility_id").annotate(n=Count("resident_id", distinct=True)).order_by(),
    )


def vocational_certificates(facility_ids: Collection[int], start: date, end: date) -> dict[int, object]:
    certificates = VocationalCertificate.objects.filter(
        facility_id__in=list(facility_ids), issued_on__gte=start, issued_on__lte=end
    )
    return _fill(facility_ids, certificates.values_list("facility_id").annotate(n=Count("id")).order_by())


def labour_hours(facility_ids: Collection[int], start: date, end: date) -> dict[int, object]:
    logs = WorkLog.objects.filter(facility_id__in=list(facility_ids), worked_on__gte=start, worked_on__lte=end)
    return _fill(
        facility_ids, logs.values_list("facility_id").annotate(n=Sum("hours")).order_by(), zero=Decimal("0.00")
    )


def life_skills_attendance(facility_ids: Collection[int], start: date, end: date) -> dict[int, object]:
    presences = Attendance.objects.filter(
        facility_id__in=list(facility_ids),
        present=True,
        lesson__held_on__gte=start,
        lesson__held_on__lte=end,
        lesson__course__kind__in=LIFE_SKILLS,
    )
    return _fill(facility_ids, presences.values_list("facility_id").annotate(n=Count("id")).order_by())
