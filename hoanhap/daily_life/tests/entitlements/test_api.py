"""The entitlements API: the same rules as the pages, refusals as 4xx JSON."""

import pytest

from hoanhap.daily_life.models import SupplyIssue
from hoanhap.testing import make_episode, make_resident, verified_client_for

pytestmark = pytest.mark.django_db

BASE = "/api/daily-life/entitlements"


def test_the_norms_are_listed_with_the_food_allowance_in_vnd(today, resident_manager):
    response = verified_client_for(resident_manager).get(f"{BASE}/norms")
    assert response.status_code == 200
    (norm_set,) = response.json()
    food = next(item for item in norm_set["items"] if item["item"] == "food")
    assert (norm_set["in_force"], food["quantity"], food["period"]) == (True, 1_872_000, "month")


def test_a_residents_due_and_issued(today, resident_manager, hung):
    response = verified_client_for(resident_manager).get(f"{BASE}/episodes/{hung.pk}?month=2026-03-01")
    assert response.status_code == 200
    clothing = next(item for item in response.json()["items"] if item["item"] == "clothing")
    assert (clothing["due"], clothing["issued"], clothing["short"], clothing["period"]) == (2, 0, 2, "2026-01-01")


def test_another_facilitys_resident_is_a_404(today, resident_manager, other_facility):
    elsewhere = make_episode(make_resident(other_facility))
    assert verified_client_for(resident_manager).get(f"{BASE}/episodes/{elsewhere.pk}").status_code == 404


def test_a_month_before_the_norms_is_a_400_with_the_message(today, resident_manager, hung):
    response = verified_client_for(resident_manager).get(f"{BASE}/episodes/{hung.pk}?month=2020-01-01")
    assert response.status_code == 400
    assert "No norm is in force" in response.json()["detail"]


def sheet(zone, lines, **extra):
    return {
        "facility_id": zone.facility_id,
        "zone_id": zone.pk,
        "month": "2026-03-01",
        "issued_on": "2026-03-02",
        "lines": lines,
        **extra,
    }


def test_the_sheet_is_saved_in_one_go(today, resident_manager, zone, hung):
    response = verified_client_for(resident_manager).post(
        f"{BASE}/sheet",
        sheet(zone, [{"episode_id": hung.pk, "item": "hygiene", "quantity": 1, "issued_before": 0}]),
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (200, {"saved": 1})


def test_a_sheet_beyond_the_norm_is_a_400_naming_the_cell(today, resident_manager, zone, hung):
    response = verified_client_for(resident_manager).post(
        f"{BASE}/sheet",
        sheet(zone, [{"episode_id": hung.pk, "item": "mat", "quantity": 2}]),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert f"{hung.pk}-mat" in response.json()["detail"]
    assert not SupplyIssue.objects.exists()


def test_a_stale_sheet_is_a_409(today, resident_manager, zone, hung):
    client = verified_client_for(resident_manager)
    line = {"episode_id": hung.pk, "item": "hygiene", "quantity": 1, "issued_before": 0}
    assert client.post(f"{BASE}/sheet", sheet(zone, [line]), content_type="application/json").status_code == 200
    again = client.post(f"{BASE}/sheet", sheet(zone, [line]), content_type="application/json")
    assert again.status_code == 409


def test_a_teacher_may_not_save_a_sheet(today, teacher, zone, hung):
    response = verified_client_for(teacher).post(
        f"{BASE}/sheet",
        sheet(zone, [{"episode_id": hung.pk, "item": "hygiene", "quantity": 1}]),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_zone_of_another_facility_is_a_400(today, resident_manager, zone, other_facility):
    from hoanhap.core.models import Zone

    foreign = Zone.objects.create(facility=other_facility, name="Khu B")
    body = sheet(zone, [])
    body["zone_id"] = foreign.pk
    assert (
        verified_client_for(resident_manager).post(f"{BASE}/sheet", body, content_type="application/json").status_code
        == 400
    )


def test_the_shortfalls_of_a_month(today, resident_manager, lan):
    response = verified_client_for(resident_manager).get(f"{BASE}/shortfalls?month=2026-03-01&item=sanitary")
    assert response.status_code == 200
    assert [(row["full_name"], row["short"]) for row in response.json()] == [("Lê Thị Lan", 2)]
