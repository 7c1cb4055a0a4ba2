"""The visits API: the same rules as the pages; refusals are 4xx JSON naming the rule."""

import json

import pytest

from hoanhap.accounts.roles import Role
from hoanhap.daily_life.models import Deposit, Visit
from hoanhap.testing import client_for, make_user

from .conftest import at

pytestmark = pytest.mark.django_db
BASE = "/api/daily-life/visits"


def post(user, path, body):  # type: ignore[no-untyped-def]
    return client_for(user).post(f"{BASE}{path}", json.dumps(body, default=str), content_type="application/json")


def booking(episode, **extra):  # type: ignore[no-untyped-def]
    return {
        "episode_id": episode.pk,
        "starts_at": at(2, 8).isoformat(),
        "ends_at": at(2, 10).isoformat(),
        "visitors": [{"full_name": "Trần Thị Lan", "id_number": "001190001234", "relation": "mother"}],
        **extra,
    }


def test_the_officer_books_checks_in_and_reads_the_day(visit_officer, episode, today):
    response = post(visit_officer, "", booking(episode))
    assert response.status_code == 201, response.content
    visit_id = response.json()["id"]
    assert post(visit_officer, f"/{visit_id}/check-in", {}).json()["status"] == "checked_in"
    day = client_for(visit_officer).get(f"{BASE}/day", {"on": "2026-03-02"}).json()
    assert [v["id"] for v in day] == [visit_id] and day[0]["visitors"][0]["id_number"] == "001190001234"


def test_a_refused_booking_is_a_400_naming_the_rule(visit_officer, episode, today):
    response = post(visit_officer, "", booking(episode, ends_at=at(2, 10, 1).isoformat()))
    assert response.status_code == 400
    assert response.json()["code"] == "visit_too_long" and "Điều 69" in response.json()["detail"]
    no_id = booking(episode, visitors=[{"full_name": "A", "id_number": "", "relation": "mother"}])
    assert post(visit_officer, "", no_id).json()["code"] == "visitor_without_id"
    assert not Visit.objects.exists()


def test_the_ledger_refuses_a_withdrawal_above_the_balance(visit_officer, episode, today):
    path = f"/ledger/{episode.resident_id}"
    assert post(visit_officer, path, {"kind": "deposit", "amount": 100_000}).status_code == 201
    refused = post(visit_officer, path, {"kind": "withdrawal", "amount": 100_001})
    assert refused.status_code == 400 and refused.json()["code"] == "above_balance"
    assert post(visit_officer, path, {"kind": "withdrawal", "amount": -1}).status_code == 422
    ledger = client_for(visit_officer).get(f"{BASE}{path}").json()
    assert ledger["balance"] == 100_000 and Deposit.objects.count() == 1


def test_a_parcel_is_recorded_and_listed(visit_officer, episode, today):
    body = {
        "episode_id": episode.pk,
        "received_on": "2026-03-02",
        "handed_in_by": "Trần Thị Lan",
        "items": "Rượu",
        "status": "refused",
    }
    assert post(visit_officer, "/parcels", body).json()["field"] == "refusal_reason"
    assert post(visit_officer, "/parcels", {**body, "refusal_reason": "Đồ uống có cồn"}).status_code == 201
    assert len(client_for(visit_officer).get(f"{BASE}/parcels").json()) == 1


def test_another_facilitys_visit_is_a_404(visit_officer, episode, today, other_facility):
    visit_id = post(visit_officer, "", booking(episode)).json()["id"]
    other_officer = make_user(Role.VISIT_OFFICER, other_facility)
    assert post(other_officer, f"/{visit_id}/check-in", {}).status_code == 404
    assert client_for(other_officer).get(f"{BASE}/ledger/{episode.resident_id}").status_code == 404
