"""A list page's table, shared by every module: columns that sort (names in Vietnamese order), a
page of rows with how many match, and the same rows — every page of them, in the same order — as
an Excel workbook. So a list filters (the view's queryset), sorts, paginates, counts and exports
exactly what it shows, written once.

    COLUMNS = (
        Column("name", _("Full name"), lambda row: row.resident.full_name,
               order_by=("resident__name_sort_key",)),          # Vietnamese order (core.collation)
        Column("held_on", _("Date"), attrgetter("held_on"), order_by=("held_on",)),
        Column("note", _("Note"), attrgetter("note")),          # shown and exported, not sortable
    )
    TABLE = Table(COLUMNS, default_sort="-held_on")

    listing = TABLE.listing(queryset, request.GET, number=page_number(request.GET))
    # template: {% include "components/table_head.html" with headers=listing.headers %}
    #           listing.page (a Django Page), listing.count, listing.sort
    return TABLE.xlsx_response(queryset, request.GET, filename="lessons.xlsx", title=_("Lessons"))

The view records the export in the audit trail (`hoanhap.audit.writes.record_list_export`).
`?sort=key` sorts by a column, `?sort=-key` in reverse; an unknown key is the default order. The
primary key breaks ties, so pages never repeat or skip a row.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.functional import Promise

PER_PAGE = 25
DATE_FORMAT = "dd/mm/yyyy"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows read from the database at a time while writing a workbook: never the whole list in memory.
CHUNK_SIZE = 2000


def page_number(params: Mapping[str, Any]) -> int:
    """The ?page= asked for; anything but a number is the first page, as Django's paginator reads it."""
    try:
        return int(params.get("page", 1))
    except (TypeError, ValueError):
        return 1


@dataclass(frozen=True)
class Column:
    key: str
    title: str | Promise
    # The cell's value from a row: what the page shows and the workbook holds.
    value: Callable[[Any], Any]
    # The database ordering when the list is sorted by this column; None: not sortable.
    order_by: tuple[str, ...] | None = None
    width: int = 18  # in the workbook, in characters


@dataclass(frozen=True)
class Header:
    key: str
    label: str | Promise
    sortable: bool
    # The ?sort= its link asks for: the column, or its reverse when it is the sorted one.
    link_sort: str
    aria_sort: str  # "ascending", "descending" or ""


@dataclass
class Listing:
    page: Page
    count: int
    sort: str
    headers: list[Header] = field(default_factory=list)


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    default_sort: str

    def __post_init__(self) -> None:
        if self._column(self.default_sort.removeprefix("-")) is None:
            raise ValueError(f"The default sort {self.default_sort!r} names no sortable column.")

    def _column(self, key: str) -> Column | None:
        return next((column for column in self.columns if column.key == key and column.order_by), None)

    def sort_key(self, asked: str | None) -> str:
        """The ?sort= asked for if it names a sortable column, else the default."""
        asked = asked or ""
        return asked if self._column(asked.removeprefix("-")) is not None else self.default_sort

    def ordered(self, queryset: QuerySet, params: Mapping[str, Any]) -> QuerySet:
        sort = self.sort_key(params.get("sort"))
        column = self._column(sort.removeprefix("-"))
        assert column is not None and column.order_by is not None
        descending = sort.startswith("-")
        fields = [f"-{name}" if descending else name for name in column.order_by]
        return queryset.order_by(*fields, "-pk" if descending else "pk")

    def headers(self, sort: str) -> list[Header]:
        headers = []
        for column in self.columns:
            active = column.order_by is not None and sort.removeprefix("-") == column.key
            descending = active and sort.startswith("-")
            headers.append(
                Header(
                    key=column.key,
                    label=column.title,
                    sortable=column.order_by is not None,
                    link_sort=(column.key if descending else f"-{column.key}") if active else column.key,
                    aria_sort=("descending" if descending else "ascending") if active else "",
                )
            )
        return headers

    def listing(self, queryset: QuerySet, params: Mapping[str, Any], *, per_page: int = PER_PAGE) -> Listing:
        """One page of the sorted rows, how many match, and the column headers."""
        sort = self.sort_key(params.get("sort"))
        paginator = Paginator(self.ordered(queryset, params), per_page)
        page = paginator.get_page(page_number(params))
        return Listing(page=page, count=paginator.count, sort=sort, headers=self.headers(sort))

    def write_xlsx(self, rows: Iterable[Any], out: io.BufferedIOBase | io.BytesIO, *, title: str) -> int:
        """Every row as a line of a workbook, under the columns' titles; returns how many rows."""
        workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "remove_timezone": True})
        # A sheet's name may not hold []:*?/\ (a month "03/2026" in a title) nor pass 31 characters.
        sheet = workbook.add_worksheet(re.sub(r"[\[\]:*?/\\]", "-", str(title))[:31] or "Sheet")
        bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "vcenter", "border": 1})
        dates = workbook.add_format({"num_format": DATE_FORMAT})
        for index, column in enumerate(self.columns):
            sheet.set_column(index, index, column.width)
        sheet.write_row(0, 0, [str(column.title) for column in self.columns], bold)
        sheet.freeze_panes(1, 0)
        line = 0
        for row in rows:
            line += 1
            for index, column in enumerate(self.columns):
                _write_cell(sheet, line, index, column.value(row), dates)
        if line:
            sheet.autofilter(0, 0, line, len(self.columns) - 1)
        workbook.close()
        return line

    def xlsx_response(
        self, queryset: QuerySet, params: Mapping[str, Any], *, filename: str, title: str | Promise
    ) -> tuple[HttpResponse, int]:
        """The whole filtered list, in the page's order, as a download; and how many rows it holds."""
        out = io.BytesIO()
        count = self.write_xlsx(self.ordered(queryset, params).iterator(chunk_size=CHUNK_SIZE), out, title=str(title))
        response = HttpResponse(out.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response, count


def _write_cell(sheet: Any, row: int, column: int, value: Any, date_format: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, datetime):
        sheet.write_datetime(row, column, value, date_format)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, datetime(value.year, value.month, value.day), date_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, column, float(value))
    else:
        # Text, always: an ID number written as a number would lose its leading zero.
        sheet.write_string(row, column, str(value))
