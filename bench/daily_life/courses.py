"""Daily life, courses: benchmark rows."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from . import Measure

CLASS_SIZE = 40


class _Rollback(Exception):
    pass


def measure_roll_call(quick: bool) -> dict[str, Any]:
    """Save the roll call of a class of 40 at the bench facility (`save_roll_call`: every row new
    with three absent, then corrected with none absent), rolled back after each run. The class,
    its teacher and its lesson are made inside the rolled-back transaction."""
    from bench import data
    from bench.stats import summarise_ms
    from hoanhap.accounts.models import Membership, User
    from hoanhap.accounts.roles import Role
    from hoanhap.core import clock
    from hoanhap.core.models import Facility
    from hoanhap.daily_life.models import Course, Enrolment, Lesson
    from hoanhap.daily_life.services.courses import Absence, save_roll_call
    from hoanhap.residents.models import Episode

    facility = Facility.objects.get(code=data.BENCH_FACILITY)
    today = clock.today()
    repeats = 5 if quick else 30
    created: list[float] = []
    corrected: list[float] = []
    queries = 0
    for run in range(repeats):
        try:
            with transaction.atomic():
                teacher = User.objects.create(username=f"bench-teacher-{run}", full_name="Giáo viên")
                Membership.objects.create(user=teacher, facility=facility, role=Role.EDUCATION_OFFICER)
                course = Course.objects.create(
                    facility=facility,
                    kind=Course.Kind.LIFE_VALUES,
                    title="Bench class",
                    teacher=teacher,
                    starts_on=today - timedelta(days=30),
                    ends_on=today + timedelta(days=30),
                )
                episodes = list(
                    Episode.objects.filter(facility=facility, status=Episode.Status.ACTIVE).order_by("id")[:CLASS_SIZE]
                )
                Enrolment.objects.bulk_create(
                    Enrolment(
                        facility=facility,
                        course=course,
                        resident_id=episode.resident_id,
                        episode=episode,
                        enrolled_on=today - timedelta(days=30),
                    )
                    for episode in episodes
                )
                lesson = Lesson.objects.create(facility=facility, course=course, held_on=today)
                absent = {episode.resident_id: Absence("sick") for episode in episodes[:3]}
                for chosen, times in ((absent, created), ({}, corrected)):
                    with CaptureQueriesContext(connection) as captured:
                        started = time.perf_counter()
                        save_roll_call(actor=teacher, lesson=lesson, absent=chosen)
                        times.append(time.perf_counter() - started)
                    queries = max(queries, len(captured))
                raise _Rollback
        except _Rollback:
            pass
    return {**summarise_ms(created), "corrected": summarise_ms(corrected), "queries": queries, "class_size": CLASS_SIZE}


MEASURES: list[Measure] = [
    Measure(
        key="daily_life.roll_call",
        what="saving a roll call of 40 (≤ 200 ms server time)",
        floor_ms=200,
        run=measure_roll_call,
    )
]
