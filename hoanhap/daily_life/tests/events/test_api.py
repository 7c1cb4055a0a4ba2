from datetime import date

import pytest

from hoanhap.accounts.roles import Role
from hoanhap.daily_life.models import Event, Prize
from hoanhap.daily_life.services import events as services
from hoanhap.testing import make_user, verified_client_for

pytestmark = pytest.mark.django_db

BASE = "/api/daily-life/events"


@pytest.fixture
def api(teacher):  # type: ignore[no-untyped-def]
    return verified_client_for(teacher)


def test_the_teacher_plans_an_event_and_adds_participants_through_the_api(api, resident, teacher, today):
    created = api.post(
        BASE, {"kind": "sport", "title": "Bóng đá", "held_on": "2026-03-01"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    event_id = created.json()["id"]
    added = api.post(
        f"{BASE}/{event_id}/participants",
        {"resident_ids": [resident.pk], "staff_ids": [teacher.pk]},
        content_type="application/json",
    )
    assert added.status_code == 201 and len(added.json()) == 2
    listed = api.get(f"{BASE}/{event_id}/participants").json()
    assert {row["name"] for row in listed} >= {resident.full_name}
    assert api.get(BASE, {"kind": "sport"}).json()["count"] == 1


def test_a_refusal_is_a_400_with_the_message_and_the_field(api, today):
    refused = api.post(
        BASE,
        {"kind": "sport", "title": "x", "held_on": "2026-03-01", "starts_at": "10:00", "ends_at": "09:00"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["field"] == "ends_at"
    assert api.post(BASE, {"kind": "sport"}, content_type="application/json").status_code == 422


def test_participants_before_the_day_are_refused_with_a_400(api, facility, teacher, resident, today):
    planned = services.plan_event(
        actor=teacher, facility_id=facility.pk, kind="sport", title="x", held_on=date(2026, 4, 1)
    )
    refused = api.post(
        f"{BASE}/{planned.pk}/participants", {"resident_ids": [resident.pk]}, content_type="application/json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "not_yet_held"


def test_competitions_and_prizes_through_the_api(api, event, resident, team, today):
    competition = api.post(
        f"{BASE}/competitions",
        {"event_id": event.pk, "title": "Kéo co", "held_on": "2026-03-01", "kind": "sport"},
        content_type="application/json",
    )
    assert competition.status_code == 201
    url = f"{BASE}/competitions/{competition.json()['id']}/prizes"
    to_team = api.post(url, {"rank": "Giải nhất", "value": 500000, "team_id": team.pk}, content_type="application/json")
    assert to_team.status_code == 201 and to_team.json()["winner"] == team.name
    to_both = api.post(
        url, {"rank": "x", "team_id": team.pk, "resident_id": resident.pk}, content_type="application/json"
    )
    assert to_both.status_code == 400
    negative = api.post(url, {"rank": "x", "value": -1, "team_id": team.pk}, content_type="application/json")
    assert negative.status_code == 400 and negative.json()["field"] == "value"
    assert Prize.objects.count() == 1
    assert api.get(f"{BASE}/prizes").json()["count"] == 1
    assert api.get(f"{BASE}/competitions").json()["count"] == 1


def test_another_facilitys_event_is_a_404_and_the_director_may_not_write(event, other_facility, director, today):
    stranger = verified_client_for(make_user(Role.EDUCATION_OFFICER, other_facility))
    assert stranger.get(f"{BASE}/{event.pk}").status_code == 404
    reader = verified_client_for(director)
    assert reader.get(f"{BASE}/{event.pk}").status_code == 200
    refused = reader.post(
        BASE, {"kind": "sport", "title": "x", "held_on": "2026-03-01"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert Event.objects.count() == 1
