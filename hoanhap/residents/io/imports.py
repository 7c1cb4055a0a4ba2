"""Importing a centre's existing roster of residents from an Excel workbook (.xlsx).

Three steps, each a function here; the views only carry the file between them:

1. `store_upload` keeps the uploaded file privately in the private media root's imports/ folder
   (MEDIA_ROOT/private/imports/ unless PRIVATE_MEDIA_ROOT says otherwise; it has no URL), readable by
   the server's user only, named by a random token the user's session holds; the token is checked
   before it becomes a path. The file is removed on import or cancel, and after a day if abandoned.
   `read_header` finds the header row.
2. `suggest_mapping` proposes which column fills which field; `check_mapping` refuses a mapping
   that misses a required field or fills one twice.
3. `check_roster` reads every row and lists each problem with its row number; `import_roster`
   checks again and writes every row in one transaction, or nothing.

Writes use `bulk_create`, which bypasses django-auditlog's signals. So the import writes one audit
entry for the whole file (action "create" on the facility, with the file name, the row count and the
new residents' ids), and each new resident gets a timeline event pointing to that entry.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import os
import re
import secrets
import time
import unicodedata
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
from auditlog.models import AbstractLogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter

from hoanhap.accounts.models import User
from hoanhap.audit import chain
from hoanhap.audit.models import AuditEntry
from hoanhap.core import clock
from hoanhap.core.models import Facility

from .. import planning, validators
from ..models import Episode, Resident, StagePlan, TimelineEvent, private_storage
from ..selectors import stage_lengths_for
from ..terms import (
    STAGE_ORDER,
    EpisodeKind,
    RuleNotInForce,
    Stage,
    TermError,
    age_on,
    expected_release_on,
    rule_set_on,
    validate_term,
)
from .roster import (
    FIELDS,
    FIELDS_BY_KEY,
    KIND_WORDS,
    REQUIRED_KEYS,
    cell_text,
    citizen_id_from_cell,
    header_key,
    parse_date,
    parse_kind,
    parse_sex,
    parse_stage,
    vietnamese,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Unpacked, a 20,000-row roster is some 20 MB of XML; far more is a "zip bomb", not a roster.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A province's whole roster fits; a bigger file is more likely a mistake than a roster.
MAX_ROWS = 20_000
# Centres' lists often carry a title ("DANH SÁCH HỌC VIÊN…") above the header row.
HEADER_SCAN_ROWS = 10
# An upload left half-way (the user never confirmed) is removed after this many seconds.
UPLOAD_MAX_AGE_SECONDS = 24 * 3600
BATCH_SIZE = 500
TIMELINE_KIND = "residents.roster_import"
AUDIT_EVENT = "residents.roster_import"

NOT_A_WORKBOOK = gettext_lazy(
    "The file is not an Excel workbook (.xlsx). Save it from Excel as “Excel Workbook (*.xlsx)” and upload it again."
)


class RosterFileError(Exception):
    """The file cannot be read as a roster at all; `message` says why, for the user."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


class MappingError(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RosterRow:
    row: int
    values: dict[str, Any]


@dataclass(frozen=True)
class RosterHeader:
    row: int  # the header's row number in the sheet, 1-based as Excel shows it
    columns: tuple[str, ...]  # one label per column; a blank header reads "(column F)"
    samples: tuple[str, ...] = ()  # the first row under the header, as text: helps choose the fields


@dataclass
class RosterCheck:
    header: RosterHeader
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors and self.row_count > 0


class RosterRejected(Exception):
    def __init__(self, check: RosterCheck) -> None:
        super().__init__(f"{len(check.errors)} problems in the roster")
        self.check = check


@dataclass(frozen=True)
class RosterImported:
    count: int
    audit_entry: AuditEntry
    seconds: float


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a roster is read and written.

    Tens of thousands of short-lived cells, dicts and model instances make it run over and over
    for nothing (reference counting frees them); pausing it makes the import about half again as
    fast (measured: 5,000 rows, 2.6 s → 1.7 s of CPU). It is process-wide, so the pause is kept to
    one bounded roster (MAX_ROWS) and always ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- The uploaded file, kept between the steps -----------------------------------------------

_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def uploads_dir() -> Path:
    """Beside the residents' photos, in the private root that has no URL (`models.private_storage`)."""
    return Path(private_storage().location) / "imports"


def upload_path(token: str) -> Path:
    if not _TOKEN.match(token or ""):
        raise FileNotFoundError("not an upload token")
    return uploads_dir() / f"{token}.xlsx"


def store_upload(uploaded: UploadedFile) -> str:
    """Keep the file where only the server can read it; return the token that names it."""
    directory = uploads_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    _remove_stale_uploads(directory)
    token = secrets.token_hex(16)
    descriptor = os.open(upload_path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    return token


def discard_upload(token: str) -> None:
    with contextlib.suppress(FileNotFoundError):  # not a token: there is nothing to remove
        upload_path(token).unlink(missing_ok=True)


def _remove_stale_uploads(directory: Path) -> None:
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for path in directory.glob("*.xlsx"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            continue


# --- Reading the sheet ----------------------------------------------------------------------


def _check_unpacked_size(path: Path) -> None:
    """An .xlsx is a zip of XML: refuse one that would unpack into more than a roster can need
    before openpyxl reads it (its shared strings are read whole). The sizes a zip declares bind:
    reading stops there, and a member longer than declared fails its CRC check."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise RosterFileError(NOT_A_WORKBOOK) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise RosterFileError(gettext_lazy("The file holds more data than a roster can; split it into smaller files."))


def _sheet_rows(path: Path) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
    """(row number, cell values) for every row of the workbook's active sheet, read-only."""
    _check_unpacked_size(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise RosterFileError(NOT_A_WORKBOOK) from exc
    try:
        sheet = workbook.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise RosterFileError(NOT_A_WORKBOOK)
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    except RosterFileError:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read
        raise RosterFileError(NOT_A_WORKBOOK) from exc
    finally:
        workbook.close()


def _is_blank(values: Iterable[Any]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _match(key: str) -> tuple[str, int] | None:
    """The field a header names, and how long the matched name is (an exact match beats all)."""
    if not key:
        return None
    best: tuple[str, int] | None = None
    padded = f" {key} "
    for roster_field in FIELDS:
        for name in roster_field.header_keys:
            if name == key:
                return roster_field.key, 1000
            # A longer header containing a name of two words or more: "Họ và tên học viên".
            if " " in name and f" {name} " in padded and (best is None or len(name) > best[1]):
                best = (roster_field.key, len(name))
    return best


def _find_header(rows: Iterator[tuple[int, tuple[Any, ...]]]) -> tuple[RosterHeader, list[tuple[int, tuple]]]:
    """The row among the first few that names the most fields; the rows read past it are returned."""
    scanned: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in rows:
        scanned.append((number, values))
        if len(scanned) >= HEADER_SCAN_ROWS:
            break
    candidates = [(number, values) for number, values in scanned if not _is_blank(values)]
    if not candidates:
        raise RosterFileError(gettext_lazy("The file is empty: its first sheet has no rows."))

    def score(values: tuple[Any, ...]) -> int:
        return sum(1 for value in values if _match(header_key(value)))

    best_number, best_values = max(candidates, key=lambda candidate: (score(candidate[1]), -candidate[0]))
    last = len(best_values)
    while last and _is_blank(best_values[last - 1 : last]):
        last -= 1
    columns = tuple(
        cell_text(value) or _("(column %(letter)s)") % {"letter": get_column_letter(index + 1)}
        for index, value in enumerate(best_values[:last])
    )
    rest = [(number, values) for number, values in scanned if number > best_number]
    first = next((values for number, values in rest if not _is_blank(values)), ())
    samples = tuple(cell_text(first[index]) if index < len(first) else "" for index in range(len(columns)))
    return RosterHeader(row=best_number, columns=columns, samples=samples), rest


def read_header(path: Path) -> RosterHeader:
    rows = _sheet_rows(path)
    try:
        header, _rest = _find_header(rows)
    finally:
        rows.close()
    return header


# --- Mapping columns to fields --------------------------------------------------------------


def suggest_mapping(columns: Sequence[str]) -> dict[int, str]:
    """Column index → field key, from the header names; each field goes to its best column."""
    best: dict[str, tuple[int, int]] = {}
    for index, label in enumerate(columns):
        found = _match(header_key(label))
        if found and (found[0] not in best or found[1] > best[found[0]][1]):
            best[found[0]] = (index, found[1])
    return {index: key for key, (index, _strength) in sorted(best.items(), key=lambda item: item[1][0])}


def check_mapping(header: RosterHeader, mapping: Mapping[int, str]) -> None:
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, key in mapping.items():
        if key not in FIELDS_BY_KEY or not 0 <= index < len(header.columns):
            problems.append(_("The column mapping does not fit this file; choose the columns again."))
            continue
        if key in seen:
            problems.append(
                _("The columns “%(first)s” and “%(second)s” both fill the %(field)s; choose one.")
                % {
                    "first": header.columns[seen[key]],
                    "second": header.columns[index],
                    "field": FIELDS_BY_KEY[key].label,
                }
            )
        seen[key] = index
    missing = [str(FIELDS_BY_KEY[f.key].label) for f in FIELDS if f.required and f.key not in seen]
    if missing:
        problems.append(_("Choose a column for each required field: %(fields)s.") % {"fields": ", ".join(missing)})
    if problems:
        raise MappingError(list(dict.fromkeys(problems)))


# --- Checking the rows ----------------------------------------------------------------------


def _max_length(model: type[Resident] | type[Episode], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, models.CharField) and field.max_length is not None
    return field.max_length


_TEXT_MAX_LENGTH: dict[str, int] = {
    **{
        key: _max_length(Resident, key)
        for key in (
            "record_number",
            "full_name",
            "other_names",
            "ethnicity",
            "citizen_id",
            "permanent_province",
            "permanent_commune",
            "permanent_address",
        )
    },
    **{key: _max_length(Episode, key) for key in ("decision_number", "decided_by")},
}
_TEXT_KEYS = tuple(_TEXT_MAX_LENGTH)
_DATE_KEYS = ("date_of_birth", "admitted_on", "decision_on", "stage_since_on")


def _clean_text(value: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", cell_text(value)).split())


def _label(key: str) -> str:
    return str(FIELDS_BY_KEY[key].label)


# Built once: a row that has no problem formats no message.
_UNKNOWN_SEX = gettext_lazy("Row %(row)s: the sex “%(value)s” is not recognised; write Nam or Nữ.")
_UNKNOWN_KIND = gettext_lazy(
    "Row %(row)s: the kind of rehab “%(value)s” is not recognised; write Tự nguyện, Bắt buộc "
    "or Bắt buộc (người chưa thành niên)."
)
_UNKNOWN_STAGE = gettext_lazy(
    "Row %(row)s: the stage “%(value)s” is not recognised; write its number (1 to 5) or its name."
)


class _RowChecker:
    """Parses one row's cells into field values, collecting each problem with the row number."""

    def __init__(self, row: int, cells: Mapping[str, Any], today: date) -> None:
        self.row = row
        self.cells = cells
        self.today = today
        self.errors: list[RowError] = []
        self.values: dict[str, Any] = {}
        self._texts: dict[str, str] = {}

    def text(self, key: str) -> str:
        """The cell as clean text (NFC, single spaces), worked out once per row: several checks read it."""
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = _clean_text(self.cells.get(key))
        return text

    def problem(self, message: str | Promise, **params: Any) -> None:
        self.errors.append(RowError(self.row, str(message) % {"row": self.row, **params}))

    def run(self) -> dict[str, Any]:
        for key in REQUIRED_KEYS:
            if not self.text(key):
                self.problem(_("Row %(row)s: the %(field)s is missing."), field=_label(key))
        for key in _TEXT_KEYS:
            if key == "citizen_id":
                continue
            text = self.text(key)
            if len(text) > _TEXT_MAX_LENGTH[key]:
                self.problem(
                    _("Row %(row)s: the %(field)s is longer than %(max)s characters."),
                    field=_label(key),
                    max=_TEXT_MAX_LENGTH[key],
                )
            self.values[key] = text
        for key in _DATE_KEYS:
            self.values[key] = self._date(key)
        self.values["sex"] = self._choice("sex", parse_sex, _UNKNOWN_SEX)
        self.values["kind"] = self._choice("kind", parse_kind, _UNKNOWN_KIND)
        self.values["stage"] = self._choice("stage", parse_stage, _UNKNOWN_STAGE) or Stage.RECEPTION
        self.values["term_months"] = self._term()
        self.values["citizen_id"] = self._citizen_id()
        self._check_dates()
        self._check_term_and_kind()
        return self.values

    def _date(self, key: str) -> date | None:
        if not self.text(key):
            return None
        raw = self.cells.get(key)
        parsed = parse_date(raw)
        if parsed is None:
            self.problem(
                _("Row %(row)s: the %(field)s “%(value)s” is not a valid date."),
                field=_label(key),
                value=cell_text(raw),
            )
        elif parsed > self.today:
            self.problem(
                _("Row %(row)s: the %(field)s “%(value)s” is in the future."),
                field=_label(key),
                value=f"{parsed:%d/%m/%Y}",
            )
            return None
        return parsed

    def _choice(self, key: str, parse: Callable[[str], str | None], message: Promise) -> str | None:
        text = self.text(key)
        if not text:
            return None
        parsed = parse(text)
        if parsed is None:
            self.problem(message, value=text)
        return parsed

    def _term(self) -> int | None:
        text = self.text("term_months")
        if not text:
            return None
        match = re.fullmatch(r"(\d{1,3})(?: ?(?:tháng|thang|months?))?", text, flags=re.IGNORECASE)
        if match is None or int(match.group(1)) == 0:
            self.problem(_("Row %(row)s: the term “%(value)s” is not a whole number of months."), value=text)
            return None
        return int(match.group(1))

    def _citizen_id(self) -> str:
        if not self.text("citizen_id"):
            return ""
        raw = self.cells.get("citizen_id")
        number = citizen_id_from_cell(raw)
        born, sex = self.values.get("date_of_birth"), self.values.get("sex")
        try:
            validators.validate_citizen_id(number)
            if born is not None and sex is not None:
                validators.check_citizen_id_matches(number, date_of_birth=born, sex=sex)
        except ValidationError as error:
            self.problem(
                _("Row %(row)s: the citizen ID number “%(value)s” is not valid. %(reason)s"),
                value=cell_text(raw),
                reason=" ".join(error.messages),
            )
        return number

    def _check_dates(self) -> None:
        born, admitted, decided, stage_since = (self.values.get(key) for key in _DATE_KEYS)
        if born is not None:
            try:
                validators.validate_date_of_birth(born, today=self.today)
            except ValidationError as error:
                self.problem(
                    _("Row %(row)s: the date of birth %(value)s is not accepted. %(reason)s"),
                    value=f"{born:%d/%m/%Y}",
                    reason=" ".join(error.messages),
                )
        if born and admitted:
            try:
                youngest = rule_set_on(admitted).minor_ages[0]
                citation = rule_set_on(admitted).minor_citation
            except RuleNotInForce:
                youngest, citation = None, ""
            if youngest is not None and age_on(born, admitted) < youngest:
                self.problem(
                    _(
                        "Row %(row)s: the resident was %(age)s years old on admission; rehab at a centre "
                        "starts at %(youngest)s (%(citation)s)."
                    ),
                    age=max(age_on(born, admitted), 0),
                    youngest=youngest,
                    citation=citation,
                )
        if decided and admitted and decided > admitted:
            self.problem(_("Row %(row)s: the decision date is after the admission date."))
        if stage_since and admitted and stage_since < admitted:
            self.problem(_("Row %(row)s: the current stage cannot start before the admission date."))

    def _check_term_and_kind(self) -> None:
        self.values["prior_compulsory_count"] = 0
        kind, term = self.values.get("kind"), self.values.get("term_months")
        if kind is None:
            return
        if kind == EpisodeKind.VOLUNTARY:
            # A voluntary rehab has no decision: its term was chosen at admission.
            decided_on = self.values.get("admitted_on")
        else:
            # Compulsory rehab is placed by a court decision (Law 73/2021 art. 32–33).
            if not self.values.get("decision_number") or not self.text("decision_on"):
                self.problem(_("Row %(row)s: a compulsory rehab needs the number and the date of its decision."))
            decided_on = self.values.get("decision_on")
        if term is None or decided_on is None:
            return
        born = self.values.get("date_of_birth")
        if born and kind != EpisodeKind.VOLUNTARY:
            try:
                youngest, adult = rule_set_on(decided_on).minor_ages
            except RuleNotInForce:
                youngest, adult = 0, 0
            age = age_on(born, decided_on)
            expected_kind = EpisodeKind.COMPULSORY_MINOR if youngest <= age < adult else EpisodeKind.COMPULSORY
            if adult and age >= youngest and kind != expected_kind:
                self.problem(
                    _(
                        "Row %(row)s: the resident was %(age)s years old on the decision date, so the kind of "
                        "rehab is “%(kind)s”."
                    ),
                    age=age,
                    kind=vietnamese(KIND_WORDS, expected_kind),
                )
                return
        reason, self.values["prior_compulsory_count"] = _check_term(
            EpisodeKind(kind), term, decided_on, translation.get_language()
        )
        if reason:
            self.problem(_("Row %(row)s: %(reason)s"), reason=reason)


@functools.lru_cache(maxsize=4096)
def _check_term(kind: EpisodeKind, term: int, decided_on: date, language: str | None) -> tuple[str | None, int]:
    """(why the term breaks the rules in force on the decision date, or None; the earlier compulsory
    rehabs the term implies), by terms.validate_term.

    A roster does not say how many compulsory rehabs a person had before, so where the law fixes the
    term by that number (24 months the first time, 36 later: Law 120/2025) either fixed term passes,
    and the term tells the count. Cached: a roster repeats a few terms and dates; `language` keys
    the message.
    """
    try:
        rule = rule_set_on(decided_on).terms[kind]
    except TermError as exc:
        return str(exc), 0
    first_error: TermError | None = None
    for prior in range(max(len(rule.fixed_months), 1)):
        try:
            validate_term(kind=kind, term_months=term, decided_on=decided_on, prior_compulsory_count=prior)
        except TermError as exc:
            first_error = first_error or exc
        else:
            return None, prior
    if len(rule.fixed_months) > 1:
        return _(
            "The term must be %(first)s months for a first compulsory rehab, or %(later)s months for a later "
            "one (%(citation)s)."
        ) % {"first": rule.fixed_months[0], "later": rule.fixed_months[-1], "citation": rule.citation}, 0
    return str(first_error), 0


def _duplicates(checked: list[RosterRow], facility: Facility) -> list[RowError]:
    """The same record number or ID number twice in the file, or already held by the facility."""
    errors: list[RowError] = []
    first_row: dict[tuple[str, str], int] = {}
    for row in checked:
        for key, message in (
            ("record_number", _("Row %(row)s: the record number “%(value)s” also appears in row %(other)s.")),
            ("citizen_id", _("Row %(row)s: the citizen ID number “%(value)s” also appears in row %(other)s.")),
        ):
            value = row.values.get(key)
            if not value:
                continue
            other = first_row.setdefault((key, value), row.row)
            if other != row.row:
                errors.append(RowError(row.row, message % {"row": row.row, "value": value, "other": other}))

    record_numbers = {row.values["record_number"] for row in checked if row.values.get("record_number")}
    citizen_ids = {row.values["citizen_id"] for row in checked if row.values.get("citizen_id")}
    facility_residents = Resident.objects.filter(facility=facility)
    taken_numbers: set[str] = set()
    for chunk in _chunks(sorted(record_numbers)):
        taken_numbers.update(facility_residents.filter(record_number__in=chunk).values_list("record_number", flat=True))
    taken_ids: dict[str, str] = {}
    for chunk in _chunks(sorted(citizen_ids)):
        taken_ids.update(facility_residents.filter(citizen_id__in=chunk).values_list("citizen_id", "record_number"))
    for row in checked:
        number, citizen_id = row.values.get("record_number"), row.values.get("citizen_id")
        if number in taken_numbers:
            errors.append(
                RowError(
                    row.row,
                    _("Row %(row)s: a resident with the record number “%(value)s” already exists in this facility.")
                    % {"row": row.row, "value": number},
                )
            )
        if citizen_id in taken_ids:
            errors.append(
                RowError(
                    row.row,
                    _(
                        "Row %(row)s: a resident with the citizen ID number “%(value)s” already exists in this "
                        "facility (record number %(record)s)."
                    )
                    % {"row": row.row, "value": citizen_id, "record": taken_ids[citizen_id]},
                )
            )
    return errors


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def check_roster(
    *, path: Path, mapping: Mapping[int, str], facility: Facility, today: date | None = None
) -> RosterCheck:
    """Read every row and list every problem, by row number; nothing is written."""
    today = today or clock.today()
    with _collector_paused():
        return _check_roster(path=path, mapping=mapping, facility=facility, today=today)


def _check_roster(*, path: Path, mapping: Mapping[int, str], facility: Facility, today: date) -> RosterCheck:
    rows = _sheet_rows(path)
    try:
        header, scanned = _find_header(rows)
        check_mapping(header, mapping)
        result = RosterCheck(header=header)
        columns = sorted(mapping.items())
        for number, values in itertools.chain(scanned, rows):
            if _is_blank(values):
                continue
            result.row_count += 1
            if result.row_count > MAX_ROWS:
                raise RosterFileError(
                    gettext_lazy("The file has more than %(max)s rows; split it into smaller files.")
                    % {"max": MAX_ROWS}
                )
            cells = {key: values[index] if index < len(values) else None for index, key in columns}
            row_checker = _RowChecker(number, cells, today)
            result.rows.append(RosterRow(number, row_checker.run()))
            result.errors.extend(row_checker.errors)
    finally:
        rows.close()
    if result.row_count == 0:
        raise RosterFileError(gettext_lazy("The file has no rows under its header row."))
    result.errors.extend(_duplicates(result.rows, facility))
    result.errors.sort(key=lambda error: error.row)
    return result


# --- Writing --------------------------------------------------------------------------------


def _resident(facility: Facility, values: Mapping[str, Any]) -> Resident:
    resident = Resident(
        facility=facility,
        record_number=values["record_number"],
        full_name=values["full_name"],
        other_names=values["other_names"],
        date_of_birth=values["date_of_birth"],
        sex=values["sex"],
        ethnicity=values["ethnicity"],
        citizen_id=values["citizen_id"],
        permanent_province=values["permanent_province"],
        permanent_commune=values["permanent_commune"],
        permanent_address=values["permanent_address"],
    )
    resident.build_search_text()
    return resident


def _episode(resident: Resident, values: Mapping[str, Any], *, facility_plan: dict[str, int], today: date) -> Episode:
    """An open episode as the roster row describes it. The release date follows from the admission
    and the term (terms.expected_release_on; nothing credited or stopped is known yet). When the row
    does not say since when the resident is in the current stage, the facility's stage plan says
    when that stage should have started (`planning`), at most today: the admission date would put
    every later-stage resident on the "overdue in a stage" list."""
    admitted_on = values["admitted_on"]
    episode = Episode(
        facility_id=resident.facility_id,
        resident=resident,
        kind=values["kind"],
        stage=values["stage"],
        stage_since_on=admitted_on,
        admitted_on=admitted_on,
        term_months=values["term_months"],
        decision_number=values["decision_number"],
        decision_on=values["decision_on"],
        decided_by=values["decided_by"],
        prior_compulsory_count=values["prior_compulsory_count"],
        expected_release_on=expected_release_on(start_on=admitted_on, term_months=values["term_months"]).expected_on,
    )
    lengths = stage_lengths_for(episode, facility_plan=facility_plan)
    stage_since_on = values.get("stage_since_on")
    if stage_since_on is None:
        earlier = STAGE_ORDER[: STAGE_ORDER.index(Stage(episode.stage))]
        stage_since_on = min(admitted_on + timedelta(days=sum(lengths[stage] for stage in earlier)), today)
    episode.stage_since_on = stage_since_on
    episode.stage_planned_end_on = planning.stage_planned_end_on(
        stage=episode.stage, stage_since_on=stage_since_on, lengths=lengths
    )
    return episode


def import_roster(
    *,
    actor: User,
    facility: Facility,
    path: Path,
    mapping: Mapping[int, str],
    file_name: str,
    today: date | None = None,
) -> RosterImported:
    """Check the roster again and create a resident with an open episode for every row, all in one
    transaction; any problem raises `RosterRejected` (with every problem listed) and writes nothing."""
    started = time.perf_counter()
    today = today or clock.today()
    try:
        with _collector_paused(), transaction.atomic():
            # Before any row is written, as the services do (audit.chain: the lock order).
            chain.hold()
            entry, count = _write_roster(
                actor=actor, facility=facility, path=path, mapping=mapping, file_name=file_name, today=today
            )
    except IntegrityError:
        # Someone took one of the record numbers between the check and the write: say which.
        rechecked = check_roster(path=path, mapping=mapping, facility=facility, today=today)
        if rechecked.errors:
            raise RosterRejected(rechecked) from None
        raise
    return RosterImported(count=count, audit_entry=entry, seconds=time.perf_counter() - started)


def _write_roster(
    *, actor: User, facility: Facility, path: Path, mapping: Mapping[int, str], file_name: str, today: date
) -> tuple[AuditEntry, int]:
    checked = check_roster(path=path, mapping=mapping, facility=facility, today=today)
    if checked.errors:
        raise RosterRejected(checked)
    residents = [_resident(facility, row.values) for row in checked.rows]
    Resident.objects.bulk_create(residents, batch_size=BATCH_SIZE)
    facility_plan = dict(StagePlan.objects.filter(facility=facility).values_list("stage", "days"))
    episodes = [
        _episode(resident, row.values, facility_plan=facility_plan, today=today)
        for resident, row in zip(residents, checked.rows, strict=True)
    ]
    Episode.objects.bulk_create(episodes, batch_size=BATCH_SIZE)
    with translation.override(settings.LANGUAGE_CODE):
        entry = AuditEntry.objects.log_create(
            facility,
            force_log=True,
            action=AbstractLogEntry.Action.CREATE,
            actor=actor,
            facility_id=facility.pk,
            resident_id=None,
            object_repr=_("Roster import: %(file)s") % {"file": file_name},
            additional_data={
                "event": AUDIT_EVENT,
                "file_name": file_name,
                "count": len(residents),
                "resident_ids": [resident.pk for resident in residents],
            },
        )
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(
                facility_id=facility.pk,
                resident=resident,
                episode=episode,
                kind=TIMELINE_KIND,
                occurred_on=today,
                summary=file_name[:300],
                actor=actor,
                source_type="audit.auditentry",
                source_id=entry.pk,
            )
            for resident, episode in zip(residents, episodes, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    return entry, len(residents)
