"""A resident's page says what daily life knows of them — the team and this week's hours, the
courses, the prizes, the supplies issued — to who reads that area, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoanhap.daily_life.models import (
    Competition,
    Course,
    Deposit,
    Enrolment,
    Prize,
    SupplyIssue,
    TeamMembership,
    WorkLog,
    WorkTeam,
)
from hoanhap.testing import make_episode, make_resident, verified_client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_a_friday(today):  # type: ignore[no-untyped-def]
    today.set(date(2026, 3, 6))


def sections_on(user, resident):  # type: ignore[no-untyped-def]
    page = verified_client_for(user).get(reverse("residents:detail", args=[resident.pk]))
    assert page.status_code == 200
    return {section.key: data for section, data in page.context["sections"]}, page.content.decode()


def a_life_here(facility, teacher, team_leader, *, days: int = 1):  # type: ignore[no-untyped-def]
    resident = make_resident(facility, "Trần Văn An")
    episode = make_episode(resident, admitted_on=date(2026, 1, 5))
    team = WorkTeam.objects.create(facility=facility, name="Tổ rau", leader=team_leader)
    TeamMembership.objects.create(
        facility=facility, team=team, resident=resident, episode=episode, joined_on=date(2026, 1, 6)
    )
    for day in range(days):  # weekdays of the week of Monday 02/03/2026
        WorkLog.objects.create(
            facility=facility,
            resident=resident,
            episode=episode,
            team=team,
            worked_on=date(2026, 3, 2 + day),
            task="Trồng rau",
            hours=Decimal("4"),
            recorded_by=team_leader,
        )
    course = Course.objects.create(
        facility=facility,
        kind=Course.Kind.VOCATIONAL,
        title="Trồng rau an toàn",
        teacher=teacher,
        starts_on=date(2026, 1, 10),
        ends_on=date(2026, 4, 10),
    )
    Enrolment.objects.create(
        facility=facility, course=course, resident=resident, episode=episode, enrolled_on=date(2026, 1, 10)
    )
    competition = Competition.objects.create(facility=facility, title="Kéo co", held_on=date(2026, 2, 3))
    Prize.objects.create(
        facility=facility, competition=competition, rank="Giải nhất", value=200_000, resident=resident, episode=episode
    )
    SupplyIssue.objects.create(
        facility=facility,
        resident=resident,
        episode=episode,
        item="clothing",
        quantity=2,
        period=date(2026, 1, 1),
        issued_on=date(2026, 1, 12),
        issued_by=teacher,
    )
    Deposit.objects.create(
        facility=facility,
        resident=resident,
        kind="deposit",
        amount=500_000,
        balance_after=500_000,
        occurred_on=date(2026, 2, 1),
        recorded_by=teacher,
    )
    return resident


def test_the_director_reads_every_card_of_daily_life_on_the_resident_page(
    director, teacher, team_leader, facility, today
):
    resident = a_life_here(facility, teacher, team_leader, days=3)
    sections, html = sections_on(director, resident)
    assert list(sections) == [
        "daily_life.labour",
        "daily_life.courses",
        "daily_life.prizes",
        "daily_life.visits",
        "daily_life.supplies",
    ]
    assert (sections["daily_life.labour"]["team"].name, sections["daily_life.labour"]["week"]) == (
        "Tổ rau",
        Decimal("12"),
    )
    assert "12 h of 48 h" in html
    assert "Trồng rau an toàn" in html and "Giải nhất" in html and "200,000" in html
    assert sections["daily_life.visits"]["balance"] == 500_000 and "500,000 đ" in html


def test_each_recorder_reads_only_the_cards_of_the_areas_they_work_in(
    teacher, team_leader, visit_officer, doctor, facility, today
):
    resident = a_life_here(facility, teacher, team_leader)
    assert set(sections_on(visit_officer, resident)[0]) == {"daily_life.visits"}
    assert set(sections_on(team_leader, resident)[0]) == {"daily_life.labour"}
    assert set(sections_on(teacher, resident)[0]) == {"daily_life.courses", "daily_life.prizes"}
    assert sections_on(doctor, resident)[0] == {}


def test_a_resident_daily_life_knows_nothing_of_shows_no_card(director, facility, today):
    stranger = make_resident(facility, "Người Mới")
    make_episode(stranger, admitted_on=date(2026, 3, 1))
    assert sections_on(director, stranger)[0] == {}


def test_the_cards_read_in_the_same_number_of_queries_however_long_the_history(
    director, teacher, team_leader, facility, other_facility, today
):
    short = a_life_here(facility, teacher, team_leader, days=1)
    WorkTeam.objects.filter(name="Tổ rau").update(name="Tổ cũ")
    long = a_life_here(facility, teacher, team_leader, days=5)
    client = verified_client_for(director)

    def queries(resident):  # type: ignore[no-untyped-def]
        client.get(reverse("residents:detail", args=[resident.pk]))  # warm
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("residents:detail", args=[resident.pk]))
        return len(captured)

    assert queries(short) == queries(long)
