"""Every list of every module sorts, pages, counts and exports through `core.tables`: the rows a
user sees, in the order seen, are the rows the workbook holds."""

import io
from datetime import date
from operator import attrgetter

import openpyxl
import pytest

from hoanhap.core.tables import Column, Table, page_number
from hoanhap.residents.models import Resident
from hoanhap.testing import make_resident

pytestmark = pytest.mark.django_db

TABLE = Table(
    (
        Column("name", "Full name", attrgetter("full_name"), order_by=("name_sort_key",)),
        Column("born", "Born", attrgetter("date_of_birth"), order_by=("date_of_birth",)),
        Column("citizen_id", "Citizen ID", attrgetter("citizen_id")),
    ),
    default_sort="name",
)


def names(rows):  # type: ignore[no-untyped-def]
    return [row.full_name for row in rows]


def test_names_sort_in_vietnamese_alphabetical_order_by_the_given_name(facility):
    for name in ("Đỗ Văn Đức", "Nguyễn Văn Dũng", "Trần Thị Ánh", "Lê An"):
        make_resident(facility, name)
    listing = TABLE.listing(Resident.objects.all(), {})
    assert names(listing.page) == ["Lê An", "Trần Thị Ánh", "Nguyễn Văn Dũng", "Đỗ Văn Đức"]


def test_a_minus_sign_reverses_the_order_and_the_header_offers_to_reverse_it_back(facility):
    for name in ("Lê An", "Trần Thị Ánh"):
        make_resident(facility, name)
    listing = TABLE.listing(Resident.objects.all(), {"sort": "-name"})
    assert names(listing.page) == ["Trần Thị Ánh", "Lê An"]
    name_header = listing.headers[0]
    assert (name_header.aria_sort, name_header.link_sort) == ("descending", "name")
    assert (listing.headers[1].aria_sort, listing.headers[1].link_sort) == ("", "born")
    assert listing.headers[2].sortable is False


@pytest.mark.parametrize("asked", ["citizen_id", "nonsense", "-", "", "name; DROP TABLE"])
def test_a_sort_that_names_no_sortable_column_is_the_default_order(facility, asked):
    assert TABLE.sort_key(asked) == "name"


def test_pages_never_repeat_or_skip_a_row_when_many_rows_tie(facility):
    made = {make_resident(facility, "Nguyễn Văn An", date_of_birth=date(1990, 1, 1)).pk for _ in range(30)}
    first = TABLE.listing(Resident.objects.all(), {"sort": "born"})
    second = TABLE.listing(Resident.objects.all(), {"sort": "born", "page": "2"})
    assert first.count == 30 and len(first.page) == 25 and len(second.page) == 5
    assert {row.pk for row in first.page} | {row.pk for row in second.page} == made


def test_the_workbook_holds_every_row_of_every_page_in_the_order_shown(facility):
    for number, name in enumerate(("Đỗ Văn Đức", "Lê An", "Trần Thị Ánh"), start=1):
        make_resident(facility, name, citizen_id=f"00120300000{number}", date_of_birth=date(1990, number, 1))
    response, count = TABLE.xlsx_response(
        Resident.objects.all(), {"sort": "-born", "page": "2"}, filename="list.xlsx", title="Residents"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert count == 3
    assert rows[0] == ("Full name", "Born", "Citizen ID")
    assert [row[0] for row in rows[1:]] == ["Trần Thị Ánh", "Lê An", "Đỗ Văn Đức"]
    # Dates stay dates, and an ID number keeps its leading zeros.
    assert rows[1][1].date() == date(1990, 3, 1) and rows[1][2] == "001203000003"
    assert response["Content-Disposition"] == 'attachment; filename="list.xlsx"'


def test_a_default_sort_that_names_no_sortable_column_is_a_programming_error():
    with pytest.raises(ValueError, match="default sort"):
        Table(TABLE.columns, default_sort="citizen_id")


@pytest.mark.parametrize(("asked", "page"), [({"page": "3"}, 3), ({"page": "x"}, 1), ({}, 1), ({"page": None}, 1)])
def test_a_page_that_is_not_a_number_is_the_first(asked, page):
    assert page_number(asked) == page


def test_a_title_with_a_month_in_it_names_the_sheet_without_the_characters_excel_refuses(facility):
    make_resident(facility, "Lê An")
    response, _count = TABLE.xlsx_response(
        Resident.objects.all(), {}, filename="x.xlsx", title="Thiếu 03/2026: [khu A]"
    )
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == ["Thiếu 03-2026- -khu A-"]
