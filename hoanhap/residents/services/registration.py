"""Registering a person and keeping their identity up to date."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditlog.context import disable_auditlog
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import capabilities_in
from hoanhap.audit.services import record_creation
from hoanhap.audit.writes import audited_write
from hoanhap.core import clock
from hoanhap.core.locking import bump_version, lock_row, locked
from hoanhap.core.models import Facility
from hoanhap.core.record_numbers import format_record_number, last_number, prefix

from ..errors import DomainError, PossibleDuplicate
from ..models import FamilyContact, Resident, Sex, Substance
from ..selectors import possible_duplicates
from ..validators import check_citizen_id_matches, validate_citizen_id, validate_date_of_birth
from .common import record_timeline_event, require_manage

IDENTITY_FIELDS: tuple[str, ...] = (
    "record_number",
    "full_name",
    "other_names",
    "date_of_birth",
    "sex",
    "ethnicity",
    "citizen_id",
    "permanent_province",
    "permanent_commune",
    "permanent_address",
    "current_province",
    "current_commune",
    "current_address",
    "education",
    "occupation",
    "substances",
    "first_use_year",
    "prior_rehab_count",
    "has_criminal_record",
    "has_drug_offence_record",
    "was_sanctioned_for_drug_use",
    "criminal_record_note",
)
_PHONE = re.compile(r"\+?[0-9][0-9 .\-]{6,18}[0-9]")


@dataclass(frozen=True)
class ContactData:
    relation: str
    full_name: str
    phone: str = ""
    address: str = ""
    id: int | None = None


def _error(error: ValidationError, field: str) -> DomainError:
    message = error.messages[0] if error.messages else str(error)
    return DomainError(message, code=str(error.code or "invalid"), field=field)


def _clean_identity(
    *, actor: User, facility_id: int, fields: Mapping[str, Any], resident: Resident | None
) -> dict[str, Any]:
    """Validate and normalise identity fields; sensitive fields need the capability to see them."""
    unknown = set(fields) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"Not identity fields: {sorted(unknown)}")
    allowed = capabilities_in(actor, facility_id)
    for name in fields:
        capability = Resident.SENSITIVE_FIELDS.get(name)
        if capability is not None and capability not in allowed:
            raise PermissionDenied
    cleaned = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    merged = {name: getattr(resident, name) for name in IDENTITY_FIELDS} if resident else {}
    merged.update(cleaned)
    today = clock.today()

    if not merged.get("full_name"):
        raise DomainError(_("Enter the full name."), code="required", field="full_name")
    date_of_birth = merged.get("date_of_birth")
    if date_of_birth is None:
        raise DomainError(_("Enter the date of birth."), code="required", field="date_of_birth")
    try:
        validate_date_of_birth(date_of_birth, today=today)
    except ValidationError as error:
        raise _error(error, "date_of_birth") from None
    if merged.get("sex") not in Sex.values:
        raise DomainError(_("Choose the sex."), code="required", field="sex")
    citizen_id = merged.get("citizen_id") or ""
    if citizen_id and ("citizen_id" in cleaned or {"date_of_birth", "sex"} & set(cleaned)):
        try:
            validate_citizen_id(citizen_id)
            check_citizen_id_matches(citizen_id, date_of_birth=date_of_birth, sex=merged["sex"])
        except ValidationError as error:
            raise _error(error, "citizen_id") from None
    if "substances" in cleaned:
        substances = list(dict.fromkeys(cleaned["substances"] or []))
        if not set(substances) <= set(Substance.values):
            raise DomainError(_("Choose substances from the list."), code="invalid", field="substances")
        cleaned["substances"] = substances
    first_use_year = merged.get("first_use_year")
    if first_use_year is not None and not date_of_birth.year <= first_use_year <= today.year:
        raise DomainError(
            _("The year of first use must be between the year of birth and this year."),
            code="invalid",
            field="first_use_year",
        )
    prior = merged.get("prior_rehab_count")
    if prior is not None and prior < 0:
        raise DomainError(_("Enter a number of 0 or more."), code="invalid", field="prior_rehab_count")
    if cleaned.get("record_number"):
        taken = Resident.objects.filter(facility_id=facility_id, record_number=cleaned["record_number"])
        if resident is not None:
            taken = taken.exclude(pk=resident.pk)
        if taken.exists():
            raise DomainError(
                _("Another resident of this facility has this record number."), code="taken", field="record_number"
            )
    return cleaned


def _clean_contacts(contacts: Iterable[ContactData]) -> list[ContactData]:
    cleaned = []
    for contact in contacts:
        if not contact.relation.strip() or not contact.full_name.strip():
            raise DomainError(
                _("A family contact needs a relation and a name."), code="contact_incomplete", field="contacts"
            )
        phone = contact.phone.strip()
        if phone and not _PHONE.fullmatch(phone):
            raise DomainError(
                _("Check the phone number of %(name)s."), code="phone_invalid", field="contacts", name=contact.full_name
            )
        cleaned.append(
            ContactData(
                relation=contact.relation.strip(),
                full_name=contact.full_name.strip(),
                phone=phone,
                address=contact.address.strip(),
                id=contact.id,
            )
        )
    return cleaned


def next_record_number(facility: Facility) -> str:
    """The facility's next free record number in its format, for this year."""
    return allocate_record_numbers(facility, 1)[0]


def allocate_record_numbers(facility: Facility, count: int, *, reserved: Iterable[str] = ()) -> list[str]:
    """`count` free record numbers of the facility, in its format (`Facility.record_number_format`),
    numbered on after the highest of this year (the roster import takes a block for its rows;
    `reserved` are the numbers the same file brings). The caller holds the facility row locked
    (lock_row), so two registrations never draw the same number."""
    reserved = set(reserved)
    pattern, year = facility.record_number_format, clock.today().year
    this_year = Resident.objects.filter(facility=facility, record_number__startswith=prefix(pattern, year=year))
    # The sequence is the record number's last number (core/record_numbers.py); a year holds a
    # few thousand records at most.
    n = max((last_number(number) for number in this_year.values_list("record_number", flat=True)), default=0)
    numbers: list[str] = []
    while len(numbers) < count:
        batch = [format_record_number(pattern, year=year, seq=n + k) for k in range(1, count - len(numbers) + 1)]
        taken = reserved | set(this_year.filter(record_number__in=batch).values_list("record_number", flat=True))
        numbers += [number for number in batch if number not in taken]
        n += len(batch)
    return numbers


def _save_contacts(resident: Resident, contacts: Sequence[ContactData]) -> None:
    existing = {contact.pk: contact for contact in resident.family_contacts.all()}
    kept = set()
    for data in contacts:
        contact = existing.get(data.id) if data.id is not None else None
        if contact is None:
            contact = FamilyContact(resident=resident)
        else:
            kept.add(contact.pk)
        contact.relation, contact.full_name = data.relation, data.full_name
        contact.phone, contact.address = data.phone, data.address
        contact.save()
    for pk, contact in existing.items():
        if pk not in kept:
            contact.delete()


MAX_PHOTO_BYTES = 5 * 1024 * 1024


def _check_photo(photo: UploadedFile) -> None:
    if photo.size and photo.size > MAX_PHOTO_BYTES:
        raise DomainError(_("A photo may be at most 5 MB."), code="photo_too_large", field="photo")
    try:
        with Image.open(photo) as image:
            image.verify()
            image_format = image.format
    except Exception:
        image_format = None
    finally:
        photo.seek(0)
    if image_format not in {"JPEG", "PNG"}:
        raise DomainError(_("The photo must be a JPEG or PNG image."), code="photo_invalid", field="photo")


def _save_photo(resident: Resident, photo: UploadedFile) -> None:
    if resident.photo:
        resident.photo.delete(save=False)
    resident.photo.save(photo.name or "photo.jpg", photo, save=False)


@audited_write(event="residents.resident_registered")
def register_resident(
    *,
    actor: User,
    facility: Facility,
    identity: Mapping[str, Any],
    contacts: Sequence[ContactData] = (),
    photo: UploadedFile | None = None,
    confirmed_different_person: bool = False,
) -> Resident:
    """A new person. If someone visible to the actor has the same ID number, or the same name and
    date of birth, refuse with `PossibleDuplicate` unless the actor confirmed it is another person:
    a returning person gets a new episode (`admit_resident`), never a second resident."""
    require_manage(actor, facility.pk)
    # Record numbers are checked and drawn one registration at a time in a facility.
    lock_row(Facility, facility.pk)
    cleaned = _clean_identity(actor=actor, facility_id=facility.pk, fields=identity, resident=None)
    contacts = _clean_contacts(contacts)
    if photo is not None:
        _check_photo(photo)
    if not confirmed_different_person:
        candidates = possible_duplicates(
            actor,
            citizen_id=cleaned.get("citizen_id", ""),
            full_name=cleaned["full_name"],
            date_of_birth=cleaned["date_of_birth"],
        )
        if candidates:
            raise PossibleDuplicate(
                _(
                    "This person may already be registered. Open their record to admit them again, "
                    "or confirm that this is a different person."
                ),
                candidates=candidates,
            )
    resident = Resident(facility=facility, **cleaned)
    if not resident.record_number:
        resident.record_number = next_record_number(facility)
    resident.build_search_text()
    if photo is not None:
        _save_photo(resident, photo)
    # One audit entry states the person and the contacts given with them.
    with disable_auditlog():
        resident.save()
    new_contacts = FamilyContact.objects.bulk_create(
        FamilyContact(
            resident=resident, relation=data.relation, full_name=data.full_name, phone=data.phone, address=data.address
        )
        for data in contacts
    )
    record_creation(resident, rows={"family_contacts": new_contacts})
    record_timeline_event(
        actor=actor,
        resident=resident,
        kind="residents.registered",
        occurred_on=clock.today(),
        summary=resident.record_number,
        source=resident,
    )
    return resident


@audited_write(event="residents.identity_updated")
def update_resident(
    *,
    actor: User,
    resident: Resident,
    expected_version: int,
    identity: Mapping[str, Any],
    contacts: Sequence[ContactData] | None = None,
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
) -> Resident:
    """Change identity fields (only those given), the family contacts (when given, the full list)
    and the photo. Refused with `StaleVersion` if the record changed since `expected_version`."""
    require_manage(actor, resident.facility_id)
    resident = locked(resident, expected_version)
    cleaned = _clean_identity(actor=actor, facility_id=resident.facility_id, fields=identity, resident=resident)
    if contacts is not None:
        contacts = _clean_contacts(contacts)
    if photo is not None:
        _check_photo(photo)
    changed = [name for name, value in cleaned.items() if getattr(resident, name) != value]
    for name, value in cleaned.items():
        setattr(resident, name, value)
    if not resident.record_number:
        raise DomainError(_("Enter the record number."), code="required", field="record_number")
    resident.build_search_text()
    if remove_photo and resident.photo:
        resident.photo.delete(save=False)
        resident.photo = None
    if photo is not None:
        _save_photo(resident, photo)
    bump_version(resident)
    resident.save()
    if contacts is not None:
        _save_contacts(resident, contacts)
    record_timeline_event(
        actor=actor,
        resident=resident,
        kind="residents.identity_changed",
        occurred_on=clock.today(),
        # Which fields, never their values: the journal is read more widely than sensitive data.
        summary=", ".join(str(Resident._meta.get_field(name).verbose_name) for name in changed),  # type: ignore[union-attr]
        source=resident,
    )
    return resident
