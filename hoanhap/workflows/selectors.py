"""Reads of workflows, scoped to what the user may see; constant queries per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import active_memberships, facility_ids_with, visible_to
from hoanhap.core import clock, workdays
from hoanhap.organisation import selectors as organisation

from .access import BOARD, DEFINE, READERS
from .models import Case, Procedure, Process, Task


def my_roles(user: User, facility_id: int | None = None) -> Q:
    """The tasks the user may act on: their roles own them, in the facilities where they hold
    them, and a step owned by a department also needs them serving there today."""
    condition = Q(pk__in=[])
    for membership in active_memberships(user):
        if facility_id is None or membership.facility_id == facility_id:
            condition |= Q(facility_id=membership.facility_id, owner_role=membership.role)
    # A subquery, not a list read first: the inbox and the home card stay one query.
    serving = organisation.serving_departments(user, clock.today())
    return condition & (Q(step__owner_department__isnull=True) | Q(step__owner_department_id__in=serving))


@dataclass(frozen=True)
class InboxFilters:
    q: str = ""
    process: int | None = None
    overdue: bool = False


def inbox(user: User, filters: InboxFilters = InboxFilters(), facility_id: int | None = None) -> QuerySet[Task]:
    tasks = Task.objects.filter(my_roles(user, facility_id), status=Task.Status.OPEN, is_current=True)
    if filters.q:
        tasks = tasks.filter(Q(case__title__icontains=filters.q) | Q(step__title__icontains=filters.q))
    if filters.process:
        tasks = tasks.filter(case__version__process_id=filters.process)
    if filters.overdue:
        tasks = tasks.filter(due_on__lt=clock.today())
    return tasks.select_related("case", "case__version__process", "case__resident", "step")


def reminder_counts(user: User, facility_id: int | None) -> dict[str, Any]:
    today = clock.today()
    tomorrow = workdays.calendar_for(facility_id, today).add(today, 1)
    counts = Task.objects.filter(my_roles(user, facility_id), status=Task.Status.OPEN, is_current=True).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due_tomorrow=Count("pk", filter=Q(due_on__gt=today, due_on__lte=tomorrow)),
        due_today=Count("pk", filter=Q(due_on=today)),
    )
    return {**counts, "tomorrow": tomorrow}


def processes(user: User, facility_id: int | None = None) -> QuerySet[Process]:
    found = visible_to(Process.objects.all(), user, READERS)
    if facility_id:
        found = found.filter(facility_id=facility_id)
    return found.annotate(open_cases=Count("versions__cases", filter=Q(versions__cases__status=Case.Status.OPEN)))


def cases(user: User, facility_id: int | None = None) -> QuerySet[Case]:
    found = visible_to(Case.objects.all(), user, READERS)
    if facility_id:
        found = found.filter(facility_id=facility_id)
    return found.select_related("version__process", "resident", "started_by")


def case_tasks(case: Case) -> list[Task]:
    return list(case.tasks.select_related("step", "step__owner_department", "done_by").order_by("pk"))


def board(user: User, facility_id: int | None = None) -> dict[str, Any]:
    """The director's board: cases by process (open, done, overdue), the overdue steps, and the
    average working days per step over the last twelve months. A fixed number of queries."""
    today = clock.today()
    facility_ids = facility_ids_with(user, BOARD)
    if facility_id:
        facility_ids = facility_ids & {facility_id}
    scoped = Case.objects.filter(facility_id__in=facility_ids)
    by_process = list(
        scoped.values("version__process_id", "version__process__title")
        .annotate(
            open=Count("pk", filter=Q(status=Case.Status.OPEN)),
            done=Count("pk", filter=Q(status=Case.Status.DONE)),
        )
        .order_by("version__process__title")
    )
    late_tasks = Task.objects.filter(
        facility_id__in=facility_ids,
        case__status=Case.Status.OPEN,
        status=Task.Status.OPEN,
        is_current=True,
        due_on__lt=today,
    )
    late = dict(
        late_tasks.values("case__version__process_id")
        .annotate(cases=Count("case_id", distinct=True))
        .values_list("case__version__process_id", "cases")
    )
    by_process_rows: list[dict[str, Any]] = [
        {**row, "overdue": late.get(row["version__process_id"], 0)} for row in by_process
    ]
    overdue = (
        Task.objects.filter(facility_id__in=facility_ids, status=Task.Status.OPEN, is_current=True, due_on__lt=today)
        .select_related("case", "case__version__process", "case__resident", "step")
        .order_by("due_on", "pk")
    )
    since = timezone.make_aware(datetime.combine(today - timedelta(days=365), time.min))
    durations = list(
        Task.objects.filter(
            facility_id__in=facility_ids, status=Task.Status.DONE, done_at__gte=since, days_taken__isnull=False
        )
        .values("step__version__process__title", "step__title")
        .annotate(count=Count("pk"), average=Avg("days_taken"))
        .order_by("step__version__process__title", "step__title")
    )
    return {"by_process": by_process_rows, "overdue": overdue, "durations": durations}


def published_procedures() -> QuerySet[Procedure]:
    """What the public reads: the published procedures of every facility, the facility's name
    with them, and nothing else."""
    return (
        Procedure.objects.filter(is_published=True)
        .select_related("facility")
        .order_by("facility__name", "order", "title")
    )


def procedures(user: User, facility_id: int | None = None) -> QuerySet[Procedure]:
    """The procedures of the facilities where the user defines processes, published or not."""
    found = visible_to(Procedure.objects.all(), user, DEFINE).select_related("facility", "process")
    if facility_id:
        found = found.filter(facility_id=facility_id)
    return found.order_by("facility__name", "order", "title")
