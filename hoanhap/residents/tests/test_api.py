"""The residents API (/api/residents): the same rules as the pages, clear 4xx, never a 500."""

import json
from datetime import date

import pytest
from auditlog.models import AbstractLogEntry

from hoanhap.audit.models import AuditEntry
from hoanhap.residents import services
from hoanhap.residents.models import Episode, LegalEvent, Resident
from hoanhap.residents.terms import STAGE_ORDER
from hoanhap.testing import client_for

from .builders import admit, citizen_id_for, register, tick_all

pytestmark = pytest.mark.django_db
BASE = "/api/residents"


def post(user, path, body):
    return client_for(user).post(f"{BASE}{path}", json.dumps(body, default=str), content_type="application/json")


@pytest.fixture
def resident(director, facility, men_room, today):
    resident = register(director, facility, "Đỗ Văn Đức", substances=["heroin"], ethnicity="Tày")
    admit(director, resident, men_room)
    return resident


def registration(**overrides):
    body = {
        "full_name": "Nguyễn Văn Hùng",
        "date_of_birth": "1990-05-17",
        "sex": "male",
        "citizen_id": citizen_id_for(date(1990, 5, 17), serial=777),
        "contacts": [{"relation": "Vợ", "full_name": "Lê Thị Hoa", "phone": "0987654321"}],
    }
    body.update(overrides)
    return body


# --- Reading ---------------------------------------------------------------------------------------


def test_the_list_searches_without_diacritics_and_filters(director, resident):
    response = client_for(director).get(BASE, {"q": "do van duc", "kind": "compulsory"})
    assert response.status_code == 200
    assert [item["full_name"] for item in response.json()["items"]] == ["Đỗ Văn Đức"]
    assert client_for(director).get(BASE, {"stage": "detox"}).json()["count"] == 0


def test_the_detail_shows_the_current_episode_with_its_release_derivation(director, resident):
    data = client_for(director).get(f"{BASE}/{resident.pk}").json()
    assert data["current_episode"]["expected_release_on"] == "2028-01-05"
    assert data["current_episode"]["release_derivation"].startswith("24")
    assert (data["citizen_id"], data["ethnicity"], data["substances"]) == (resident.citizen_id, "Tày", ["heroin"])


def test_sensitive_fields_are_null_for_a_role_without_the_capability(counsellor, manager, resident):
    for_counsellor = client_for(counsellor).get(f"{BASE}/{resident.pk}").json()
    assert for_counsellor["citizen_id"] is None and for_counsellor["ethnicity"] is None
    assert for_counsellor["substances"] is None and for_counsellor["has_criminal_record"] is None
    for_manager = client_for(manager).get(f"{BASE}/{resident.pk}").json()
    assert for_manager["citizen_id"] == resident.citizen_id and for_manager["substances"] is None


def test_the_detail_writes_the_access_log(director, resident):
    client_for(director).get(f"{BASE}/{resident.pk}")
    entry = AuditEntry.objects.get(action=AbstractLogEntry.Action.ACCESS, resident_id=resident.pk)
    assert entry.actor == director and entry.via == f"GET {BASE}/{resident.pk}"


def test_another_facility_s_resident_is_404_and_absent_from_the_list(director_of_other_facility, resident):
    client = client_for(director_of_other_facility)
    assert client.get(f"{BASE}/{resident.pk}").status_code == 404
    assert client.get(BASE).json()["count"] == 0
    assert client.get(f"{BASE}/999999").status_code == 404


def test_a_role_without_residents_gets_403(auditor, resident):
    assert client_for(auditor).get(BASE).status_code == 403
    assert client_for(auditor).get(f"{BASE}/{resident.pk}").status_code == 403


# --- Registering -------------------------------------------------------------------------------------


def test_a_manager_registers_a_resident(manager, facility, today):
    response = post(manager, "", registration())
    assert response.status_code == 201, response.content
    resident = Resident.objects.get()
    assert response.json()["id"] == resident.pk
    assert (resident.facility, resident.family_contacts.get().full_name) == (facility, "Lê Thị Hoa")


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"citizen_id": "0100901"}, 400, "citizen_id"),
        ({"date_of_birth": "2030-01-01"}, 400, "date_of_birth"),
        ({"date_of_birth": "17/05/1990"}, 422, None),
        ({"sex": "x"}, 422, None),
        ({"full_name": "x" * 151}, 422, None),
        ({"prior_rehab_count": 10**9}, 422, None),
    ],
)
def test_bad_input_gets_a_clear_4xx_and_changes_nothing(director, today, overrides, status, field):
    response = post(director, "", registration(**overrides))
    assert response.status_code == status
    if field:
        assert response.json()["field"] == field and response.json()["detail"]
    assert not Resident.objects.exists()


def test_a_possible_duplicate_is_409_with_the_candidates(manager, facility, today):
    first = register(manager, facility, citizen_id="")
    response = post(manager, "", registration(citizen_id=""))
    assert response.status_code == 409
    assert response.json()["candidates"] == [first.pk]
    assert post(manager, "", registration(citizen_id="", confirm_different_person=True)).status_code == 201


def test_a_field_the_caller_may_not_see_cannot_be_sent(manager, today):
    assert post(manager, "", registration(substances=["heroin"])).status_code == 403
    assert not Resident.objects.exists()


def test_registering_needs_manage_residents(counsellor, today):
    assert post(counsellor, "", registration()).status_code == 403


# --- Admission, stage, events ------------------------------------------------------------------------


@pytest.fixture
def person(director, facility, today):
    return register(director, facility, "Lê Văn Nam")


def admission(room, **overrides):
    body = {
        "kind": "compulsory",
        "admitted_on": "2026-07-01",
        "term_months": 24,
        "zone_id": room.zone_id,
        "room_id": room.pk,
        "decision_number": "1/2026/QĐ-TA",
        "decision_on": "2026-07-01",
        "decided_by": "TAND khu vực 1",
    }
    body.update(overrides)
    return body


def test_a_resident_is_admitted(director, person, men_room):
    response = post(director, f"/{person.pk}/episodes", admission(men_room))
    assert response.status_code == 201
    assert response.json()["expected_release_on"] == "2028-07-01"


def test_a_term_outside_the_rules_in_force_is_400_with_the_message(director, person, men_room):
    response = post(director, f"/{person.pk}/episodes", admission(men_room, term_months=18))
    assert response.status_code == 400
    assert response.json()["field"] == "term_months"
    assert "24" in response.json()["detail"]
    assert not Episode.objects.exists()


def test_a_room_of_another_facility_is_refused(director, person, other_room):
    response = post(director, f"/{person.pk}/episodes", admission(other_room))
    assert response.status_code == 400


def test_the_stage_moves_and_a_wrong_move_is_400(director, resident):
    episode = resident.episodes.get()
    tick_all(director, episode)
    wrong = post(director, f"/{resident.pk}/stage", {"to_stage": "reintegration", "changed_on": "2026-02-01"})
    assert (wrong.status_code, wrong.json()["field"]) == (400, "to_stage")
    moved = post(
        director,
        f"/{resident.pk}/stage",
        {"to_stage": "detox", "changed_on": "2026-02-01", "version": episode.version + 8},
    )
    assert moved.status_code == 409
    moved = post(director, f"/{resident.pk}/stage", {"to_stage": "detox", "changed_on": "2026-02-01"})
    assert (moved.status_code, moved.json()["stage"]) == (200, "detox")


def test_legal_events_are_recorded_and_refused_with_their_reason(director, resident):
    left = post(
        director,
        f"/{resident.pk}/events",
        {"kind": "abscondence", "occurred_on": "2026-03-01", "decision_number": "4/QĐ", "decision_on": "2026-03-01"},
    )
    assert left.status_code == 201
    assert left.json()["episode"]["status"] == "absconded"
    leave = post(
        director,
        f"/{resident.pk}/events",
        {
            "kind": "leave",
            "occurred_on": "2026-03-02",
            "leave_reason": "funeral_parent",
            "days": 2,
            "travel_days": 0,
            "decision_number": "5",
            "decision_on": "2026-03-02",
        },
    )
    assert (leave.status_code, leave.json()["code"]) == (400, "status_not_allowed")
    back = post(director, f"/{resident.pk}/events", {"kind": "return", "occurred_on": "2026-03-11"})
    assert back.status_code == 201
    assert back.json()["episode"]["expected_release_on"] == "2028-01-15"
    reduction = post(
        director,
        f"/{resident.pk}/events",
        {"kind": "term_reduction", "decision_number": "9", "decision_on": "2026-04-01", "months": 2},
    )
    assert (reduction.status_code, reduction.json()["code"]) == (400, "half_term_not_served")
    missing = post(director, f"/{resident.pk}/events", {"kind": "leave", "occurred_on": "2026-04-01"})
    assert missing.status_code == 400


def test_a_completion_returns_the_certificate_number(director, facility, men_room, today):
    person = register(director, facility, "Hoàng Văn Long")
    episode = admit(director, person, men_room, admitted_on=date(2024, 3, 1), term_months=12)
    tick_all(director, episode)
    for stage, on in zip(
        STAGE_ORDER[1:], [date(2024, 4, 1), date(2024, 6, 1), date(2024, 9, 1), date(2025, 1, 1)], strict=True
    ):
        episode = services.move_stage(actor=director, episode=episode, to_stage=stage, changed_on=on)
    early = post(director, f"/{person.pk}/events", {"kind": "completion", "occurred_on": "2025-02-01"})
    assert (early.status_code, early.json()["code"]) == (400, "term_not_served")
    done = post(director, f"/{person.pk}/events", {"kind": "completion", "occurred_on": "2025-03-01"})
    assert (done.status_code, done.json()["certificate_number"]) == (201, "1/2025/GCN")


def test_a_transfer_moves_the_resident_and_a_third_facility_sees_nothing(
    director, director_of_other_facility, director_of_third_facility, other_facility, resident
):
    response = post(
        director,
        f"/{resident.pk}/events",
        {
            "kind": "transfer",
            "occurred_on": "2026-03-01",
            "to_facility_id": other_facility.pk,
            "decision_number": "1",
            "decision_on": "2026-03-01",
        },
    )
    assert response.status_code == 201
    assert client_for(director_of_other_facility).get(f"{BASE}/{resident.pk}").json()["current_episode"] is not None
    assert client_for(director).get(f"{BASE}/{resident.pk}").json()["current_episode"] is None
    assert client_for(director_of_third_facility).get(f"{BASE}/{resident.pk}").status_code == 404


def test_writes_are_403_for_a_reader_and_404_for_another_facility(
    counsellor, director_of_other_facility, resident, men_room
):
    for path, body in [
        (f"/{resident.pk}/episodes", admission(men_room)),
        (f"/{resident.pk}/stage", {"to_stage": "detox", "changed_on": "2026-02-01"}),
        (f"/{resident.pk}/events", {"kind": "death", "occurred_on": "2026-03-01"}),
    ]:
        assert post(counsellor, path, body).status_code == 403
        assert post(director_of_other_facility, path, body).status_code == 404
    assert not LegalEvent.objects.exists()


@pytest.mark.parametrize(
    "query",
    [{"page": "0"}, {"page": "10000000000000000000"}, {"page_size": "100000"}, {"zone_id": "abc"}, {"q": "x" * 500}],
)
def test_odd_list_parameters_are_4xx_never_500(director, resident, query):
    assert 400 <= client_for(director).get(BASE, query).status_code < 500


def test_odd_event_input_is_4xx_never_500(director, resident):
    for body in [
        {"kind": "sabbatical"},
        {"kind": "leave", "occurred_on": "2026-13-01"},
        {"kind": "leave", "days": 10**12},
        {"kind": "transfer", "occurred_on": "2026-03-01", "to_facility_id": 10**15},
        {"kind": "term_reduction", "decision_on": "2026-03-01"},
    ]:
        response = post(director, f"/{resident.pk}/events", body)
        assert 400 <= response.status_code < 500, (body, response.status_code)


def test_ids_out_of_any_range_are_4xx_never_500(director, resident, men_room):
    huge = 10**20
    assert client_for(director).get(f"{BASE}/{huge}").status_code == 404
    assert client_for(director).get(BASE, {"zone_id": huge}).status_code == 422
    person = register(director, resident.facility, "Lê Văn Nam")
    response = post(director, f"/{person.pk}/episodes", admission(men_room, zone_id=huge, room_id=huge))
    assert 400 <= response.status_code < 500
