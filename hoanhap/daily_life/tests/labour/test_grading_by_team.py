"""The team leader knows the team: the monthly grading sheet opens on a work team as on a zone."""

from datetime import date

import pytest
from django.urls import reverse

from hoanhap.accounts.roles import Role
from hoanhap.daily_life.models import WorkTeam
from hoanhap.daily_life.services.labour import add_member, remove_member
from hoanhap.residents.models import ConductGrade
from hoanhap.testing import make_episode, make_resident, make_user, verified_client_for

pytestmark = pytest.mark.django_db
SHEET = reverse("residents:grading-sheet")


def test_the_grading_sheet_offers_the_facility_s_teams_and_opens_on_one(
    team, team_leader, facility, other_facility, today
):
    today.set(date(2026, 3, 2))
    manager = make_user(Role.RESIDENT_MANAGER, facility)
    members = []
    for name in ("Trần Văn Bình", "Lê An", "Đỗ Văn Cường"):
        resident = make_resident(facility, name)
        make_episode(resident, admitted_on=date(2026, 1, 5))
        members.append(add_member(actor=team_leader, team=team, resident_id=resident.pk, joined_on=date(2026, 1, 6)))
    remove_member(actor=team_leader, membership=members[2], left_on=date(2026, 2, 20))
    outsider = make_resident(facility, "Người Ngoài")
    make_episode(outsider, admitted_on=date(2026, 1, 5))
    WorkTeam.objects.create(facility=other_facility, name="Tổ của nơi khác")

    client = verified_client_for(manager)
    page = client.get(SHEET).content.decode()
    assert f'value="daily_life.work_team:{team.pk}"' in page and "Tổ của nơi khác" not in page
    sheet = client.get(SHEET, {"group": f"daily_life.work_team:{team.pk}", "month": "02/2026"})
    assert [row.resident.full_name for row in sheet.context["rows"]] == ["Lê An", "Trần Văn Bình"]

    grades = {f"grade-{row.pk}": "good" for row in sheet.context["rows"]}
    saved = client.post(f"{SHEET}?group=daily_life.work_team:{team.pk}&month=02/2026", grades)
    assert saved.status_code == 302
    assert ConductGrade.objects.filter(month=date(2026, 2, 1), grade="good").count() == 2


def test_another_facility_s_team_opens_no_sheet(team, director_of_other_facility, other_facility, today):
    make_user(Role.RESIDENT_MANAGER, other_facility, username="other-manager")
    response = verified_client_for(director_of_other_facility).get(
        SHEET, {"group": f"daily_life.work_team:{team.pk}", "month": "02/2026"}
    )
    assert response.status_code == 400
    assert response.context["rows"] == []
