"""Daily life, events: benchmark rows. The teacher ticks a hall's worth of residents (up to 200) at
an event and saves (`add_participants`: one bulk insert, its audit entry, a timeline row each);
then the event list page (filtered, sorted, counted) for the bench facility. Each run is rolled
back, like `measure_grading`."""

from __future__ import annotations

import time
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from . import Measure

PARTICIPANTS = 200


class _Rollback(Exception):
    pass


def _teacher_and_facility() -> tuple[Any, Any]:
    from hoanhap.accounts.models import Membership, User
    from hoanhap.accounts.roles import Role
    from hoanhap.core.models import Facility

    from .. import data

    facility = Facility.objects.get(code=data.BENCH_FACILITY)
    teacher = User.objects.get(username=data.staff_username(1))
    # The bench staff hold other roles: the teacher's role is given inside the rolled-back run.
    Membership.objects.get_or_create(user=teacher, facility=facility, role=Role.EDUCATION_OFFICER)
    return teacher, facility


def measure_participants(quick: bool) -> dict[str, Any]:
    from hoanhap.core import clock
    from hoanhap.daily_life.services import events as services
    from hoanhap.residents import selectors as residents

    from ..stats import summarise_ms

    repeats = 3 if quick else 10
    times: list[float] = []
    queries = 0
    count = 0
    for _ in range(repeats):
        try:
            with transaction.atomic():
                teacher, facility = _teacher_and_facility()
                today = clock.today()
                event = services.plan_event(
                    actor=teacher, facility_id=facility.pk, kind="cultural", title="Văn nghệ", held_on=today
                )
                ids = list(
                    residents.open_episodes([facility.pk], present_only=True)
                    .filter(admitted_on__lte=today)
                    .order_by("pk")
                    .values_list("resident_id", flat=True)[:PARTICIPANTS]
                )
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    added = services.add_participants(actor=teacher, event=event, resident_ids=ids)
                    times.append(time.perf_counter() - started)
                queries = len(captured.captured_queries)
                count = len(added)
                raise _Rollback
        except _Rollback:
            pass
    return {**summarise_ms(times), "participants": count, "queries": queries, "baseline": "new"}


def measure_event_list(quick: bool) -> dict[str, Any]:
    from hoanhap.testing import verified_client_for

    from ..stats import summarise_ms

    repeats = 5 if quick else 20
    times: list[float] = []
    try:
        with transaction.atomic():
            teacher, _facility = _teacher_and_facility()
            # Signed in with the second factor done (the teacher's role asks for it); the device
            # made for it goes with the rollback.
            client = verified_client_for(teacher)
            client.defaults["HTTP_HOST"] = "127.0.0.1"  # the production settings' allowed host
            for _ in range(repeats):
                started = time.perf_counter()
                response = client.get("/daily-life/events/", {"sort": "-participants"})
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, response.status_code
            raise _Rollback
    except _Rollback:
        pass
    return {**summarise_ms(times), "baseline": "new"}


MEASURES: list[Measure] = [
    Measure(
        key="daily_life.event_participants",
        what=f"Add {PARTICIPANTS} residents to an event at once (timeline rows included)",
        floor_ms=1000,
        run=measure_participants,
    ),
    Measure(
        key="daily_life.event_list", what="The event list, sorted by participants", floor_ms=300, run=measure_event_list
    ),
]
