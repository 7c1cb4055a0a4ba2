"""The residents list with live search, and the lists of releases due, overdue and absconded."""

import html
import io
import re
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.residents import services
from hoanhap.residents.io import exports
from hoanhap.residents.selectors import search
from hoanhap.testing import client_for, make_episode, make_resident, streamed

from .builders import admit, register

pytestmark = pytest.mark.django_db
LISTS = ["residents:list", "residents:releases-due", "residents:overdue", "residents:absconded"]


@pytest.fixture
def many(director, facility, men_room, today):
    """Twelve residents in rehab (released 01/12/2026 or later), two absconded."""
    episodes = []
    for n in range(12):
        person = register(director, facility, f"Nguyễn Văn Hùng {n:02d}")
        episodes.append(admit(director, person, men_room, admitted_on=date(2025, 12, 1), term_months=12))
    for episode in episodes[:2]:
        services.record_abscondence(
            actor=director,
            episode=episode,
            occurred_on=date(2026, 3, 1),
            decision_number="1",
            decision_on=date(2026, 3, 1),
        )
    return episodes


def test_the_list_finds_a_name_typed_without_diacritics(director, facility, many):
    register(director, facility, "Đặng Thị Hường", sex="female")
    response = client_for(director).get(reverse("residents:list"), {"q": "dang thi huong"})
    assert response.status_code == 200
    assert [r.full_name for r in response.context["page"]] == ["Đặng Thị Hường"]
    assert reverse("residents:register") in response.content.decode()


def test_live_search_gets_only_the_results_partial(director, many):
    response = client_for(director).get(reverse("residents:list"), {"q": "hung"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "Nguyễn Văn Hùng 00" in body


def test_filters_that_are_not_choices_are_ignored_not_an_error(director, many):
    response = client_for(director).get(
        reverse("residents:list"),
        {"stage": "nowhere", "zone": "abc", "room": "99999", "page": "x", "status": "absconded"},
    )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2


def test_the_list_is_paginated(director, many):
    response = client_for(director).get(reverse("residents:list"), {"page": 2})
    assert response.context["page"].number == 1  # 12 residents fit on one page
    assert response.context["page"].paginator.count == 12


@pytest.mark.parametrize("name", LISTS)
def test_each_list_reads_in_a_bounded_number_of_queries(director, many, name, django_assert_max_num_queries):
    client = client_for(director)
    client.get(reverse(name))  # warm the session
    with django_assert_max_num_queries(14):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_releases_due_list_shows_who_leaves_within_30_days(director, many):
    response = client_for(director).get(reverse("residents:releases-due"))
    # Released 01/12/2026; the two who absconded have no date while the clock stands still.
    assert response.context["page"].paginator.count == 10


def test_the_absconded_list_shows_who_left(director, many):
    response = client_for(director).get(reverse("residents:absconded"))
    assert response.context["page"].paginator.count == 2
    assert "01/03/2026" in response.content.decode()


def test_the_overdue_list_shows_who_is_longer_in_a_stage_than_planned(director, many):
    response = client_for(director).get(reverse("residents:overdue"))
    assert response.context["page"].paginator.count == 10


@pytest.mark.parametrize("name", LISTS)
def test_a_role_without_residents_gets_403(auditor, name):
    assert client_for(auditor).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", LISTS)
def test_another_facility_sees_none_of_these_residents(director_of_other_facility, many, name):
    response = client_for(director_of_other_facility).get(reverse(name))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


@pytest.mark.parametrize("name", LISTS)
def test_an_anonymous_visitor_is_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302


def test_the_list_shows_each_resident_s_open_episode_and_who_is_not_in_rehab(director, facility, many):
    register(director, facility, "Lò Văn Ngoài")
    client, htmx = client_for(director), {"HX-Request": "true"}
    body = client.get(reverse("residents:list"), {"q": "hung 00"}, headers=htmx).content.decode()
    assert "Khu A – A1" in body and "Absconded" in body and "1. Reception and classification" in body
    body = client.get(reverse("residents:list"), {"q": "lo van ngoai"}, headers=htmx).content.decode()
    assert "Not in rehab" in body and "Khu A" not in body


def test_a_list_of_many_pages_shows_where_it_is_and_offers_the_next(director, facility, many):
    for n in range(12, 30):
        register(director, facility, f"Nguyễn Văn Hùng {n:02d}")
    client = client_for(director)
    first = client.get(reverse("residents:list"), {"q": "nguyen van hung"})
    # The page comes first; its count a moment later, in a second small request.
    body = first.content.decode()
    assert first.context["page"].is_count_pending and "Residents 1 to 25; more on the next pages." in body
    assert 'hx-get="/residents/?q=nguyen+van+hung&amp;count=1"' in body
    counted = client.get(
        reverse("residents:list"), {"q": "nguyen van hung", "count": "1"}, headers={"HX-Request": "true"}
    )
    assert counted.content.decode().strip() == "30 residents; 1 to 25 shown."
    second = client_for(director).get(reverse("residents:list"), {"q": "nguyen van hung", "page": "2"})
    assert second.context["page"].paginator.count == 30 and "30 residents" in second.content.decode()


def test_a_list_past_the_bound_says_more_than_it_match(director, facility, many, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 10)
    response = client_for(director).get(reverse("residents:list"))
    assert "More than 10 residents; 1 to 12 shown." in response.content.decode()


def _export_link(body: str) -> str:
    match = re.search(r'href="([^"]*)"[^>]*data-testid="export-xlsx"', body)
    assert match, "the results carry no export link"
    return html.unescape(match.group(1))


def test_the_live_results_carry_an_export_link_for_exactly_the_residents_shown(director, facility, many):
    register(director, facility, "Đặng Thị Hường", sex="female")
    client = client_for(director)
    results = client.get(reverse("residents:list"), {"q": "huong"}, headers={"HX-Request": "true"})
    shown = [resident.full_name for resident in results.context["page"]]

    exported = client.get(_export_link(results.content.decode()))

    workbook = openpyxl.load_workbook(io.BytesIO(streamed(exported))).active
    names = [row[1] for row in workbook.iter_rows(min_row=2, values_only=True)]
    assert shown == names == ["Đặng Thị Hường"]
    assert AuditEntry.objects.get(event=exports.AUDIT_EVENT).additional_data["filters"] == {"q": "huong"}


@pytest.fixture
def alphabet(facility):  # type: ignore[no-untyped-def]
    """Names whose order the Vietnamese alphabet decides (given name first)."""
    people = {
        "Hoàng Văn Đức": ("HV-2026-0003", date(2026, 2, 1)),
        "Lê Thị Dung": ("HV-2026-0001", date(2026, 3, 1)),
        "Phạm Văn Cầm": ("HV-2026-0004", None),
        "Trần Văn Cao": ("HV-2026-0002", date(2026, 1, 1)),
    }
    for name, (number, admitted_on) in people.items():
        resident = make_resident(facility, name, record_number=number)
        if admitted_on:
            make_episode(resident, admitted_on=admitted_on, expected_release_on=admitted_on.replace(year=2027))
    return people


def names_in(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [resident.full_name for resident in response.context["page"]]


def test_the_list_is_in_vietnamese_alphabetical_order_of_given_names(director, alphabet):
    response = client_for(director).get(reverse("residents:list"))
    assert names_in(response) == ["Trần Văn Cao", "Phạm Văn Cầm", "Lê Thị Dung", "Hoàng Văn Đức"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-name", ["Hoàng Văn Đức", "Lê Thị Dung", "Phạm Văn Cầm", "Trần Văn Cao"]),
        ("record", ["Lê Thị Dung", "Trần Văn Cao", "Hoàng Văn Đức", "Phạm Văn Cầm"]),
        ("-record", ["Phạm Văn Cầm", "Hoàng Văn Đức", "Trần Văn Cao", "Lê Thị Dung"]),
        ("admitted", ["Trần Văn Cao", "Hoàng Văn Đức", "Lê Thị Dung", "Phạm Văn Cầm"]),
        ("-admitted", ["Lê Thị Dung", "Hoàng Văn Đức", "Trần Văn Cao", "Phạm Văn Cầm"]),
        ("released", ["Trần Văn Cao", "Hoàng Văn Đức", "Lê Thị Dung", "Phạm Văn Cầm"]),
    ],
)
def test_the_list_sorts_by_a_column_and_says_so_to_screen_readers(director, alphabet, sort, expected):
    response = client_for(director).get(reverse("residents:list"), {"sort": sort})
    assert names_in(response) == expected
    direction = "descending" if sort.startswith("-") else "ascending"
    assert f'aria-sort="{direction}"' in response.content.decode()


def test_a_sort_with_a_search_keeps_the_search(director, alphabet):
    response = client_for(director).get(reverse("residents:list"), {"q": "van", "sort": "-name"})
    assert names_in(response) == ["Hoàng Văn Đức", "Phạm Văn Cầm", "Trần Văn Cao"]


def test_an_unknown_sort_is_ignored(director, alphabet):
    response = client_for(director).get(reverse("residents:list"), {"sort": "citizen_id"})
    assert response.status_code == 200
    assert names_in(response) == ["Trần Văn Cao", "Phạm Văn Cầm", "Lê Thị Dung", "Hoàng Văn Đức"]


def test_the_export_follows_the_list_s_order(director, alphabet):
    exported = client_for(director).get(reverse("residents:export"), {"sort": "-record"})
    workbook = openpyxl.load_workbook(io.BytesIO(streamed(exported))).active
    assert [row[0] for row in workbook.iter_rows(min_row=2, values_only=True)] == [
        "HV-2026-0004",
        "HV-2026-0003",
        "HV-2026-0002",
        "HV-2026-0001",
    ]


def test_a_printed_list_is_headed_with_the_centre_the_title_the_date_the_filters_and_the_count(
    director, facility, alphabet, today
):
    response = client_for(director).get(reverse("residents:list"), {"q": "van", "stage": "reception"})
    body = response.content.decode()
    header = body[body.index('<header class="d-none d-print-block') :]
    header = header[: header.index("</header>")]
    assert facility.name in header and "Residents" in header and "10/11/2026" in header
    assert "van" in header and "1. Reception and classification" in header
    assert "2 residents" in header
    assert 'class="mb-3 d-print-none" role="search"' in body  # the search form is not printed


def test_a_printed_episode_list_is_headed_with_the_centre_and_the_date(director, facility, many, today):
    body = client_for(director).get(reverse("residents:absconded")).content.decode()
    header = body[body.index('<header class="d-none d-print-block') :]
    assert facility.name in header[: header.index("</header>")] and "10/11/2026" in header


def test_the_list_leads_to_my_work_the_room_board_and_for_a_manager_the_grading_sheet(director, team_leader):
    for_manager = client_for(director).get(reverse("residents:list")).content.decode()
    for url in ("residents:my-work", "residents:room-board", "residents:grading-sheet"):
        assert f'href="{reverse(url)}"' in for_manager
    for_reader = client_for(team_leader).get(reverse("residents:list")).content.decode()
    assert f'href="{reverse("residents:grading-sheet")}"' not in for_reader
    assert f'href="{reverse("residents:room-board")}"' in for_reader


def test_the_facility_column_is_shown_only_to_who_reads_several_facilities(director, province_viewer, many):
    header = '<th scope="col">Facility</th>'
    assert header not in client_for(director).get(reverse("residents:list")).content.decode()
    assert header in client_for(province_viewer).get(reverse("residents:list")).content.decode()
