"""The clerk's reminders ("my work"): who leaves soon, who is late back from leave, who is longer
in a stage than planned, whose reception is still open, who has no grade for last month. The
counts are read in two queries (one aggregate over the episodes, one over the open leaves);
each reminder has the list behind it (`work_list`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from hoanhap.accounts.models import User
from hoanhap.audit.models import AuditEntry
from hoanhap.audit.writes import ACCESS

from ..models import ChecklistItem, ConductGrade, Episode, LegalEvent, Resident
from .scope import OPEN_STATUSES

RELEASE_DAYS = 30
# The centre's own practice, not a rule of law: reception's tasks are done within the first week.
RECEPTION_DAYS = 7


@dataclass(frozen=True)
class Reminder:
    key: str  # also the list's name: `work_list(key, ...)`
    count: int


def last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _open(facility_ids: Iterable[int]) -> QuerySet[Episode]:
    return Episode.objects.in_facilities(list(facility_ids)).filter(status__in=OPEN_STATUSES)


def _conditions(today: date) -> dict[str, Q]:
    month = last_month(today)
    undone = ChecklistItem.objects.filter(episode=OuterRef("pk"), done_on__isnull=True)
    graded = ConductGrade.objects.filter(episode=OuterRef("pk"), month=month)
    return {
        "releases_due": Q(expected_release_on__lte=today + timedelta(days=RELEASE_DAYS)),
        "stage_overdue": Q(stage_planned_end_on__lt=today) & ~Q(status=Episode.Status.ABSCONDED),
        "reception_open": Q(stage="reception", admitted_on__lte=today - timedelta(days=RECEPTION_DAYS))
        & Q(Exists(undone)),
        # In rehab the whole of last month: admitted by its first day, here now, and not graded.
        "grade_missing": Q(admitted_on__lte=month) & ~Q(status=Episode.Status.ABSCONDED) & ~Q(Exists(graded)),
    }


def overdue_leave_ids(facility_ids: Iterable[int], *, today: date) -> list[int]:
    """Episodes on leave whose back-by date (start + days + travel days) has passed."""
    leaves = LegalEvent.objects.filter(
        kind=LegalEvent.Kind.LEAVE,
        ended_on__isnull=True,
        episode__status=Episode.Status.ON_LEAVE,
        episode__facility_id__in=list(facility_ids),
    ).values_list("episode_id", "occurred_on", "days", "travel_days")
    return [
        episode_id
        for episode_id, started_on, days, travel_days in leaves
        if started_on + timedelta(days=(days or 0) + (travel_days or 0)) < today
    ]


def reminders(facility_ids: Iterable[int], *, today: date) -> list[Reminder]:
    ids = list(facility_ids)
    conditions = _conditions(today)
    counts = _open(ids).aggregate(**{key: Count("id", filter=q) for key, q in conditions.items()})
    leave = Reminder("leave_overdue", len(overdue_leave_ids(ids, today=today)))
    return [
        Reminder("releases_due", counts["releases_due"]),
        leave,
        Reminder("stage_overdue", counts["stage_overdue"]),
        Reminder("reception_open", counts["reception_open"]),
        Reminder("grade_missing", counts["grade_missing"]),
    ]


def work_list(key: str, facility_ids: Iterable[int], *, today: date) -> QuerySet[Episode]:
    """The episodes behind one reminder, for a list page."""
    ids = list(facility_ids)
    episodes = _open(ids).select_related("resident", "facility", "zone", "room__zone")
    if key == "leave_overdue":
        return episodes.filter(pk__in=overdue_leave_ids(ids, today=today)).order_by("resident__full_name", "id")
    return episodes.filter(_conditions(today)[key]).order_by("resident__full_name", "id")


def recently_viewed(user: User, facility_ids: Iterable[int], *, limit: int = 10) -> QuerySet[Resident]:
    """The last `limit` residents `user` opened, latest first, from the read-access log the user
    wrote (hoanhap.audit.services.record_access), among the residents the user may still see; one query."""
    opened = AuditEntry.objects.filter(actor=user, action=ACCESS, resident_id__isnull=False)
    last_opened = opened.filter(resident_id=OuterRef("pk")).order_by("-timestamp").values("timestamp")[:1]
    return (
        Resident.objects.in_facilities(list(facility_ids))
        .filter(pk__in=opened.values("resident_id"))
        .annotate(last_viewed_at=Subquery(last_opened))
        .order_by("-last_viewed_at", "-id")[:limit]
    )
