"""Daily life, labour: benchmark rows. "A week's work log of a 40-person team": a team of 40
residents of the bench facility, its five weekday sheets saved one after the other
(`save_day_sheet`: each row checked against the daily and weekly caps), then the team page's
weekly totals read; everything rolled back after each run."""

from __future__ import annotations

import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from . import Measure

TEAM_SIZE = 40


class _Rollback(Exception):
    pass


def measure_week_of_work(quick: bool) -> dict[str, Any]:
    from hoanhap.accounts.models import Membership, User
    from hoanhap.accounts.roles import Role
    from hoanhap.core.models import Facility
    from hoanhap.daily_life.models import TeamMembership, WorkTeam
    from hoanhap.daily_life.selectors import labour as selectors
    from hoanhap.daily_life.services.labour import SheetRow, save_day_sheet
    from hoanhap.residents import selectors as residents

    from .. import data
    from ..stats import summarise_ms

    facility = Facility.objects.get(code=data.BENCH_FACILITY)
    actor = User.objects.get(username=data.staff_username(1))
    monday = data.BENCH_TODAY - timedelta(days=data.BENCH_TODAY.weekday() + 7)  # last full week
    episodes = list(
        residents.open_episodes([facility.pk], present_only=True)
        .filter(admitted_on__lte=monday)
        .order_by("pk")[:TEAM_SIZE]
    )
    runs = 3 if quick else 15
    timings: list[float] = []
    queries = 0
    for n in range(runs):
        try:
            with transaction.atomic():
                Membership.objects.get_or_create(user=actor, facility=facility, role=Role.WORK_TEAM_LEADER)
                team = WorkTeam.objects.create(facility=facility, name=f"Bench team {n}", leader=actor)
                TeamMembership.objects.filter(resident_id__in=[e.resident_id for e in episodes]).update(left_on=monday)
                TeamMembership.objects.bulk_create(
                    TeamMembership(facility=facility, team=team, resident_id=e.resident_id, episode=e, joined_on=monday)
                    for e in episodes
                )
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    for day in (monday + timedelta(days=d) for d in range(5)):
                        rows = [SheetRow(e.resident_id, Decimal(8), task="Lao động") for e in episodes]
                        save_day_sheet(actor=actor, team=team, worked_on=day, rows=rows)
                    totals = selectors.resident_totals(team, monday, monday + timedelta(days=6))
                timings.append(time.perf_counter() - started)
                queries = len(captured)
                assert sum(totals.values()) == Decimal(40 * len(episodes)), totals
                raise _Rollback
        except _Rollback:
            pass
    return {**summarise_ms(timings), "runs": runs, "queries": queries, "team_size": len(episodes)}


MEASURES: list[Measure] = [
    Measure(
        key="daily_life.labour_week",
        what="A week's work log of a 40-person team (5 day sheets saved, then the week's totals)",
        floor_ms=200,
        run=measure_week_of_work,
    ),
]

__all__ = ["MEASURES"]
