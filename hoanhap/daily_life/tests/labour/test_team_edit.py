"""A team renamed, given another leader, or stood down once its members have moved."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from hoanhap.accounts.roles import Role
from hoanhap.core.errors import DomainError
from hoanhap.daily_life.models import WorkTeam
from hoanhap.daily_life.services.labour import SheetRow, add_member, edit_team, remove_member, save_day_sheet
from hoanhap.testing import make_user, verified_client_for

pytestmark = pytest.mark.django_db


def edit(team, actor, **changes):
    values = {"name": team.name, "default_task": team.default_task, "leader": team.leader, "is_active": True}
    return edit_team(actor=actor, team=team, **{**values, **changes})


def test_a_team_is_renamed_and_given_another_leader(team, team_leader, facility):
    other_leader = make_user(Role.WORK_TEAM_LEADER, facility)
    edit(team, team_leader, name="Tổ rau sạch", leader=other_leader)
    team.refresh_from_db()
    assert (team.name, team.leader) == ("Tổ rau sạch", other_leader)


def test_two_teams_of_a_facility_do_not_share_a_name(team, team_leader, facility):
    WorkTeam.objects.create(facility=facility, name="Tổ cá")
    with pytest.raises(DomainError, match="already has this name"):
        edit(team, team_leader, name="tổ cá")


def test_the_leader_must_lead_teams_here(team, team_leader, facility):
    with pytest.raises(DomainError, match="must be a team leader of this facility"):
        edit(team, team_leader, leader=make_user(Role.VISIT_OFFICER, facility))


def test_a_team_with_members_is_not_stood_down_and_an_empty_one_is(team, team_leader, worker, today):
    membership = add_member(actor=team_leader, team=team, resident_id=worker.pk, joined_on=date(2026, 2, 2))
    with pytest.raises(DomainError, match="1 residents are still in this team"):
        edit(team, team_leader, is_active=False)
    remove_member(actor=team_leader, membership=membership, left_on=today.value)
    assert edit(team, team_leader, is_active=False).is_active is False


def test_a_stood_down_team_takes_no_member_and_no_sheet(team, team_leader, worker, today):
    edit(team, team_leader, is_active=False)
    with pytest.raises(DomainError, match="stood down"):
        add_member(actor=team_leader, team=team, resident_id=worker.pk, joined_on=date(2026, 2, 2))
    with pytest.raises(DomainError, match="stood down"):
        save_day_sheet(actor=team_leader, team=team, worked_on=today.value, rows=[SheetRow(worker.pk, Decimal(4))])


def test_the_team_leader_edits_the_team_from_its_page(team, team_leader):
    client = verified_client_for(team_leader)
    url = reverse("daily_life:team-edit", kwargs={"team_id": team.pk})
    assert url in client.get(reverse("daily_life:team-detail", kwargs={"team_id": team.pk})).content.decode()
    refused = client.post(url, {"name": " ", "default_task": "", "leader": team_leader.pk, "is_active": "on"})
    assert refused.status_code == 400
    saved = client.post(url, {"name": "Tổ rau 2", "default_task": "Tưới", "leader": team_leader.pk, "is_active": "on"})
    assert saved.status_code == 302
    team.refresh_from_db()
    assert (team.name, team.default_task, team.is_active) == ("Tổ rau 2", "Tưới", True)
