"""Workflows' benchmark rows (`make bench`, part "workflows"), measured like daily life's
(bench/daily_life): the inbox of a user with 200 open tasks, and the director's board over a year
of cases at the bench facility (12 cases a working day, three or four steps each, some late).
Written inside a transaction and rolled back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from .daily_life import Measure

INBOX_TASKS = 200
CASES_A_YEAR = 3000


class _Rollback(Exception):
    pass


def build(facility: Any, user: Any, *, open_tasks: int, year_cases: int, today: Any) -> None:
    """A process, `open_tasks` open tasks for the resident manager, `year_cases` cases of the past
    year (done, or open with a late step)."""
    from django.utils import timezone

    from hoanhap.workflows.defaults import install_defaults
    from hoanhap.workflows.models import Case, Process, Step, Task

    install_defaults(facility.pk, only=["purchase-repair", "funeral-leave"])
    process = Process.objects.get(facility=facility, code="purchase-repair")
    version = process.versions.get(number=1)
    steps = list(Step.objects.filter(version=version).order_by("position"))
    now = timezone.now()
    cases = Case.objects.bulk_create(
        Case(
            facility=facility,
            version=version,
            title=f"Đề nghị số {n}",
            started_by=user,
            started_on=today - timedelta(days=n * 365 // max(1, year_cases)),
            status=Case.Status.OPEN if n < open_tasks or n % 10 == 0 else Case.Status.DONE,
        )
        for n in range(max(open_tasks, year_cases))
    )
    tasks = []
    for n, case in enumerate(cases):
        opened = now - timedelta(days=(today - case.started_on).days)
        if case.status == Case.Status.OPEN:
            tasks.append(
                Task(
                    facility=facility,
                    case=case,
                    step=steps[0],
                    owner_role=steps[0].owner_role,
                    status=Task.Status.OPEN,
                    opened_at=opened,
                    due_on=case.started_on + timedelta(days=1 + n % 5),
                )
            )
            continue
        for index, step in enumerate(steps):
            tasks.append(
                Task(
                    facility=facility,
                    case=case,
                    step=step,
                    owner_role=step.owner_role,
                    status=Task.Status.DONE,
                    opened_at=opened + timedelta(days=index),
                    done_at=opened + timedelta(days=index + 1),
                    done_by=user,
                    due_on=case.started_on + timedelta(days=index + 1),
                    days_taken=1,
                )
            )
    Task.objects.bulk_create(tasks, batch_size=1000)


def _measure(url_of: Callable[[], str], role: str, quick: bool, baseline: str) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.test import Client

    from bench import data
    from bench.stats import summarise_ms, time_calls
    from hoanhap.accounts.models import Membership, User
    from hoanhap.accounts.roles import Role
    from hoanhap.core import clock
    from hoanhap.core.models import Facility

    result: dict[str, Any] = {}
    facility = Facility.objects.get(code=data.BENCH_FACILITY)
    user = User.objects.get(username=data.staff_username(1))
    try:
        with transaction.atomic():
            Membership.objects.get_or_create(user=user, facility=facility, role=Role(role))
            build(facility, user, open_tasks=INBOX_TASKS, year_cases=CASES_A_YEAR, today=clock.today())
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            url = url_of()

            def get() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.status_code

            get()
            queries: list[str] = []

            def count(execute: Any, sql: str, *args: Any) -> Any:
                queries.append(sql)
                return execute(sql, *args)

            with connection.execute_wrapper(count):
                get()
            result = {
                **summarise_ms(time_calls(get, runs=10 if quick else 50)),
                "queries": len(queries),
                "baseline": baseline,
            }
            raise _Rollback
    except _Rollback:
        pass
    return result


def measure_inbox(quick: bool) -> dict[str, Any]:
    return _measure(
        lambda: "/workflows/?sort=due_on", "resident_manager", quick, f"{INBOX_TASKS} open tasks, 50 a page"
    )


def measure_board(quick: bool) -> dict[str, Any]:
    return _measure(lambda: "/workflows/board/", "director", quick, f"{CASES_A_YEAR} cases over a year")


MEASURES: list[Measure] = [
    Measure(key="workflows.inbox", what="the inbox of a user with 200 open tasks", floor_ms=100, run=measure_inbox),
    Measure(
        key="workflows.board", what="the director's overdue board over a year of cases", floor_ms=100, run=measure_board
    ),
]


def measure_all(quick: bool) -> dict[str, dict[str, Any]]:
    results = {}
    for measure in MEASURES:
        print(f"  {measure.key} …", flush=True)
        results[measure.key] = {"what": measure.what, "floor_ms": measure.floor_ms, **measure.run(quick)}
    return results
