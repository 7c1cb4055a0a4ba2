"""The shapes of the residents API (django-ninja schemas): lengths and ranges bound every input,
so that nothing typed reaches the database out of range (a 422, never a 500)."""

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict
from pydantic_core import PydanticCustomError

from hoanhap.core.text import NUL_MESSAGE

from .models import LegalEvent
from .selectors import ResidentFilters
from .terms import ConductGrade


def _refuse_nul(value: str) -> str:
    # The forms refuse a NUL character (Django's ProhibitNullCharactersValidator): so does the API.
    if "\x00" in value:
        raise PydanticCustomError("null_character", str(NUL_MESSAGE))
    return value


# Every text an API caller sends: the same characters the forms accept.
CleanStr = Annotated[str, AfterValidator(_refuse_nul)]

# Ids beyond a 64-bit integer are refused (422) before they reach the database.
MAX_ID = 2**63 - 1


class ErrorOut(Schema):
    """A refusal: 400 (a rule), 403 (no permission), 404 (not found, or another facility's),
    409 (someone saved first, or a possible duplicate with its `candidates`)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "detail": "The term must be 24 months for a first compulsory rehab.",
                    "code": "term_out_of_range",
                    "field": "term_months",
                }
            ]
        }
    )

    detail: str
    code: str = ""
    field: str | None = None
    candidates: list[int] = []


class FieldErrorOut(Schema):
    type: str = Field(description="pydantic's error type: missing, less_than_equal, date_parsing, …")
    loc: list[str | int]
    field: str | None = Field(description="The field, dotted: `contacts.0.full_name`.")
    msg: str = Field(description="In the caller's language (Accept-Language; Vietnamese by default).")


class ValidationErrorOut(Schema):
    """422: input the schema refuses, each value beside its field."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "detail": [
                        {
                            "type": "less_than_equal",
                            "loc": ["body", "payload", "term_months"],
                            "field": "term_months",
                            "msg": "Enter a number of at most 120.",
                        }
                    ]
                }
            ]
        }
    )

    detail: list[FieldErrorOut]


class EpisodeOut(Schema):
    id: int
    facility_id: int
    kind: str
    stage: str
    stage_since_on: date
    stage_planned_end_on: date | None
    status: str
    outcome: str
    admitted_on: date
    term_months: int
    credited_days: int
    decision_number: str
    decision_on: date | None
    zone_id: int | None
    room_id: int | None
    expected_release_on: date | None
    closed_on: date | None
    version: int


class CurrentEpisodeOut(EpisodeOut):
    release_on_if_present: date
    release_derivation: str
    clock_stopped: bool


class ResidentOut(Schema):
    id: int
    facility_id: int
    record_number: str
    full_name: str
    date_of_birth: date
    sex: str


class ResidentDetailOut(ResidentOut):
    other_names: str
    permanent_province: str
    permanent_commune: str
    permanent_address: str
    current_province: str
    current_commune: str
    current_address: str
    education: str
    occupation: str
    has_photo: bool
    version: int
    # Sensitive: null unless the caller may see them (Resident.SENSITIVE_FIELDS).
    ethnicity: str | None = None
    citizen_id: str | None = None
    has_criminal_record: bool | None = None
    has_drug_offence_record: bool | None = None
    was_sanctioned_for_drug_use: bool | None = None
    criminal_record_note: str | None = None
    substances: list[str] | None = None
    first_use_year: int | None = None
    prior_rehab_count: int | None = None
    current_episode: CurrentEpisodeOut | None = None


class ContactIn(Schema):
    relation: CleanStr = Field(max_length=50)
    full_name: CleanStr = Field(max_length=150)
    phone: CleanStr = Field("", max_length=30)
    address: CleanStr = Field("", max_length=300)


class RegisterIn(Schema):
    facility_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Needed when the caller manages residents in several facilities."
    )
    record_number: CleanStr = Field("", max_length=30)
    full_name: CleanStr = Field(max_length=150)
    other_names: CleanStr = Field("", max_length=150)
    date_of_birth: date
    sex: Literal["male", "female"]
    ethnicity: CleanStr | None = Field(None, max_length=50)
    citizen_id: CleanStr | None = Field(None, max_length=12)
    permanent_province: CleanStr = Field("", max_length=100)
    permanent_commune: CleanStr = Field("", max_length=100)
    permanent_address: CleanStr = Field("", max_length=300)
    current_province: CleanStr = Field("", max_length=100)
    current_commune: CleanStr = Field("", max_length=100)
    current_address: CleanStr = Field("", max_length=300)
    education: CleanStr = Field("", max_length=100)
    occupation: CleanStr = Field("", max_length=100)
    substances: list[CleanStr] | None = Field(None, max_length=20)
    first_use_year: int | None = Field(None, ge=1900, le=2200)
    prior_rehab_count: int | None = Field(None, ge=0, le=100)
    has_criminal_record: bool | None = None
    has_drug_offence_record: bool | None = None
    was_sanctioned_for_drug_use: bool | None = None
    criminal_record_note: CleanStr | None = Field(None, max_length=5000)
    contacts: list[ContactIn] = Field([], max_length=10)
    confirm_different_person: bool = False


class AdmitIn(Schema):
    kind: Literal["voluntary", "compulsory"]
    admitted_on: date
    term_months: int = Field(ge=1, le=120)
    zone_id: int = Field(ge=1, le=MAX_ID)
    room_id: int = Field(ge=1, le=MAX_ID)
    requested_on: date | None = None
    decision_number: CleanStr = Field("", max_length=60)
    decision_on: date | None = None
    decided_by: CleanStr = Field("", max_length=150)
    credited_days: int = Field(0, ge=0, le=5000)
    prior_compulsory_outside: int = Field(0, ge=0, le=50)


class StageIn(Schema):
    to_stage: Literal["reception", "detox", "rehabilitation", "labour_therapy", "reintegration"]
    changed_on: date
    note: CleanStr = Field("", max_length=300)
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="The episode version read; a stale one is refused (409)."
    )


class EventIn(Schema):
    """One legal event; which fields it needs depends on `kind` (see the pages' forms)."""

    # The kinds of EVENT_SPECS (one spec per LegalEvent.Kind, tests/test_specs.py).
    kind: LegalEvent.Kind
    occurred_on: date | None = None
    decision_number: CleanStr = Field("", max_length=60)
    decision_on: date | None = None
    decided_by: CleanStr = Field("", max_length=150)
    note: CleanStr = Field("", max_length=5000)
    leave_reason: CleanStr = Field("", max_length=20)
    days: int | None = Field(None, ge=0, le=365)
    travel_days: int | None = Field(None, ge=0, le=60)
    place: CleanStr = Field("", max_length=200)
    return_manner: CleanStr = Field("", max_length=20)
    months: int | None = Field(None, ge=0, le=60)
    is_meritorious: bool = False
    to_facility_id: int | None = Field(None, ge=1, le=MAX_ID)
    discharge_reason: CleanStr = Field("", max_length=30)
    signed_by_name: CleanStr = Field("", max_length=150)
    version: int | None = Field(None, ge=1, le=2**31 - 1)


class EventOut(Schema):
    id: int
    kind: str
    occurred_on: date
    ended_on: date | None
    decision_number: str
    decision_on: date | None
    episode: EpisodeOut
    certificate_number: str | None = None


class SearchQuery(Schema):
    q: CleanStr = Field("", max_length=100)
    stage: CleanStr = Field("", max_length=20)
    kind: CleanStr = Field("", max_length=20)
    status: CleanStr = Field("", max_length=20)
    zone_id: int | None = Field(None, ge=1, le=MAX_ID)
    room_id: int | None = Field(None, ge=1, le=MAX_ID)

    def as_filters(self) -> ResidentFilters:
        return ResidentFilters(
            query=self.q,
            stage=self.stage,
            kind=self.kind,
            status=self.status,
            zone_id=self.zone_id,
            room_id=self.room_id,
        )


VersionField = Field(None, ge=1, le=2**31 - 1, description="The episode version read; a stale one is refused (409).")


class RoomIn(Schema):
    zone_id: int = Field(ge=1, le=MAX_ID)
    room_id: int = Field(ge=1, le=MAX_ID)
    on: date = Field(description="The day of the move; not in the future.")
    version: int | None = VersionField


class ChecklistItemOut(Schema):
    id: int
    item: str
    label: str
    done_on: date | None
    done_by: str | None


class ChecklistTickIn(Schema):
    done: bool = Field(True, description="false: not done after all.")
    done_on: date | None = Field(None, description="Today when left out; not before the admission.")


class GradeIn(Schema):
    month: date = Field(description="Any day of the month graded; stored as its first day.")
    grade: ConductGrade
    note: CleanStr = Field("", max_length=300)


class GradeOut(Schema):
    id: int
    month: date
    grade: str
    note: str


class AftercareOut(Schema):
    id: int
    status: str
    province: str
    commune: str
    starts_on: date
    months: int
    ends_on: date
    closed_on: date | None


class AftercareNoteIn(Schema):
    noted_on: date
    text: CleanStr = Field(min_length=1, max_length=5000)


class AftercareNoteOut(Schema):
    id: int
    noted_on: date
    text: str


class AftercareCloseIn(Schema):
    closed_on: date


class CertificateOut(Schema):
    id: int
    number: str
    issued_on: date
    episode_id: int


# --- Roster import ------------------------------------------------------------------------------

Mapping = dict[int, CleanStr]


class ImportColumnOut(Schema):
    index: int
    header: str
    sample: str = Field(description="The first value under the header, to help choose the field.")
    field: str | None = Field(description="The field the column fills; null: not imported.")


class RowErrorOut(Schema):
    row: int = Field(description="The row number in the sheet, as Excel shows it.")
    message: str


class RowWarningOut(Schema):
    row: int = Field(description="The row number in the sheet, as Excel shows it.")
    code: str = Field(description="approximate_date_of_birth, id_number_mismatch, term_ended, possible_duplicate…")
    key: str = Field(description='What to send in `accepted` to import the row anyway ("row:code").')
    message: str


class ImportDefaultsIn(Schema):
    """What the rows leave blank, as on the page's preview step."""

    stage: CleanStr | None = Field(None, max_length=30, description="The stage of rows without one.")
    stage_since_on: date | None = Field(None, description="Since when, for rows without a stage date.")
    admitted_on: date | None = Field(None, description="The admission date of rows without one.")


class ImportPreviewOut(Schema):
    ticket: str = Field(description="Names the uploaded file for the next steps; valid for 24 hours, for the uploader.")
    facility_id: int
    file_name: str
    columns: list[ImportColumnOut]
    row_count: int
    errors: list[RowErrorOut]
    warnings: list[RowWarningOut] = Field(description="Rows that import only once their warning is accepted.")
    can_import: bool = Field(description="No error is left; the warnings still need accepting.")


class ImportPreviewIn(Schema):
    ticket: CleanStr = Field(max_length=1000)
    defaults: ImportDefaultsIn | None = None
    mapping: Mapping = Field(
        max_length=200,
        description='Column index → field key (e.g. {"1": "full_name"}); a column left out is not imported.',
        examples=[{"1": "full_name", "2": "date_of_birth", "3": "sex"}],
    )


class ImportConfirmIn(Schema):
    ticket: CleanStr = Field(max_length=1000)
    mapping: Mapping | None = Field(
        None, max_length=200, description="As in the preview; the suggested columns if left out."
    )
    defaults: ImportDefaultsIn | None = None
    accepted: list[CleanStr] = Field(
        default_factory=list,
        max_length=5000,
        description='The `key` of every warning accepted, or "*:code" for every warning of a kind '
        '("*:approximate_date_of_birth"); each warning accepted is listed in the import\'s audit entry.',
    )


class ImportRefusedOut(ErrorOut):
    errors: list[RowErrorOut] = []
    warnings: list[RowWarningOut] = []


class ImportedOut(Schema):
    count: int
    file_name: str
