"""Resident search (selectors/search.py): what a query finds and in which order, the exact lookups,
the pages without a count, and the same answers from the list's page and from the queryset the
API and the export read. Every test runs on SQLite and on PostgreSQL alike."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hoanhap.accounts.roles import Role
from hoanhap.residents import selectors, services
from hoanhap.residents.models import Episode, Resident
from hoanhap.residents.selectors import ResidentFilters, search
from hoanhap.residents.selectors.search import QueryKind, parse_query
from hoanhap.residents.terms import Stage
from hoanhap.testing import make_episode, make_resident, make_user

from .builders import admit, register

pytestmark = pytest.mark.django_db


def page(user, query="", *, number=1, **filters):
    return selectors.search_page(user, ResidentFilters(query=query, **filters), number=number)


def found(user, query="", **filters):
    """The names on the first page, in the page's order."""
    return [resident.full_name for resident in page(user, query, **filters)]


def every(user, query="", **filters):
    """The names the API and the export read, in their order."""
    return [
        resident.full_name for resident in selectors.search_residents(user, ResidentFilters(query=query, **filters))
    ]


@pytest.fixture
def names(facility):
    for full_name, other_names in [
        ("Nguyễn Văn Hùng", ""),
        ("Nguyễn Văn An", ""),
        ("Bùi Văn Nguyên", ""),
        ("Phùng Văn Nam", ""),
        ("Giàng A Chính", ""),
        ("Giàng Seo Chính", ""),
        ("Trần Thị Lan", "Lan Còi"),
    ]:
        make_resident(facility, full_name, other_names=other_names)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Every word typed begins a word of the name, in any order, diacritics aside.
        ("ng van hu", ["Nguyễn Văn Hùng"]),
        ("hung nguyen", ["Nguyễn Văn Hùng"]),
        ("HÙNG", ["Nguyễn Văn Hùng"]),
        # A word is not found inside another: "hung" is no Phùng, "ung" no Hùng.
        ("hung", ["Nguyễn Văn Hùng"]),
        ("ung", []),
        # Short words count as words: one letter, two letters.
        ("giang a chinh", ["Giàng A Chính"]),
        ("gi se", ["Giàng Seo Chính"]),
        ("a", ["Giàng A Chính", "Nguyễn Văn An"]),
        # Other names are searched too.
        ("coi", ["Trần Thị Lan"]),
    ],
)
def test_each_word_typed_begins_a_word_of_the_name(director, names, query, expected):
    assert sorted(found(director, query)) == sorted(expected)
    assert sorted(every(director, query)) == sorted(expected)


def test_names_beginning_with_the_query_come_first_then_the_others(director, names):
    # Bùi Văn Nguyên has both words too, but not at its start: after every Nguyễn Văn …
    assert found(director, "nguyen van") == ["Nguyễn Văn An", "Nguyễn Văn Hùng", "Bùi Văn Nguyên"]
    assert every(director, "nguyen van") == found(director, "nguyen van")


def test_with_no_query_everyone_is_listed_in_vietnamese_order_of_given_names(director, names):
    listed = found(director)
    assert listed == [
        "Nguyễn Văn An",
        "Giàng A Chính",
        "Giàng Seo Chính",
        "Nguyễn Văn Hùng",
        "Trần Thị Lan",
        "Phùng Văn Nam",
        "Bùi Văn Nguyên",
    ]
    assert listed == every(director)


def test_control_characters_in_a_query_match_nothing_and_break_nothing(director, names):
    assert found(director, "hung\x00") == ["Nguyễn Văn Hùng"]
    assert parse_query("\x00\x1f") == parse_query("")


# --- Exact lookups -----------------------------------------------------------------------------------


@pytest.fixture
def numbered(facility, other_facility):
    make_resident(facility, "Lò Văn Một", record_number="HV-2025-0123")
    make_resident(facility, "Lò Văn Hai", record_number="HV-2025-0124")
    make_resident(facility, "Lò Văn Ba", record_number="LC-2025-0123")
    make_resident(facility, "Lò Văn Bốn", record_number="ĐN-2025-0001")
    make_resident(facility, "Lò Văn Năm", record_number="HV-2025-0200", other_names="Năm 2")
    make_resident(other_facility, "Lò Văn Sáu", record_number="HV-2025-0125")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("HV-2025-0123", ["Lò Văn Một"]),
        ("hv-2025-0123", ["Lò Văn Một"]),
        ("hv-2025-012", ["Lò Văn Một", "Lò Văn Hai"]),
        ("lc-2025", ["Lò Văn Ba"]),
        # No record number begins with it: searched like a name (the record number is a word of
        # the folded text, Đ as D), so is a nickname with a digit.
        ("dn-2025-0001", ["Lò Văn Bốn"]),
        ("2", ["Lò Văn Năm"]),
        ("9999", []),
    ],
)
def test_a_record_number_is_found_by_its_beginning_in_the_user_s_facilities(director, numbered, query, expected):
    assert parse_query(query).kind is QueryKind.RECORD_NUMBER
    assert found(director, query) == expected
    assert every(director, query) == expected


def test_a_citizen_id_number_is_matched_exactly_and_only_where_id_numbers_may_be_seen(director, counsellor, facility):
    make_resident(facility, "Hà Văn Đông", citizen_id="001090000123")
    make_resident(facility, "Hà Văn Tây", citizen_id="001090000124")
    assert parse_query(" 001090000123 ").kind is QueryKind.CITIZEN_ID
    assert found(director, " 001090000123 ") == ["Hà Văn Đông"]
    assert every(director, "001090000123") == ["Hà Văn Đông"]
    # A counsellor may not see ID numbers: no search by them either.
    assert found(counsellor, "001090000123") == []
    assert every(counsellor, "001090000123") == []
    # Part of a number finds nobody: the ID number is not in the searched text.
    assert found(director, "00109000012") == []


# --- Pages -----------------------------------------------------------------------------------------------


@pytest.fixture
def thirty(facility):
    for n in range(30):
        make_resident(facility, f"Nguyễn Văn Hùng {n:02d}")


def test_a_page_knows_there_is_a_next_one_and_counts_the_matches_up_to_a_bound(director, thirty):
    first = page(director, "nguyen van hung")
    assert len(first) == 25 and first.has_next and not first.has_previous
    assert first.paginator.count == 30  # counted, up to MAX_RESULTS
    assert (first.start_index(), first.end_index()) == (1, 25)
    second = page(director, "nguyen van hung", number=2)
    assert [r.full_name for r in second] == [f"Nguyễn Văn Hùng {n:02d}" for n in range(25, 30)]
    assert not second.has_next and second.paginator.count == 30


def test_a_page_past_the_end_is_the_last_page(director, thirty):
    assert page(director, "nguyen van hung", number=7).number == 2
    assert page(director, "nobody", number=3).number == 1


def test_past_the_bound_the_count_is_more_than_it_and_the_pages_go_on(director, thirty, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 20)
    first = page(director, "nguyen van hung")
    assert first.paginator.count is None and first.is_more_than_max and first.has_next
    second = page(director, "nguyen van hung", number=2)
    assert [r.full_name for r in second] == [f"Nguyễn Văn Hùng {n:02d}" for n in range(25, 30)]
    assert not second.has_next


def test_the_count_is_exact_up_to_the_bound(director, thirty, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 30)
    first = page(director, "nguyen van hung")
    assert first.paginator.count == 30 and not first.is_more_than_max


def test_the_next_group_starts_where_the_first_one_ends_on_a_later_page(director, facility, thirty):
    # 30 begin with "nguyen van hung"; three more have the words elsewhere.
    for name in ("Bùi Văn Hùng Nguyễn", "Cao Văn Hùng Nguyễn", "Đỗ Văn Hùng Nguyễn"):
        make_resident(facility, name)
    second = [r.full_name for r in page(director, "nguyen van hung", number=2)]
    assert second[5:] == ["Bùi Văn Hùng Nguyễn", "Cao Văn Hùng Nguyễn", "Đỗ Văn Hùng Nguyễn"]
    assert every(director, "nguyen van hung")[25:] == second


def test_the_list_s_filters_apply_to_a_name_search(director, facility, men_room, names):
    hung = selectors.search_residents(director, ResidentFilters(query="nguyen van hung")).get()
    admit(director, hung, men_room)
    assert found(director, "nguyen van", stage=Stage.RECEPTION) == ["Nguyễn Văn Hùng"]
    assert found(director, "nguyen van", status=selectors.NOT_IN_REHAB) == ["Nguyễn Văn An", "Bùi Văn Nguyên"]


# --- Scopes ---------------------------------------------------------------------------------------------------


def test_a_resident_transferred_away_is_still_found_by_the_facility_that_sent_them(
    director, director_of_other_facility, director_of_third_facility, other_facility, men_room
):
    resident = register(director, men_room.facility, "Nguyễn Văn Hùng")
    services.record_transfer(
        actor=director,
        episode=admit(director, resident, men_room),
        occurred_on=date(2026, 3, 1),
        to_facility=other_facility,
        decision_number="3/QĐ-CA",
        decision_on=date(2026, 2, 25),
    )
    for query in ("nguyen van hung", "hung", "van", ""):
        assert found(director, query) == ["Nguyễn Văn Hùng"], query
        assert found(director_of_other_facility, query) == ["Nguyễn Văn Hùng"], query
        assert found(director_of_third_facility, query) == [], query


def test_a_manager_of_two_facilities_finds_the_residents_of_both(facility, other_facility):
    make_resident(facility, "Nguyễn Văn Một")
    make_resident(other_facility, "Nguyễn Văn Hai")
    both = make_user(Role.RESIDENT_MANAGER, facility, other_facility, username="both")
    assert found(both, "nguyen van") == ["Nguyễn Văn Hai", "Nguyễn Văn Một"]


def test_a_name_changed_is_found_by_its_new_words_only(director, facility):
    resident = register(director, facility, "Nguyễn Văn Hùng")
    services.update_resident(
        actor=director, resident=resident, expected_version=resident.version, identity={"full_name": "Lê Văn Hùng"}
    )
    assert found(director, "le van hung") == ["Lê Văn Hùng"]
    assert found(director, "nguyen") == []


# --- Queries ---------------------------------------------------------------------------------------------------


def queries_of_a_page(user, query: str) -> int:
    selectors.search_page(user, ResidentFilters(query=query))  # the memberships are read once a request
    with CaptureQueriesContext(connection) as captured:
        selectors.search_page(user, ResidentFilters(query=query))
    return len(captured)


@pytest.mark.parametrize("query", ["nguyen van hung", "hung", "hv-0", "", "001090000123"])
def test_a_page_reads_in_a_few_queries_however_many_match(director, facility, query):
    # The other facilities; the ids of the page's first group, then of the next one if the first
    # ends on the page (each a UNION of the two scopes); the rows; their open episodes.
    budget = 6
    for n in range(3):
        make_resident(facility, f"Nguyễn Văn Hùng {n}")
    assert queries_of_a_page(director, query) <= budget
    for n in range(3, 300):
        make_resident(facility, f"Nguyễn Văn Hùng {n}")
    assert queries_of_a_page(director, query) <= budget


@pytest.mark.parametrize("query", ["0269", "269", "HV-2026-0269", "hv-2026-02"])
def test_a_record_is_found_by_its_number_or_its_last_digits(director, facility, query):
    make_resident(facility, "Lê Văn Số", record_number="HV-2026-0269")
    make_resident(facility, "Lê Văn Khác", record_number="HV-2026-1269")
    make_resident(facility, "Lê Văn Cũ", record_number="HV-00650")
    assert found(director, query) == ["Lê Văn Số"] == every(director, query)


# --- Sorted lists across the two scopes -------------------------------------------------------------------------


@pytest.fixture
def mixed(facility, other_facility):
    """Thirty residents of `facility` with four names among them (ties), and some that left it:
    three transferred to `other_facility`, where five residents of its own live."""
    names = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn An", "Đỗ Văn Đức"]
    for n in range(30):
        resident = make_resident(facility, names[n % 4], record_number=f"HV-{(n * 7) % 30:05d}")
        make_episode(resident, admitted_on=date(2026, 1, 1 + n % 3))
    for n in range(3):
        resident = make_resident(facility, names[n], record_number=f"HV-T{n}")
        make_episode(
            resident,
            admitted_on=date(2025, 6, 1 + n),
            status=Episode.Status.CLOSED,
            outcome=Episode.Outcome.TRANSFERRED,
        )
        Resident.objects.filter(pk=resident.pk).update(facility=other_facility)
    for n in range(5):
        make_resident(other_facility, names[n % 4])


def every_id(user, query="", **filters):
    return [resident.pk for resident in selectors.search_residents(user, ResidentFilters(query=query, **filters))]


def pages_ids(user, query="", **filters):
    ids, number = [], 1
    while True:
        found_page = page(user, query, number=number, **filters)
        ids += [resident.pk for resident in found_page]
        if not found_page.has_next:
            return ids
        number += 1


@pytest.mark.parametrize("sort", ["", "name", "-name", "record", "-record", "admitted", "-released"])
@pytest.mark.parametrize("query", ["", "van", "an"])
def test_the_pages_of_a_list_follow_one_order_across_the_residents_here_and_those_transferred_away(
    director, director_of_other_facility, mixed, query, sort
):
    for user in (director, director_of_other_facility):
        expected = every_id(user, query, sort=sort)
        assert len(expected) > 3
        assert pages_ids(user, query, sort=sort) == expected, (user, query, sort)
