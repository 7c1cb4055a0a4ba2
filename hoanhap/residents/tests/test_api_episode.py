"""What the episode's pages do, through the API: the room, the reception checklist, the monthly
grade, aftercare, the completion certificates; the same services, so the same rules."""

from datetime import date

import pytest

from hoanhap.residents import services
from hoanhap.residents.models import AftercareNote, ConductGrade
from hoanhap.residents.terms import STAGE_ORDER
from hoanhap.testing import client_for

from .builders import admit, make_room, register, tick_all
from .test_api import BASE, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(director, facility, men_room, today):
    resident = register(director, facility, "Đỗ Văn Đức")
    admit(director, resident, men_room)
    return resident


@pytest.fixture
def completed(director, facility, men_room, today):
    """Voluntary rehab completed on 06/07/2025: aftercare open until 06/07/2026, certificate 1/2025/GCN."""
    person = register(director, facility, "Hoàng Văn Long", current_province="Lào Cai", current_commune="Xã Bản Lầu")
    episode = admit(director, person, men_room, compulsory=False, admitted_on=date(2025, 1, 6), term_months=6)
    tick_all(director, episode)
    for stage, on in zip(STAGE_ORDER[1:3], [date(2025, 2, 1), date(2025, 3, 1)], strict=True):
        episode = services.move_stage(actor=director, episode=episode, to_stage=stage, changed_on=on)
    services.complete_episode(actor=director, episode=episode, occurred_on=date(2025, 7, 6))
    return person


# --- Room ------------------------------------------------------------------------------------------


def test_the_resident_moves_to_another_room(director, resident, men_room):
    other = make_room(men_room.zone, "A2")
    response = post(
        director, f"/{resident.pk}/room", {"zone_id": men_room.zone_id, "room_id": other.pk, "on": "2026-03-01"}
    )
    assert (response.status_code, response.json()["room_id"]) == (200, other.pk)


def test_a_room_change_in_the_future_or_to_another_facility_is_refused(director, resident, men_room, other_room):
    future = post(
        director, f"/{resident.pk}/room", {"zone_id": men_room.zone_id, "room_id": men_room.pk, "on": "2027-01-01"}
    )
    assert (future.status_code, future.json()["field"]) == (400, "on")
    there = post(
        director, f"/{resident.pk}/room", {"zone_id": other_room.zone_id, "room_id": other_room.pk, "on": "2026-03-01"}
    )
    assert (there.status_code, there.json()["field"]) == (400, "zone_id")


# --- Reception checklist ----------------------------------------------------------------------------


def test_the_checklist_is_listed_and_an_item_ticked(director, resident):
    items = client_for(director).get(f"{BASE}/{resident.pk}/checklist").json()
    assert items and all(item["done_on"] is None for item in items)
    ticked = post(director, f"/{resident.pk}/checklist/{items[0]['id']}", {"done": True, "done_on": "2026-01-06"})
    assert (ticked.status_code, ticked.json()["done_on"]) == (200, "2026-01-06")
    undone = post(director, f"/{resident.pk}/checklist/{items[0]['id']}", {"done": False})
    assert undone.json()["done_on"] is None


def test_a_tick_before_admission_is_refused_beside_its_field(director, resident):
    item = resident.episodes.get().checklist.all()[0]
    response = post(director, f"/{resident.pk}/checklist/{item.pk}", {"done": True, "done_on": "2025-12-31"})
    assert (response.status_code, response.json()["field"]) == (400, "done_on")


def test_another_episode_s_checklist_item_is_404(director, facility, men_room, resident):
    other = register(director, facility, "Lê Văn Nam")
    item = admit(director, other, men_room).checklist.all()[0]
    assert post(director, f"/{resident.pk}/checklist/{item.pk}", {"done": True}).status_code == 404


# --- Conduct grade ----------------------------------------------------------------------------------


def test_a_month_is_graded_and_graded_again(director, resident):
    first = post(director, f"/{resident.pk}/grades", {"month": "2026-03-15", "grade": "good"})
    assert (first.status_code, first.json()["month"]) == (201, "2026-03-01")
    post(director, f"/{resident.pk}/grades", {"month": "2026-03-01", "grade": "excellent", "note": "Tiến bộ"})
    assert ConductGrade.objects.get().grade == "excellent"


def test_a_month_before_admission_or_an_unknown_grade_is_refused(director, resident):
    early = post(director, f"/{resident.pk}/grades", {"month": "2025-11-01", "grade": "good"})
    assert (early.status_code, early.json()["field"]) == (400, "month")
    assert post(director, f"/{resident.pk}/grades", {"month": "2026-03-01", "grade": "superb"}).status_code == 422
    assert not ConductGrade.objects.exists()


# --- Aftercare --------------------------------------------------------------------------------------


def test_an_aftercare_note_is_added_and_the_aftercare_closed(director, completed):
    note = post(director, f"/{completed.pk}/aftercare/notes", {"noted_on": "2026-03-01", "text": "Đang đi làm."})
    assert note.status_code == 201
    assert AftercareNote.objects.get().text == "Đang đi làm."
    closed = post(director, f"/{completed.pk}/aftercare/close", {"closed_on": "2026-07-10"})
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")
    again = post(director, f"/{completed.pk}/aftercare/notes", {"noted_on": "2026-10-02", "text": "x"})
    assert again.status_code == 404


def test_a_resident_without_aftercare_gets_404(director, resident):
    assert post(director, f"/{resident.pk}/aftercare/close", {"closed_on": "2026-10-01"}).status_code == 404


# --- Completion certificates ------------------------------------------------------------------------


def test_the_certificates_are_listed_and_downloaded(director, completed):
    [certificate] = client_for(director).get(f"{BASE}/{completed.pk}/certificates").json()
    assert certificate["number"] == "1/2025/GCN"
    pdf = client_for(director).get(f"{BASE}/{completed.pk}/certificates/{certificate['id']}/pdf")
    assert (pdf.status_code, pdf["Content-Type"], pdf["Cache-Control"]) == (200, "application/pdf", "no-store")
    assert pdf.content.startswith(b"%PDF")
    docx = client_for(director).get(f"{BASE}/{completed.pk}/certificates/{certificate['id']}/docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_a_certificate_is_for_who_manages_residents_in_the_facility(counsellor, director_of_other_facility, completed):
    certificate = completed.episodes.get().certificate
    path = f"{BASE}/{completed.pk}/certificates/{certificate.pk}/pdf"
    assert client_for(counsellor).get(path).status_code == 403
    assert client_for(director_of_other_facility).get(path).status_code == 404
    assert client_for(director_of_other_facility).get(f"{BASE}/{completed.pk}/certificates").status_code == 404


# --- Access -----------------------------------------------------------------------------------------


def test_every_write_is_403_for_a_reader_and_404_for_another_facility(
    counsellor, director_of_other_facility, resident, men_room
):
    item = resident.episodes.get().checklist.all()[0]
    for path, body in [
        (f"/{resident.pk}/room", {"zone_id": men_room.zone_id, "room_id": men_room.pk, "on": "2026-03-01"}),
        (f"/{resident.pk}/checklist/{item.pk}", {"done": True}),
        (f"/{resident.pk}/grades", {"month": "2026-03-01", "grade": "good"}),
        (f"/{resident.pk}/aftercare/notes", {"noted_on": "2026-09-01", "text": "x"}),
        (f"/{resident.pk}/aftercare/close", {"closed_on": "2026-10-01"}),
    ]:
        assert post(counsellor, path, body).status_code == 403, path
        assert post(director_of_other_facility, path, body).status_code == 404, path
    assert not ConductGrade.objects.exists()
