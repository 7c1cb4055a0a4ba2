"""The shapes of the residents API (django-ninja schemas): lengths and ranges bound every input,
so that nothing typed reaches the database out of range (a 422, never a 500)."""

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from hoanhap.core.text import NUL_MESSAGE

from .models import LegalEvent


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
    detail: str
    code: str = ""
    field: str | None = None
    candidates: list[int] = []


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
