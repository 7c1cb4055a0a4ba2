"""Daily life on the resident page: the bench's five-year resident (bench/data.py,
`add_long_history`) given five years of daily life — a team, weekday work logs, courses and a
certificate, events, prizes, supplies, and their journal rows — then the page read by the
director, who sees every card. Rolled back afterwards."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from . import Measure

YEARS = 5


class _Rollback(Exception):
    pass


def _long_history_resident() -> int:
    from hoanhap.residents.models import TimelineEvent

    # The only resident given the other modules' weekly rows by bench/data.py.
    found = TimelineEvent.objects.filter(kind="work_hours").values_list("resident_id", flat=True).first()
    assert found is not None, "the bench data has no long-history resident"
    return found


def _add_daily_life(resident_id: int) -> int:
    """Five years of daily life for the resident; returns how many journal rows it added."""
    from hoanhap.accounts.models import User
    from hoanhap.core import clock
    from hoanhap.daily_life.models import (
        Competition,
        Course,
        Enrolment,
        Event,
        EventParticipant,
        Prize,
        SupplyIssue,
        TeamMembership,
        WorkLog,
        WorkTeam,
    )
    from hoanhap.residents.models import Episode, TimelineEvent

    episode = Episode.objects.filter(resident_id=resident_id).order_by("-admitted_on").first()
    assert episode is not None
    facility_id, today = episode.facility_id, clock.today()
    staff = User.objects.filter(memberships__facility_id=facility_id).order_by("pk").first()
    assert staff is not None
    start = today - timedelta(days=365 * YEARS)
    team = WorkTeam.objects.create(facility_id=facility_id, name="Bench team", leader=staff)
    TeamMembership.objects.create(
        facility_id=facility_id, team=team, resident_id=resident_id, episode=episode, joined_on=episode.admitted_on
    )
    days = [start + timedelta(days=n) for n in range((today - start).days) if (start + timedelta(days=n)).weekday() < 5]
    WorkLog.objects.bulk_create(
        WorkLog(
            facility_id=facility_id,
            resident_id=resident_id,
            episode=episode,
            team=team,
            worked_on=day,
            task="Trồng rau",
            hours=Decimal("4"),
            recorded_by=staff,
        )
        for day in days
    )
    journal: list[TimelineEvent] = []
    for year in range(YEARS):
        begun = start + timedelta(days=365 * year)
        course = Course.objects.create(
            facility_id=facility_id,
            kind=Course.Kind.LIFE_VALUES,
            title=f"Bench class {year}",
            teacher=staff,
            starts_on=begun,
            ends_on=begun + timedelta(days=90),
        )
        Enrolment.objects.create(
            facility_id=facility_id, course=course, resident_id=resident_id, episode=episode, enrolled_on=begun
        )
        competition = Competition.objects.create(facility_id=facility_id, title=f"Bench cup {year}", held_on=begun)
        Prize.objects.create(
            facility_id=facility_id, competition=competition, rank="Giải nhất", resident_id=resident_id, episode=episode
        )
        SupplyIssue.objects.create(
            facility_id=facility_id,
            resident_id=resident_id,
            episode=episode,
            item="clothing",
            quantity=2,
            period=begun.replace(month=1, day=1),
            issued_on=begun,
            issued_by=staff,
        )
        journal += [
            TimelineEvent(facility_id=facility_id, resident_id=resident_id, kind=kind, occurred_on=begun, summary=kind)
            for kind in ("daily_life.course_enrolled", "daily_life.prize_won", "daily_life.team_joined")
        ]
        for month in range(12):  # two events a month
            for day in (3, 17):
                held = (begun + timedelta(days=31 * month)).replace(day=day)
                event = Event.objects.create(
                    facility_id=facility_id, kind="sport", title="Bench event", held_on=held, organiser=staff
                )
                EventParticipant.objects.create(
                    facility_id=facility_id, event=event, resident_id=resident_id, episode=episode
                )
                journal.append(
                    TimelineEvent(
                        facility_id=facility_id,
                        resident_id=resident_id,
                        kind="daily_life.event_attended",
                        occurred_on=held,
                        summary="Bench event",
                    )
                )
    TimelineEvent.objects.bulk_create(journal)
    return len(journal)


def measure_resident_page(quick: bool) -> dict[str, Any]:
    from bench import data
    from bench.server_side import _client, measure_page
    from hoanhap.residents.models import Resident

    resident_id = _long_history_resident()
    client = _client(data.DIRECTOR_USER)
    short = (
        Resident.objects.filter(facility__code=data.BENCH_FACILITY, episodes__status="active")
        .exclude(pk=resident_id)
        .order_by("id")
        .first()
    )
    assert short is not None
    runs = 10 if quick else 50
    try:
        with transaction.atomic():
            added = _add_daily_life(resident_id)
            page, queries = measure_page(client, f"/residents/{resident_id}/", runs)
            _short, short_queries = measure_page(client, f"/residents/{short.pk}/", 3)
            raise _Rollback
    except _Rollback:
        pass
    return {
        **page,
        "queries": queries,
        "baseline": f"{added} daily-life journal rows added; queries {queries} "
        f"(a new resident's page: {short_queries})",
    }


MEASURES: list[Measure] = [
    Measure(
        key="daily_life.resident_page",
        what=f"the resident page, director, five-year history with {YEARS} years of daily life added (≤ 30 ms)",
        floor_ms=30,
        run=measure_resident_page,
    )
]
