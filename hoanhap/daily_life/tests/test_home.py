"""The daily-life module's home: in the menu of whoever reads one of its areas, a section per area
they read, and nothing for anyone else."""

import pytest
from django.urls import reverse

from hoanhap.accounts.roles import Role
from hoanhap.testing import make_user, verified_client_for

pytestmark = pytest.mark.django_db


def home_of(user):  # type: ignore[no-untyped-def]
    return verified_client_for(user).get(reverse("daily_life:home"))


def test_the_director_reads_every_area_and_records_only_what_managing_residents_covers(director):
    page = home_of(director)
    assert page.status_code == 200
    assert page.context["areas"] == ["courses", "events", "labour", "visits", "entitlements"]
    assert page.context["writes"] == {"entitlements"}


@pytest.mark.parametrize(
    ("role", "areas"),
    [
        (Role.EDUCATION_OFFICER, ["courses", "events"]),
        (Role.WORK_TEAM_LEADER, ["labour"]),
        (Role.VISIT_OFFICER, ["visits"]),
        (Role.RESIDENT_MANAGER, ["entitlements"]),
    ],
)
def test_each_recorder_sees_and_records_only_their_own_areas(role, areas, facility):
    page = home_of(make_user(role, facility))
    assert page.context["areas"] == areas
    assert page.context["writes"] == set(areas)


@pytest.mark.parametrize("role", [Role.MEDICAL_STAFF, Role.AUDITOR, Role.PARTY_SECRETARY, Role.PROVINCE_VIEWER])
def test_roles_that_read_no_area_are_refused_and_see_no_menu_entry(role, facility):
    user = make_user(role, facility)
    assert home_of(user).status_code == 403
    menu = verified_client_for(user).get(reverse("shell:home"))
    assert "daily-life" not in [item["module"].slug for item in menu.context["nav_items"]]


def test_the_menu_entry_leads_to_the_module_not_to_a_coming_soon_page(team_leader):
    menu = verified_client_for(team_leader).get(reverse("shell:home"))
    entry = next(item for item in menu.context["nav_items"] if item["module"].slug == "daily-life")
    assert entry["module"].url_name == "daily_life:home"
