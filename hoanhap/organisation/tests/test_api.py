"""The organisation's API: the same rules and scoping as the pages; refusals as JSON, never a 500."""

from datetime import date

import pytest

from hoanhap.testing import client_for

from .conftest import post, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(facility, departments, positions):  # type: ignore[no-untyped-def]
    person = staff(facility, "Nguyễn Thị Ánh")
    post(person, departments["Phòng Y tế"], positions["Viên chức"])
    return person


def test_the_staff_list_and_a_staff_member_with_history(director, member, today) -> None:  # type: ignore[no-untyped-def]
    client = client_for(director)
    listed = client.get("/api/organisation/staff", {"q": "anh"}).json()
    assert listed["count"] == 1 and listed["results"][0]["department_name"] == "Phòng Y tế"
    detail = client.get(f"/api/organisation/staff/{member.pk}").json()
    assert [p["department_name"] for p in detail["postings"]] == ["Phòng Y tế"]


def test_a_posting_by_the_api_follows_the_same_rules(director, member, departments, positions, today) -> None:  # type: ignore[no-untyped-def]
    client = client_for(director)
    url = f"/api/organisation/staff/{member.pk}/postings"
    body = {"department_id": departments["Phòng Quản lý"].pk, "position_id": positions["Viên chức"].pk}
    refused = client.post(url, {**body, "starts_on": "2020-01-01"}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "before_current"
    made = client.post(url, {**body, "starts_on": "2026-03-01"}, content_type="application/json")
    assert made.status_code == 201 and made.json()["department_name"] == "Phòng Quản lý"
    assert client.post(url, {**body, "starts_on": "nope"}, content_type="application/json").status_code == 422


def test_the_api_hides_another_facility_and_refuses_other_roles(director, doctor, other_facility_staff) -> None:  # type: ignore[no-untyped-def]
    assert client_for(director).get(f"/api/organisation/staff/{other_facility_staff.pk}").status_code == 404
    assert client_for(doctor).get("/api/organisation/staff").status_code == 403


def test_departments_postings_and_holidays(director, member, departments, today) -> None:  # type: ignore[no-untyped-def]
    client = client_for(director)
    assert len(client.get("/api/organisation/departments", {"on": "2026-03-02"}).json()) == 5
    assert client.get("/api/organisation/postings", {"from_on": "2026-01-01", "to_on": "2025-01-01"}).status_code == 400
    days = client.get("/api/organisation/holidays", {"year": 2026}).json()
    assert date(2026, 2, 17).isoformat() in [day["day"] for day in days]
