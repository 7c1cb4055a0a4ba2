"""The resident list as an Excel workbook (.xlsx), written row by row (XlsxWriter, constant_memory).

The headers and values are the roster's Vietnamese ones (`roster.py`), so an exported file imports
back. A sensitive column (`Resident.SENSITIVE_FIELDS`) appears only if the user holds its capability
in one of the exported facilities, and a cell in it is filled only for rows of a facility where the
user holds it. Only facilities where the user may see the residents are exported. Every export is
an audited write ("residents.list_exported") of one audit entry per exported facility (usually
one): who, with which filters, how many rows and which sensitive columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

import xlsxwriter
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in, facility_ids_with
from hoanhap.audit.writes import ACCESS, audited_write, record_bulk_write
from hoanhap.core.models import Facility

from ..models import Episode, Resident
from .roster import FIELDS_BY_KEY, KIND_WORDS, SEX_WORDS, STAGE_WORDS, STATUS_WORDS, vietnamese

AUDIT_EVENT = "residents.list_exported"
# Rows read from the database at a time: the list is written row by row, never held whole.
CHUNK_SIZE = 2000
SHEET_NAME = "Danh sách học viên"
DATE_FORMAT = "dd/mm/yyyy"


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable[[Resident, Episode | None], Any]
    # The Resident field whose sensitivity governs the column, if any.
    field: str = ""


def _header(key: str) -> str:
    return FIELDS_BY_KEY[key].header


def _resident_value(name: str) -> Callable[[Resident, Episode | None], Any]:
    return lambda resident, episode: getattr(resident, name)


def _episode_value(name: str) -> Callable[[Resident, Episode | None], Any]:
    return lambda resident, episode: getattr(episode, name) if episode is not None else None


COLUMNS: tuple[Column, ...] = (
    Column(_header("record_number"), 12, _resident_value("record_number")),
    Column(_header("full_name"), 28, _resident_value("full_name")),
    Column(_header("other_names"), 16, _resident_value("other_names")),
    Column(_header("date_of_birth"), 12, _resident_value("date_of_birth")),
    Column(_header("sex"), 9, lambda resident, episode: vietnamese(SEX_WORDS, resident.sex)),
    Column(_header("ethnicity"), 10, _resident_value("ethnicity"), field="ethnicity"),
    Column(_header("citizen_id"), 16, _resident_value("citizen_id"), field="citizen_id"),
    Column(_header("permanent_province"), 18, _resident_value("permanent_province")),
    Column(_header("permanent_commune"), 18, _resident_value("permanent_commune")),
    Column(_header("permanent_address"), 30, _resident_value("permanent_address")),
    Column(_header("admitted_on"), 12, _episode_value("admitted_on")),
    Column(
        _header("kind"),
        16,
        lambda resident, episode: vietnamese(KIND_WORDS, episode.kind) if episode is not None else None,
    ),
    Column(_header("term_months"), 9, _episode_value("term_months")),
    Column(_header("decision_number"), 16, _episode_value("decision_number")),
    Column(_header("decision_on"), 12, _episode_value("decision_on")),
    Column(_header("decided_by"), 24, _episode_value("decided_by")),
    Column(
        _header("stage"),
        28,
        lambda resident, episode: vietnamese(STAGE_WORDS, episode.stage) if episode is not None else None,
    ),
    Column(_header("stage_since_on"), 12, _episode_value("stage_since_on")),
    Column(
        "Tình trạng",
        16,
        lambda resident, episode: STATUS_WORDS.get(episode.status, episode.status) if episode is not None else None,
    ),
    Column("Ngày dự kiến chấp hành xong", 14, _episode_value("expected_release_on")),
    Column("Khu", 12, lambda resident, episode: episode.zone.name if episode and episode.zone else None),
    Column("Phòng", 10, lambda resident, episode: episode.room.name if episode and episode.room else None),
    Column("Cơ sở", 28, lambda resident, episode: resident.facility.name),
)


@dataclass(frozen=True)
class ExportResult:
    count: int
    columns: tuple[str, ...]
    counts_by_facility: Mapping[int, int]


class _Capabilities:
    """The user's capabilities per facility, looked up once each."""

    def __init__(self, user: User) -> None:
        self.user = user
        self._cache: dict[int, frozenset[Capability]] = {}

    def __call__(self, facility_id: int) -> frozenset[Capability]:
        if facility_id not in self._cache:
            self._cache[facility_id] = capabilities_in(self.user, facility_id)
        return self._cache[facility_id]


def columns_for(user: User, facility_ids: Iterable[int]) -> tuple[Column, ...]:
    """Every column, less the sensitive ones the user may see in none of the facilities."""
    capabilities: set[Capability] = set()
    for facility_id in facility_ids:
        capabilities |= capabilities_in(user, facility_id)
    return tuple(
        column
        for column in COLUMNS
        if not column.field or Resident.SENSITIVE_FIELDS.get(column.field, Capability.VIEW_RESIDENTS) in capabilities
    )


def _open_episode(resident: Resident) -> Episode | None:
    episodes = getattr(resident, "open_episodes", None)
    if episodes is None:
        episodes = [episode for episode in resident.episodes.all() if episode.is_open]
    return episodes[0] if episodes else None


def write_residents_xlsx(
    *, user: User, residents: Iterable[Resident], columns: tuple[Column, ...], out: IO[bytes]
) -> ExportResult:
    """Write the list to `out`; cells of sensitive columns stay empty where the user may not see them."""
    capabilities = _Capabilities(user)
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "remove_timezone": True})
    sheet = workbook.add_worksheet(SHEET_NAME)
    header_format = workbook.add_format({"bold": True, "text_wrap": True, "valign": "vcenter", "border": 1})
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    for index, column in enumerate(columns):
        sheet.set_column(index, index, column.width)
    sheet.write_row(0, 0, [column.header for column in columns], header_format)
    sheet.freeze_panes(1, 0)
    counts: dict[int, int] = {}
    row = 0
    for resident in residents:
        row += 1
        counts[resident.facility_id] = counts.get(resident.facility_id, 0) + 1
        episode = _open_episode(resident)
        allowed = capabilities(resident.facility_id)
        for index, column in enumerate(columns):
            if column.field and Resident.SENSITIVE_FIELDS.get(column.field) not in allowed:
                continue
            value = column.value(resident, episode)
            if value is None or value == "":
                continue
            if isinstance(value, date):
                sheet.write_datetime(row, index, value, date_format)
            elif isinstance(value, int):
                sheet.write_number(row, index, value)
            else:
                # Text, always: an ID number written as a number would lose its leading zero.
                sheet.write_string(row, index, str(value))
    if row:
        sheet.autofilter(0, 0, row, len(columns) - 1)
    workbook.close()
    return ExportResult(count=row, columns=tuple(column.header for column in columns), counts_by_facility=counts)


def export_residents(
    *,
    actor: User,
    residents: QuerySet[Resident],
    facility_ids: Iterable[int],
    filters: Mapping[str, str],
    out: IO[bytes],
) -> ExportResult:
    """Write the residents of `facility_ids` among `residents` and record the export in the audit
    trail: one entry per exported facility. The user must see the residents of every one of them."""
    facility_ids = sorted(set(facility_ids))
    if not facility_ids or not set(facility_ids) <= facility_ids_with(actor, Capability.VIEW_RESIDENTS):
        raise PermissionDenied
    rows: Iterator[Resident] = residents.filter(facility_id__in=facility_ids).iterator(chunk_size=CHUNK_SIZE)
    result = write_residents_xlsx(user=actor, residents=rows, columns=columns_for(actor, facility_ids), out=out)
    _record_export(actor=actor, result=result, facility_ids=facility_ids, filters=filters)
    return result


@audited_write(event=AUDIT_EVENT)
def _record_export(*, actor: User, result: ExportResult, facility_ids: list[int], filters: Mapping[str, str]) -> None:
    """The export's entries, an audited write of its own once the file is written: the audit chain
    (a lock every audited write takes) is held for the entries, not while thousands of rows are
    read and written."""
    sensitive = [column.header for column in COLUMNS if column.field and column.header in result.columns]
    facilities = Facility.objects.in_bulk(list(result.counts_by_facility) or facility_ids[:1])
    for facility_id, facility in facilities.items():
        count = result.counts_by_facility.get(facility_id, 0)
        record_bulk_write(
            scope=facility,
            action=ACCESS,
            # Lazy: the entry is written in the site's language, whatever the user's.
            summary=lazy(lambda count=count: _("Resident list export (%(count)s rows)") % {"count": count}, str)(),
            facility_id=facility_id,
            data={
                "filters": {name: value for name, value in filters.items() if value},
                "count": count,
                "total": result.count,
                "sensitive_columns": sensitive,
            },
        )
