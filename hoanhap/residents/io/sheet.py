"""The uploaded roster file: kept privately between the import's steps, its header row found,
its columns mapped to fields.

`store_upload` keeps the uploaded file privately in the private media root's imports/ folder
(MEDIA_ROOT/private/imports/ unless PRIVATE_MEDIA_ROOT says otherwise; it has no URL), readable by
the server's user only, named by a random token the user's session holds; the token is checked
before it becomes a path. The file is removed on import or cancel, and after a day if abandoned.
`read_header` finds the header row; `suggest_mapping` proposes which column fills which field;
`check_mapping` refuses a mapping that misses a required field or fills one twice.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
import zipfile
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter

from ..models import private_storage
from .roster import FIELDS, FIELDS_BY_KEY, SEX_MARK_KEYS, SPLIT_BIRTH_KEYS, cell_text, header_key

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Unpacked, a 20,000-row roster is some 20 MB of XML; far more is a "zip bomb", not a roster.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Centres' lists often carry a title ("DANH SÁCH HỌC VIÊN…") above the header row.
HEADER_SCAN_ROWS = 10
# An upload left half-way (the user never confirmed) is removed after this many seconds.
UPLOAD_MAX_AGE_SECONDS = 24 * 3600

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
class RosterHeader:
    row: int  # the header's row number in the sheet, 1-based as Excel shows it
    columns: tuple[str, ...]  # one label per column; a blank header reads "(column F)"
    samples: tuple[str, ...] = ()  # the first row under the header, as text: helps choose the fields


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


def sheet_rows(path: Path) -> Generator[tuple[int, tuple[Any, ...]], None, None]:
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


def is_blank(values: Iterable[Any]) -> bool:
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


def _is_sub_header(top: tuple[Any, ...], below: tuple[Any, ...]) -> bool:
    """The row under the header continues it when it holds only short words ("Nam", "Nữ", "Số",
    "Ngày") and one of them sits under a blank: the header cell above it spans several columns."""
    words = [(index, value) for index, value in enumerate(below) if not is_blank((value,))]
    if not words or not all(isinstance(value, str) and not re.search(r"\d", value) for _index, value in words):
        return False
    return any(index >= len(top) or is_blank((top[index],)) for index, _value in words)


def _header_labels(top: tuple[Any, ...], below: tuple[Any, ...] | None) -> list[str]:
    """One label per column. Over two rows, a cell merged down both keeps its label; a cell merged
    across ("Ngày sinh" over "Nam" | "Nữ") prefixes each label under it: "Ngày sinh Nam"."""
    if below is None:
        return [cell_text(value) for value in top]
    labels: list[str] = []
    parent = ""
    for index in range(max(len(top), len(below))):
        upper = cell_text(top[index]) if index < len(top) else ""
        lower = cell_text(below[index]) if index < len(below) else ""
        if upper:
            parent = upper
        labels.append(" ".join(part for part in (upper or parent, lower) if part) if lower else upper)
    return labels


_NUMBERING = re.compile(r"^\(?(\d{1,2})\)?$")


def is_column_numbering(values: tuple[Any, ...]) -> bool:
    """The row numbering the columns under a printed header: (1) (2) (3)… or 1 2 3…"""
    numbers = []
    for value in values:
        if is_blank((value,)):
            continue
        match = _NUMBERING.match(cell_text(value))
        if match is None:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and numbers == sorted(set(numbers)) and numbers[0] == 1


# Lines under the table: its total and the signature block ("Người lập biểu", "GIÁM ĐỐC", the place
# and date, "(Ký, ghi rõ họ tên)"). The first of them ends the table: the names under it are signatures.
_FOOTER = re.compile(
    r"^(tong cong|tong so|cong tong|nguoi lap|giam doc|pho giam doc|thu truong|truong phong|ke toan|"
    r"lanh dao|xac nhan|ky ghi ro|ky ten|ky va ghi ro|ky dong dau|noi nhan)\b"
    r"|\bngay \d* ?thang \d* ?nam \d*$"
)


def is_footer(values: tuple[Any, ...]) -> bool:
    return any(isinstance(value, str) and _FOOTER.search(header_key(value)) for value in values)


def find_header(rows: Iterator[tuple[int, tuple[Any, ...]]]) -> tuple[RosterHeader, list[tuple[int, tuple]]]:
    """The row among the first few that names the most fields, with the row under it when the
    header spans two; the rows read past it are returned, without a row numbering the columns."""
    scanned: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in rows:
        scanned.append((number, values))
        if len(scanned) >= HEADER_SCAN_ROWS:
            break
    candidates = [(number, values) for number, values in scanned if not is_blank(values)]
    if not candidates:
        raise RosterFileError(gettext_lazy("The file is empty: its first sheet has no rows."))

    def score(values: tuple[Any, ...]) -> int:
        return sum(1 for value in values if _match(header_key(value)))

    best_number, best_values = max(candidates, key=lambda candidate: (score(candidate[1]), -candidate[0]))
    below = next((values for number, values in scanned if number == best_number + 1), None)
    last_header_row = best_number
    if below is not None and _is_sub_header(best_values, below):
        labels = _header_labels(best_values, below)
        last_header_row += 1
    else:
        labels = _header_labels(best_values, None)
    last = len(labels)
    while last and not labels[last - 1]:
        last -= 1
    columns = tuple(
        label or _("(column %(letter)s)") % {"letter": get_column_letter(index + 1)}
        for index, label in enumerate(labels[:last])
    )
    rest = [(number, values) for number, values in scanned if number > last_header_row]
    if rest and is_column_numbering(rest[0][1]):
        rest = rest[1:]
    first = next((values for number, values in rest if not is_blank(values)), ())
    samples = tuple(cell_text(first[index]) if index < len(first) else "" for index in range(len(columns)))
    return RosterHeader(row=best_number, columns=columns, samples=samples), rest


def read_header(path: Path) -> RosterHeader:
    rows = sheet_rows(path)
    try:
        header, _rest = find_header(rows)
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
    # Split by sex, the birth-date columns give both the birth date and the sex; the marked columns the sex.
    given = set(seen)
    if all(key in seen for key in SPLIT_BIRTH_KEYS):
        given |= {"date_of_birth", "sex"}
    if all(key in seen for key in SEX_MARK_KEYS):
        given.add("sex")
    missing = [str(FIELDS_BY_KEY[f.key].label) for f in FIELDS if f.required and f.key not in given]
    if missing:
        problems.append(_("Choose a column for each required field: %(fields)s.") % {"fields": ", ".join(missing)})
    if problems:
        raise MappingError(list(dict.fromkeys(problems)))
