"""The resident roster as a spreadsheet: its columns, and the words centres write in them.

One table serves both directions. The import (`sheet.py`, `rows.py`) recognises a column by its header,
in Vietnamese or English, with or without diacritics; the export (`exports.py`) writes the same
Vietnamese headers and values, so a file exported here imports back unchanged.

The headers and cell values are Vietnamese whatever the interface language: the file is a
document exchanged with the centre's own Excel lists and the authority's forms, like the
certificate's wording. Everything shown on a page about the file (field names, errors) goes through
gettext as usual.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hoanhap.core.text import fold

from ..models import Episode, Sex
from ..terms import EpisodeKind, Stage


def header_key(text: object) -> str:
    """ "Thời hạn (tháng)" → "thoi han thang": folded, punctuation dropped, one space between words."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(str(text or ""))))


@dataclass(frozen=True)
class RosterField:
    key: str
    label: Promise
    header: str  # the Vietnamese header the export writes
    synonyms: tuple[str, ...] = ()  # other headers the import recognises, in any case and accents
    required: bool = False

    @functools.cached_property
    def header_keys(self) -> frozenset[str]:
        # Folded once per field: the import matches every header cell of the first rows against them.
        return frozenset(header_key(name) for name in (self.header, *self.synonyms))


# The fields a roster row fills: the resident's identity and their current episode.
FIELDS: tuple[RosterField, ...] = (
    RosterField(
        "record_number",
        _("record number"),
        "Số hồ sơ",
        ("Mã học viên", "Mã HV", "Mã hồ sơ", "Số HS", "Record number", "Record no"),
    ),
    RosterField(
        "full_name",
        _("full name"),
        "Họ và tên",
        ("Họ tên", "Họ tên học viên", "Họ và tên học viên", "Full name", "Name"),
        required=True,
    ),
    RosterField("other_names", _("other names"), "Tên gọi khác", ("Tên khác", "Bí danh", "Other names", "Alias")),
    RosterField(
        "date_of_birth",
        _("date of birth"),
        "Ngày sinh",
        ("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày", "Date of birth", "Birth date", "DOB"),
        required=True,
    ),
    # Centres' lists often split the birth date by sex: "Ngày sinh" over two columns, "Nam" and "Nữ".
    RosterField(
        "date_of_birth_male",
        _("date of birth (men's column)"),
        "Ngày sinh Nam",
        ("Năm sinh Nam", "Ngày tháng năm sinh Nam"),
    ),
    RosterField(
        "date_of_birth_female",
        _("date of birth (women's column)"),
        "Ngày sinh Nữ",
        ("Năm sinh Nữ", "Ngày tháng năm sinh Nữ"),
    ),
    RosterField("sex", _("sex"), "Giới tính", ("Nam/Nữ", "Sex", "Gender"), required=True),
    # …and the sex by a mark ("x") under "Giới tính" split into "Nam" and "Nữ".
    RosterField("sex_male_mark", _("sex (men's column, marked)"), "Giới tính Nam", ("Nam/Nữ Nam",)),
    RosterField("sex_female_mark", _("sex (women's column, marked)"), "Giới tính Nữ", ("Nam/Nữ Nữ",)),
    RosterField("ethnicity", _("ethnicity"), "Dân tộc", ("Ethnicity",)),
    RosterField(
        "citizen_id",
        _("citizen ID number"),
        "Số định danh cá nhân",
        (
            "Số CCCD",
            "CCCD",
            "Căn cước",
            "Số căn cước",
            "Căn cước công dân",
            "Số căn cước công dân",
            "CMND/CCCD",
            "Số CMND/CCCD",
            "Số CMND",
            "Số định danh",
            "Citizen ID",
            "Citizen ID number",
            "ID number",
        ),
    ),
    RosterField(
        "permanent_province",
        _("province (permanent address)"),
        "Tỉnh/thành phố thường trú",
        ("Tỉnh", "Tỉnh/thành phố", "Tỉnh/TP", "Tỉnh thường trú", "Province"),
    ),
    RosterField(
        "permanent_commune",
        _("commune/ward (permanent address)"),
        "Xã/phường thường trú",
        ("Xã", "Phường", "Xã/phường", "Phường/xã", "Xã/phường/thị trấn", "Xã thường trú", "Commune", "Ward"),
    ),
    RosterField(
        "permanent_address",
        _("permanent address"),
        "Địa chỉ thường trú",
        ("Địa chỉ", "Nơi thường trú", "Thường trú", "Nơi đăng ký thường trú", "Permanent address", "Address"),
    ),
    RosterField(
        "admitted_on",
        _("admission date"),
        "Ngày vào cơ sở",
        ("Ngày vào", "Ngày tiếp nhận", "Ngày nhập cơ sở", "Admission date", "Admitted on", "Date of admission"),
    ),
    RosterField(
        "kind",
        _("kind of rehab"),
        "Hình thức cai nghiện",
        ("Hình thức", "Loại", "Loại cai nghiện", "Diện", "Kind", "Kind of rehab", "Type"),
        required=True,
    ),
    RosterField(
        "term_months",
        _("term (months)"),
        "Thời hạn (tháng)",
        ("Thời hạn", "Số tháng", "Thời gian cai nghiện", "Thời hạn cai nghiện", "Term", "Term months"),
        required=True,
    ),
    RosterField(
        "decision_number",
        _("decision number"),
        "Số quyết định",
        ("Quyết định số", "Số QĐ", "QĐ số", "Quyết định", "Decision number", "Decision no"),
    ),
    RosterField(
        "decision_on",
        _("decision date"),
        "Ngày quyết định",
        ("Ngày QĐ", "Ngày ra quyết định", "Ngày ký quyết định", "Quyết định ngày", "QĐ ngày", "Decision date"),
    ),
    RosterField(
        "decided_by",
        _("issued by"),
        "Cơ quan ra quyết định",
        ("Nơi ra quyết định", "Tòa án", "Cơ quan quyết định", "Issued by", "Court"),
    ),
    RosterField("stage", _("stage"), "Giai đoạn", ("Giai đoạn cai nghiện", "Stage")),
    RosterField(
        "stage_since_on",
        _("in this stage since"),
        "Ngày bắt đầu giai đoạn",
        ("Từ ngày (giai đoạn)", "Ngày vào giai đoạn", "Stage since", "In this stage since"),
    ),
)
FIELDS_BY_KEY: Mapping[str, RosterField] = {field.key: field for field in FIELDS}
# A column for each of these is needed; the birth date and the sex may come from the split columns.
REQUIRED_KEYS: frozenset[str] = frozenset(field.key for field in FIELDS if field.required)
SPLIT_BIRTH_KEYS = ("date_of_birth_male", "date_of_birth_female")
SEX_MARK_KEYS = ("sex_male_mark", "sex_female_mark")
# Columns a centre's list splits by sex; the export and the template write the plain ones.
SPLIT_KEYS = SPLIT_BIRTH_KEYS + SEX_MARK_KEYS
# A row needs these filled (the admission date may come from the clerk's default for the file).
ROW_REQUIRED_KEYS: frozenset[str] = REQUIRED_KEYS | {"admitted_on"}


# --- Values, both ways ----------------------------------------------------------------------
# The export writes the first word of each list; the import accepts every one of them.

SEX_WORDS: Mapping[str, tuple[str, ...]] = {
    Sex.MALE: ("Nam", "male", "m"),
    Sex.FEMALE: ("Nữ", "female", "f"),
}
KIND_WORDS: Mapping[str, tuple[str, ...]] = {
    EpisodeKind.VOLUNTARY: ("Tự nguyện", "TN", "voluntary"),
    EpisodeKind.COMPULSORY: ("Bắt buộc", "BB", "compulsory"),
    EpisodeKind.COMPULSORY_MINOR: (
        "Bắt buộc (người chưa thành niên)",
        "Bắt buộc chưa thành niên",
        "BB chưa thành niên",
        "Compulsory (minor)",
        "Compulsory, minor",
        "compulsory_minor",
    ),
}
# Stage names from GLOSSARY.md; a number 1–5 ("Giai đoạn 2") is accepted too.
STAGE_WORDS: Mapping[str, tuple[str, ...]] = {
    Stage.RECEPTION: ("Tiếp nhận, phân loại", "Tiếp nhận", "reception"),
    Stage.DETOX: ("Điều trị cắt cơn, giải độc", "Cắt cơn", "Cắt cơn, giải độc", "detox"),
    Stage.REHABILITATION: (
        "Giáo dục, tư vấn, phục hồi hành vi nhân cách",
        "Giáo dục",
        "Phục hồi hành vi nhân cách",
        "Giáo dục, phục hồi hành vi nhân cách",
        "rehabilitation",
    ),
    Stage.LABOUR_THERAPY: ("Lao động trị liệu, học nghề", "Lao động trị liệu", "Học nghề", "labour_therapy"),
    Stage.REINTEGRATION: ("Chuẩn bị tái hòa nhập cộng đồng", "Tái hòa nhập", "reintegration"),
}
STATUS_WORDS: Mapping[str, str] = {
    Episode.Status.ACTIVE: "Đang cai nghiện",
    Episode.Status.ON_LEAVE: "Đang về phép",
    Episode.Status.ABSCONDED: "Bỏ trốn",
    Episode.Status.IN_HOSPITAL: "Đang điều trị tại bệnh viện",
    Episode.Status.CLOSED: "Đã kết thúc",
}


def _lookup(words: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for value, names in words.items():
        for name in (value, *names):
            table[header_key(name)] = value
    return table


_SEX = _lookup(SEX_WORDS)
_KIND = _lookup(KIND_WORDS)
_STAGE = _lookup(STAGE_WORDS)
_STAGE_NUMBER = re.compile(r"^(?:giai doan |gd )?([1-5])$")


def vietnamese(words: Mapping[str, tuple[str, ...]], value: str) -> str:
    """The word the export writes for a stored value: "female" → "Nữ"."""
    return words[value][0] if value in words else value


@functools.lru_cache(maxsize=512)
def parse_sex(text: str) -> str | None:
    return _SEX.get(header_key(text))


@functools.lru_cache(maxsize=512)
def parse_kind(text: str) -> str | None:
    return _KIND.get(header_key(text))


@functools.lru_cache(maxsize=512)
def parse_stage(text: str) -> str | None:
    key = header_key(text)
    if key in _STAGE:
        return _STAGE[key]
    number = _STAGE_NUMBER.match(key)
    return tuple(Stage)[int(number.group(1)) - 1] if number else None


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: object) -> date | None:
    """An Excel date, or text "dd/mm/yyyy" (also with "-" or "."; ISO "yyyy-mm-dd" too).

    Returns None for anything else, including a bare number: a year of birth typed as 1990 is
    not a date, and guessing would invent one.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := _DATE_TEXT.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE_TEXT.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


_MONTH_YEAR_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR_TEXT = re.compile(r"^(\d{4})$")
# Excel counts days from 30/12/1899; a date cell saved without its date format reads as that count.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = range(3000, 80000)  # 1908 to 2118; a year (1990) stays below


def parse_any_date(value: object, *, partial: bool = False) -> tuple[date | None, bool]:
    """`parse_date`, and also a date cell that lost its format (Excel's day count). With `partial`
    (a birth date, which centres often know only in part), "12/1990" and 1990 too: then the first
    day of the month or year is returned and the second value says it was filled in."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
        if number in _EXCEL_SERIALS:
            return _EXCEL_EPOCH + timedelta(days=number), False
        value = str(number)
    parsed = parse_date(value)
    if parsed is not None or not partial or not isinstance(value, str):
        return parsed, False
    text = value.strip()
    try:
        if match := _MONTH_YEAR_TEXT.match(text):
            return date(int(match.group(2)), int(match.group(1)), 1), True
        if match := _YEAR_TEXT.match(text):
            return date(int(match.group(1)), 1, 1), True
    except ValueError:
        return None, False
    return None, False


def cell_text(value: object) -> str:
    """A cell as the text a person typed: 12.0 → "12", a date → "31/01/1990", None → ""."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- The personal identification number (checked by validators.py) ---------------------------

CITIZEN_ID_LENGTH = 12


def citizen_id_from_cell(value: object) -> str:
    """Excel drops leading zeros from an ID typed as a number; every province code starts with 0."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value)).zfill(CITIZEN_ID_LENGTH)
    return re.sub(r"[\s.]", "", cell_text(value))
