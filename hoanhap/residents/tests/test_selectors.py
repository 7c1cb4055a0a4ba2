"""Scoped reads: search, facility isolation across a transfer, the lists, the resident page."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hoanhap.accounts.roles import Capability
from hoanhap.residents import selectors, services
from hoanhap.residents.selectors import ResidentFilters
from hoanhap.residents.terms import Stage

from .builders import admit, make_room, make_zone, register, tick_all

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(resident.full_name for resident in queryset)


def search(user, query="", **filters):
    return names(selectors.search_residents(user, ResidentFilters(query=query, **filters)))


@pytest.fixture
def people(director, facility, men_room, today):
    hung = register(director, facility, "Nguyễn Văn Hùng")
    duc = register(director, facility, "Đỗ Văn Đức", other_names="Đức Béo")
    lan = register(director, facility, "Trần Thị Lan", sex="female")
    admit(director, hung, men_room)
    return {"hung": hung, "duc": duc, "lan": lan}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("nguyen van hung", ["Nguyễn Văn Hùng"]),
        ("NGUYỄN văn HÙNG", ["Nguyễn Văn Hùng"]),
        ("hung nguyen", ["Nguyễn Văn Hùng"]),
        ("van", ["Nguyễn Văn Hùng", "Đỗ Văn Đức"]),
        ("duc", ["Đỗ Văn Đức"]),
        ("do van duc", ["Đỗ Văn Đức"]),
        ("đức béo", ["Đỗ Văn Đức"]),
        ("thi lan", ["Trần Thị Lan"]),
        ("", ["Nguyễn Văn Hùng", "Trần Thị Lan", "Đỗ Văn Đức"]),
        ("nobody", []),
    ],
)
def test_names_are_found_with_or_without_diacritics_and_d_for_đ(director, people, query, found):
    assert search(director, query) == sorted(found)


def test_a_record_number_is_found(director, people):
    assert search(director, people["lan"].record_number.lower()) == ["Trần Thị Lan"]


def test_an_id_number_is_found_only_by_who_may_see_id_numbers(director, counsellor, people):
    citizen_id = people["duc"].citizen_id
    assert search(director, citizen_id) == ["Đỗ Văn Đức"]
    assert search(counsellor, citizen_id) == []


def test_filters_apply_to_the_open_episode(director, facility, people, men_room):
    other_room = make_room(men_room.zone, "A9")
    admit(director, people["duc"], other_room, compulsory=False, term_months=6)
    assert search(director, stage=Stage.RECEPTION) == ["Nguyễn Văn Hùng", "Đỗ Văn Đức"]
    assert search(director, kind="voluntary") == ["Đỗ Văn Đức"]
    assert search(director, room_id=other_room.pk) == ["Đỗ Văn Đức"]
    assert search(director, zone_id=men_room.zone_id) == ["Nguyễn Văn Hùng", "Đỗ Văn Đức"]
    assert search(director, status=selectors.NOT_IN_REHAB) == ["Trần Thị Lan"]
    assert search(director, stage=Stage.DETOX) == []
    services.record_abscondence(
        actor=director,
        episode=people["duc"].episodes.get(),
        occurred_on=date(2026, 2, 1),
        decision_number="1",
        decision_on=date(2026, 2, 1),
    )
    assert search(director, status="absconded") == ["Đỗ Văn Đức"]


def test_another_facility_s_residents_are_never_found(director_of_other_facility, people):
    assert search(director_of_other_facility) == []
    assert search(director_of_other_facility, people["hung"].citizen_id) == []


# --- Transfer: the receiving facility sees, the sending keeps its history, a third sees nothing ------


@pytest.fixture
def transferred(director, director_of_other_facility, other_facility, men_room, today):
    resident = register(director, men_room.facility, "Nguyễn Văn Hùng")
    episode = admit(director, resident, men_room)
    tick_all(director, episode)
    services.move_stage(actor=director, episode=episode, to_stage=Stage.DETOX, changed_on=date(2026, 2, 1))
    continued = services.record_transfer(
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        to_facility=other_facility,
        decision_number="3/QĐ-CA",
        decision_on=date(2026, 2, 25),
    )
    services.record_abscondence(
        actor=director_of_other_facility,
        episode=continued,
        occurred_on=date(2026, 4, 1),
        decision_number="9/QĐ",
        decision_on=date(2026, 4, 1),
    )
    resident.refresh_from_db()
    return {"resident": resident, "sent": episode, "received": continued}


def test_the_receiving_facility_sees_the_resident_from_the_transfer(director_of_other_facility, transferred):
    receiver = director_of_other_facility
    assert search(receiver) == ["Nguyễn Văn Hùng"]
    page = selectors.resident_page(receiver, transferred["resident"])
    assert [e.pk for e in page.episodes] == [transferred["received"].pk]
    assert page.current == transferred["received"]
    assert page.can_manage and not page.is_history_only
    assert {e.kind for e in page.timeline} == {"residents.transfer_in", "residents.abscondence"}


def test_the_sending_facility_keeps_reading_its_own_history_only(director, transferred):
    assert search(director) == ["Nguyễn Văn Hùng"]
    page = selectors.resident_page(director, transferred["resident"])
    assert [e.pk for e in page.episodes] == [transferred["sent"].pk]
    assert page.current is None
    assert page.is_history_only and not page.can_manage
    assert Capability.MANAGE_RESIDENTS not in page.capabilities
    kinds = {e.kind for e in page.timeline}
    assert "residents.transfer_out" in kinds
    assert "residents.abscondence" not in kinds and "residents.transfer_in" not in kinds
    # Its own capabilities still decide the sensitive fields it sees in its history.
    assert "citizen_id" in page.sensitive


def test_a_third_facility_sees_nothing(director_of_third_facility, transferred):
    assert search(director_of_third_facility) == []
    with pytest.raises(Exception) as missing:
        selectors.resident_for(director_of_third_facility, transferred["resident"].pk)
    assert missing.typename == "Http404"


# --- Lists ---------------------------------------------------------------------------------------


@pytest.fixture
def ward(director, facility, men_room, today):
    """Three episodes released on 01/12/2026, 11/12/2026 and 10/01/2027 (today is 10/11/2026)."""
    episodes = {}
    for name, admitted in [("Due", date(2025, 12, 1)), ("Later", date(2025, 12, 11)), ("Far", date(2026, 1, 10))]:
        person = register(director, facility, name)
        episodes[name] = admit(director, person, men_room, admitted_on=admitted, term_months=12)
    return episodes


def test_releases_due_are_the_next_30_days(director, director_of_other_facility, ward, today):
    due = selectors.releases_due(director, today=today.value)
    assert [e.resident.full_name for e in due] == ["Due"]
    assert not selectors.releases_due(director_of_other_facility, today=today.value).exists()
    assert [e.resident.full_name for e in selectors.releases_due(director, today=today.value, days=31)] == [
        "Due",
        "Later",
    ]


def test_overdue_in_stage_lists_who_stayed_longer_than_planned(director, ward, today):
    # Reception is planned at 5 % of the term (18 days of a year): every one of them is overdue.
    overdue = selectors.overdue_in_stage(director, today=today.value)
    assert [e.resident.full_name for e in overdue] == ["Due", "Later", "Far"]
    tick_all(director, ward["Far"])
    services.move_stage(actor=director, episode=ward["Far"], to_stage=Stage.DETOX, changed_on=today.value)
    assert [e.resident.full_name for e in selectors.overdue_in_stage(director, today=today.value)] == ["Due", "Later"]


def test_absconded_residents_show_when_they_left(director, ward, today):
    services.record_abscondence(
        actor=director,
        episode=ward["Far"],
        occurred_on=date(2026, 10, 1),
        decision_number="5/QĐ",
        decision_on=date(2026, 10, 2),
    )
    absconded: list[Any] = list(selectors.absconded(director))
    assert [(e.resident.full_name, e.absconded_on, e.search_decision_number) for e in absconded] == [
        ("Far", date(2026, 10, 1), "5/QĐ")
    ]
    assert "Far" not in [e.resident.full_name for e in selectors.overdue_in_stage(director, today=today.value)]


# --- The resident page ---------------------------------------------------------------------------


def page_queries(user, resident) -> int:
    """The page's reads, and reading what it shows: the current episode's detail, one line per
    past episode (their detail is loaded when opened, `episode_detail`)."""
    with CaptureQueriesContext(connection) as queries:
        page = selectors.resident_page(user, resident)
        current = page.current
        assert current is not None
        list(current.checklist.all()), list(current.legal_events.all()), list(current.stage_changes.all())
        list(current.conduct_grades.all())
        for episode in page.past_episodes:
            str(episode.facility), getattr(episode, "certificate", None), getattr(episode, "aftercare", None)
    return len(queries)


def test_the_resident_page_reads_in_a_constant_number_of_queries(director, facility, men_room, today):
    small = register(director, facility, "Một")
    admit(director, small, men_room)
    big = register(director, facility, "Hai")
    first = admit(director, big, men_room, admitted_on=date(2024, 3, 1), term_months=12)
    services.record_exemption(
        actor=director, episode=first, occurred_on=date(2024, 4, 1), decision_number="1", decision_on=date(2024, 4, 1)
    )
    episode = admit(director, big, men_room, admitted_on=date(2026, 1, 5))
    tick_all(director, episode)
    episode = services.move_stage(actor=director, episode=episode, to_stage=Stage.DETOX, changed_on=date(2026, 2, 1))
    for month in (2, 3, 4):
        services.record_conduct_grade(actor=director, episode=episode, month=date(2026, month, 1), grade="good")
    for start in (date(2026, 5, 1), date(2026, 6, 1)):
        services.record_abscondence(
            actor=director, episode=episode, occurred_on=start, decision_number="x", decision_on=start
        )
        services.record_return(actor=director, episode=episode, occurred_on=start.replace(day=5))
    assert page_queries(director, big) == page_queries(director, small)


def test_possible_duplicates_match_the_folded_name_and_birth_date(director, facility, people):
    found = selectors.possible_duplicates(
        director, citizen_id="", full_name="nguyen van hung", date_of_birth=people["hung"].date_of_birth
    )
    assert found == [people["hung"]]
    assert not selectors.possible_duplicates(
        director, citizen_id="", full_name="nguyen van hung", date_of_birth=date(2000, 1, 1)
    )


def test_zones_and_rooms_count_who_lives_there(director, facility, people, men_room):
    make_zone(facility, name="Khu trống")
    zones: dict[str, Any] = {zone.name: zone for zone in selectors.zones_and_rooms(facility.pk)}
    assert [room.occupants for room in zones["Khu A"].rooms.all()] == [1]
    assert list(zones["Khu trống"].rooms.all()) == []
