"""Labour therapy's pages: what a team leader does in a day, refusals with their message, 404 for
another facility's team."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from hoanhap.daily_life.models import Produce, TeamMembership, WorkLog, WorkTeam
from hoanhap.daily_life.services.labour import add_member
from hoanhap.testing import make_episode, make_resident, verified_client_for

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 3, 2)


@pytest.fixture
def leader_client(team_leader):  # type: ignore[no-untyped-def]
    return verified_client_for(team_leader)


@pytest.fixture
def member(team, worker, team_leader, today):  # type: ignore[no-untyped-def]
    return add_member(actor=team_leader, team=team, resident_id=worker.pk, joined_on=date(2026, 2, 2))


def test_the_team_list_shows_the_teams_and_their_hours(leader_client, team, member):
    response = leader_client.get("/daily-life/labour/teams/")
    assert response.status_code == 200
    assert "Tổ rau" in response.content.decode()


def test_a_team_leader_forms_a_team(leader_client, today):
    response = leader_client.post("/daily-life/labour/teams/new/", {"name": "Tổ cá", "default_task": "Nuôi cá"})
    assert response.status_code == 302
    assert WorkTeam.objects.filter(name="Tổ cá").exists()


def test_a_team_without_a_name_is_refused(leader_client, today):
    response = leader_client.post("/daily-life/labour/teams/new/", {"name": ""})
    assert response.status_code == 400


def test_the_team_page_lists_members_and_adds_one(leader_client, team, member, facility, today):
    other = make_resident(facility, "Phạm Văn Cường")
    make_episode(other)
    page = leader_client.get(f"/daily-life/labour/teams/{team.pk}/")
    assert page.status_code == 200 and "Trần Văn An" in page.content.decode()
    response = leader_client.post(
        f"/daily-life/labour/teams/{team.pk}/members/add/", {"resident": other.pk, "joined_on": "02/03/2026"}
    )
    assert response.status_code == 302
    assert TeamMembership.objects.filter(team=team, resident=other).exists()


def test_removing_a_member_closes_the_membership(leader_client, team, member):
    response = leader_client.post(f"/daily-life/labour/memberships/{member.pk}/remove/")
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == MONDAY


def test_the_sheet_opens_with_the_team_task_and_saves_the_day(leader_client, team, member, worker):
    page = leader_client.get(f"/daily-life/labour/teams/{team.pk}/sheet/?day=02/03/2026")
    assert page.status_code == 200 and "Trồng rau" in page.content.decode()
    response = leader_client.post(
        f"/daily-life/labour/teams/{team.pk}/sheet/?day=02/03/2026",
        {f"task-{worker.pk}": "Làm cỏ", f"hours-{worker.pk}": "7,5", f"output-{worker.pk}": "2 luống"},
    )
    assert response.status_code == 302
    log = WorkLog.objects.get()
    assert (log.task, log.hours, log.output) == ("Làm cỏ", Decimal("7.5"), "2 luống")


@pytest.mark.parametrize(
    ("hours", "message"),
    [("8.5", "8.5 h is more than the 8 hours a day"), ("bốn", "write the hours as a number")],
)
def test_a_refused_sheet_is_a_400_naming_the_resident_and_saves_nothing(
    leader_client, team, member, worker, hours, message
):
    response = leader_client.post(
        f"/daily-life/labour/teams/{team.pk}/sheet/?day=02/03/2026",
        {f"task-{worker.pk}": "x", f"hours-{worker.pk}": hours},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Trần Văn An" in body and message in body
    assert WorkLog.objects.count() == 0


def test_a_sheet_for_a_day_that_is_not_a_date_is_a_400(leader_client, team):
    assert leader_client.get(f"/daily-life/labour/teams/{team.pk}/sheet/?day=31/02/2026").status_code == 400


def test_the_resident_hours_page_shows_weekly_totals_and_a_correction(leader_client, team, member, worker):
    leader_client.post(f"/daily-life/labour/teams/{team.pk}/sheet/?day=02/03/2026", {f"hours-{worker.pk}": "6"})
    page = leader_client.get(f"/daily-life/labour/residents/{worker.pk}/hours/")
    assert page.status_code == 200
    assert 'data-testid="hours-chart"' in page.content.decode()
    log = WorkLog.objects.get()
    refused = leader_client.post(f"/daily-life/labour/logs/{log.pk}/edit/", {"task": "Làm cỏ", "hours": "9"})
    assert refused.status_code == 400 and "8 hours a day" in refused.content.decode()
    corrected = leader_client.post(f"/daily-life/labour/logs/{log.pk}/edit/", {"task": "Làm cỏ", "hours": "5"})
    assert corrected.status_code == 302


def test_produce_is_recorded_listed_and_exported(leader_client, team, today):
    response = leader_client.post(
        "/daily-life/labour/produce/new/",
        {"produced_on": "02/03/2026", "item": "fish", "quantity": "12.5", "unit": "kg", "team": team.pk},
    )
    assert response.status_code == 302
    listing = leader_client.get("/daily-life/labour/produce/?item=fish")
    assert listing.status_code == 200 and "12.5" in listing.content.decode()
    export = leader_client.get("/daily-life/labour/produce/export/?item=fish")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")
    assert Produce.objects.count() == 1


def test_future_produce_is_a_400_beside_the_date(leader_client, today):
    response = leader_client.post(
        "/daily-life/labour/produce/new/", {"produced_on": "03/03/2026", "item": "fish", "quantity": "1", "unit": "kg"}
    )
    assert response.status_code == 400 and "in the future" in response.content.decode()


def test_another_facilitys_team_is_a_404(other_facility, team, today):
    from hoanhap.accounts.roles import Role
    from hoanhap.testing import make_user

    stranger = verified_client_for(make_user(Role.WORK_TEAM_LEADER, other_facility, username="other-leader"))
    assert stranger.get(f"/daily-life/labour/teams/{team.pk}/").status_code == 404
    assert stranger.get(f"/daily-life/labour/teams/{team.pk}/sheet/").status_code == 404


def test_the_api_saves_a_day_and_refuses_an_over_cap_row_with_the_reason(leader_client, team, member, worker):
    url = f"/api/daily-life/labour/teams/{team.pk}/days/2026-03-02"
    refused = leader_client.post(
        url, {"rows": [{"resident_id": worker.pk, "hours": "8.5"}]}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "8 hours a day" in refused.json()["errors"][str(worker.pk)]
    saved = leader_client.post(
        url, {"rows": [{"resident_id": worker.pk, "hours": "8"}]}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json() == {"saved": 1}
    weeks = leader_client.get(f"/api/daily-life/labour/residents/{worker.pk}/weeks").json()
    assert weeks[-1] == {"monday": "2026-03-02", "hours": "8.00"} or Decimal(weeks[-1]["hours"]) == 8


def test_the_api_totals_default_to_this_week_and_refuse_a_period_backwards(leader_client, team, member, worker):
    leader_client.post(f"/daily-life/labour/teams/{team.pk}/sheet/?day=02/03/2026", {f"hours-{worker.pk}": "6"})
    totals = leader_client.get("/api/daily-life/labour/totals")
    assert totals.status_code == 200 and Decimal(totals.json()[0]["hours"]) == 6
    refused = leader_client.get("/api/daily-life/labour/totals?start=2026-03-02&end=2026-03-01")
    assert refused.status_code == 400 and refused.json()["field"] == "end"


def test_reading_a_residents_hours_is_in_the_access_log_by_page_and_by_api(leader_client, team_leader, member, worker):
    from hoanhap.audit.models import AuditEntry

    assert leader_client.get(f"/daily-life/labour/residents/{worker.pk}/hours/").status_code == 200
    assert leader_client.get(f"/api/daily-life/labour/residents/{worker.pk}/weeks").status_code == 200
    reads = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, resident_id=worker.pk, actor=team_leader)
    assert reads.count() == 2


def test_another_facilitys_resident_has_no_hours_page_as_if_missing(director_of_other_facility, worker):
    client = verified_client_for(director_of_other_facility)
    for url in (
        f"/daily-life/labour/residents/{worker.pk}/hours/",
        f"/api/daily-life/labour/residents/{worker.pk}/weeks",
    ):
        assert client.get(url).status_code == 404


def test_a_produce_period_that_ends_before_it_starts_is_refused_beside_the_field(leader_client):  # type: ignore[no-untyped-def]
    response = leader_client.get(reverse("daily_life:produce-list"), {"start": "02/03/2026", "end": "01/03/2026"})
    assert response.status_code == 400 and "The end cannot be before the start." in response.content.decode()
