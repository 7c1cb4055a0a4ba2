"""The room and bed board: each zone's rooms, who is in them and the free beds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hoanhap.testing import client_for

from .builders import admit, make_room, register

pytestmark = pytest.mark.django_db
BOARD = reverse("residents:room-board")


@pytest.fixture
def placed(director, facility, men_room, women_room, today):
    """Two men in A1 (20 beds), one woman in N1 (10 beds)."""
    return [
        admit(director, register(director, facility, "Nguyễn Văn Hùng"), men_room),
        admit(director, register(director, facility, "Trần Văn Nam"), men_room),
        admit(director, register(director, facility, "Đặng Thị Hường", sex="female"), women_room),
    ]


def _rooms(response):  # type: ignore[no-untyped-def]
    return {entry.room.name: entry for zone in response.context["board"] for entry in zone.rooms}


def test_the_board_shows_who_is_in_each_room_and_the_free_beds(counsellor, placed):
    response = client_for(counsellor).get(BOARD)
    assert response.status_code == 200
    rooms = _rooms(response)
    assert [e.resident.full_name for e in rooms["A1"].occupants] == ["Nguyễn Văn Hùng", "Trần Văn Nam"]
    assert rooms["A1"].free_beds == 18 and rooms["N1"].free_beds == 9
    assert placed[0].resident.record_number in response.content.decode()


def test_the_women_zone_is_marked_apart_and_the_general_one_is_not(counsellor, placed):
    zones = {item.zone.name: item for item in client_for(counsellor).get(BOARD).context["board"]}
    assert zones["Khu nữ"].is_apart and not zones["Khu A"].is_apart


def test_one_zone_can_be_shown_alone(counsellor, placed, women_room):
    response = client_for(counsellor).get(BOARD, {"zone": women_room.zone_id})
    assert [item.zone.name for item in response.context["board"]] == ["Khu nữ"]


def test_another_facility_s_zone_shows_the_whole_board_of_one_s_own(counsellor, placed, other_room):
    response = client_for(counsellor).get(BOARD, {"zone": other_room.zone_id})
    assert "B1" not in _rooms(response) and "A1" in _rooms(response)


def test_another_facility_sees_none_of_these_rooms(director_of_other_facility, placed, other_room):
    response = client_for(director_of_other_facility).get(BOARD)
    assert set(_rooms(response)) == {"B1"}


def test_a_role_without_residents_gets_403(auditor, placed):
    assert client_for(auditor).get(BOARD).status_code == 403


def test_the_board_reads_in_the_same_number_of_queries_however_many_rooms(
    director, counsellor, facility, men_room, placed, django_assert_num_queries
):
    client = client_for(counsellor)
    client.get(BOARD)
    with CaptureQueriesContext(connection) as before:
        client.get(BOARD)
    for n in range(10):
        room = make_room(men_room.zone, f"A{n + 2}")
        admit(director, register(director, facility, f"Lò Văn {n}"), room)
    with django_assert_num_queries(len(before.captured_queries)):
        response = client.get(BOARD)
    assert len(_rooms(response)) == 12
