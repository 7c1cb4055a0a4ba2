"""The person: a resident (học viên) with their sensitive personal data, family contacts, and the
private storage that keeps their photo.

Fields holding sensitive personal data (Law 91/2025/QH15) are listed in `Resident.SENSITIVE_FIELDS`
with the capability needed to see them; templates and the API show them only to those roles.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Capability
from hoanhap.core.collation import name_sort_key
from hoanhap.core.models import FacilityScopedModel, TimeStampedModel
from hoanhap.core.storage import private_storage as _private_storage
from hoanhap.core.text import fold


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Substance(models.TextChoices):
    HEROIN = "heroin", _("Heroin")
    METHAMPHETAMINE = "methamphetamine", _("Methamphetamine (crystal)")
    AMPHETAMINE = "amphetamine", _("Amphetamine-type pills")
    CANNABIS = "cannabis", _("Cannabis")
    OPIUM = "opium", _("Opium")
    ECSTASY = "ecstasy", _("Ecstasy (MDMA)")
    KETAMINE = "ketamine", _("Ketamine")
    SYNTHETIC = "synthetic", _("New synthetic drugs")
    OTHER = "other", _("Other")


# The callable the migrations name (`storage=private_storage`); the storage is the kernel's.
private_storage = _private_storage


def photo_path(instance: Resident, filename: str) -> str:
    # A random name: the file name must not carry the person's name or ID number.
    suffix = PurePath(filename).suffix.lower()[:6] or ".jpg"
    return f"residents/photos/{uuid.uuid4().hex}{suffix}"


class Resident(FacilityScopedModel):
    """A person; each stay is an Episode. A returning person gets a new episode, never a new resident.

    `facility` is where the person is now (it moves on a transfer); a facility the person left
    keeps reading its own history through its episodes (see `selectors.residents_visible_to`).
    """

    record_number = models.CharField(_("record number"), max_length=30)
    full_name = models.CharField(_("full name"), max_length=150)
    other_names = models.CharField(_("other names"), max_length=150, blank=True)
    # Folded name, other names and record number: one column serves every name search. Its
    # indexes differ by engine (migrations 0004 and 0005: B-trees in byte order, and a pg_trgm GIN
    # index or an FTS5 table). Always set through `build_search_text()`.
    search_text = models.CharField(max_length=400, editable=False)
    # The full name in Vietnamese alphabetical order (given name first; `core.collation`): the
    # list's order by name, an index range in byte order on both engines (migration 0009).
    # Nullable only so that adding it needs no table remake on SQLite; always set with
    # `search_text` by `build_search_text()`.
    name_sort_key = models.CharField(max_length=400, null=True, editable=False)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    citizen_id = models.CharField(_("citizen ID number"), max_length=12, blank=True, db_index=True)
    # Addresses: province and commune/ward (two levels since 01/07/2025). The free-text line keeps
    # the house and street, and, for records made before the reform, the old full address as written.
    permanent_province = models.CharField(_("province (permanent address)"), max_length=100, blank=True)
    permanent_commune = models.CharField(_("commune/ward (permanent address)"), max_length=100, blank=True)
    permanent_address = models.CharField(_("permanent address"), max_length=300, blank=True)
    current_province = models.CharField(_("province (current address)"), max_length=100, blank=True)
    current_commune = models.CharField(_("commune/ward (current address)"), max_length=100, blank=True)
    current_address = models.CharField(_("current address"), max_length=300, blank=True)
    education = models.CharField(_("education"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    # Drug-use history: health data.
    substances = models.JSONField(_("substances used"), default=list, blank=True)
    first_use_year = models.PositiveSmallIntegerField(_("year of first use"), null=True, blank=True)
    prior_rehab_count = models.PositiveSmallIntegerField(_("rehabs before (outside this system)"), default=0)
    # Prior convictions ("tiền án": a criminal court's sentence) and administrative sanctions
    # ("tiền sự": a fine or measure under the Law on Handling Administrative Violations) are two
    # different records; each label says which one its field holds. Legal data.
    has_criminal_record = models.BooleanField(_("has a prior criminal conviction"), default=False)
    has_drug_offence_record = models.BooleanField(_("has a prior conviction for a drug offence"), default=False)
    was_sanctioned_for_drug_use = models.BooleanField(_("has an administrative sanction for drug use"), default=False)
    criminal_record_note = models.TextField(_("prior convictions and administrative sanctions"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=photo_path, storage=private_storage, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    SENSITIVE_FIELDS: dict[str, Capability] = {
        "citizen_id": Capability.VIEW_LEGAL_DATA,
        "ethnicity": Capability.VIEW_LEGAL_DATA,
        "has_criminal_record": Capability.VIEW_LEGAL_DATA,
        "has_drug_offence_record": Capability.VIEW_LEGAL_DATA,
        "was_sanctioned_for_drug_use": Capability.VIEW_LEGAL_DATA,
        "criminal_record_note": Capability.VIEW_LEGAL_DATA,
        "substances": Capability.VIEW_HEALTH_DATA,
        "first_use_year": Capability.VIEW_HEALTH_DATA,
        "prior_rehab_count": Capability.VIEW_HEALTH_DATA,
    }

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "record_number"], name="resident_unique_record_number"),
        ]
        indexes = [
            models.Index(fields=["date_of_birth"], name="resident_date_of_birth"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.record_number})"

    def audit_resident_id(self) -> int | None:
        return self.pk

    def build_search_text(self) -> str:
        """The folded text every search matches: names with and without diacritics, đ as d.

        The citizen ID number is left out on purpose: it is legal data, searched by exact match
        only where the user may see it (`selectors.search_residents`).
        """
        self.search_text = fold(" ".join(filter(None, [self.full_name, self.other_names, self.record_number])))
        self.name_sort_key = name_sort_key(self.full_name)
        return self.search_text

    @staticmethod
    def format_address(*parts: str) -> str:
        return ", ".join(part for part in parts if part)

    @property
    def permanent_address_display(self) -> str:
        return self.format_address(self.permanent_address, self.permanent_commune, self.permanent_province)

    @property
    def current_address_display(self) -> str:
        return self.format_address(self.current_address, self.current_commune, self.current_province)

    def substance_labels(self) -> list[str]:
        labels = dict(Substance.choices)
        return [str(labels.get(value, value)) for value in self.substances or []]


class FamilyContact(TimeStampedModel):
    """A relative to contact; visible with the resident it belongs to."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="family_contacts", verbose_name=_("resident")
    )
    relation = models.CharField(_("relation"), max_length=50)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("family contact")
        verbose_name_plural = _("family contacts")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.relation})"

    @property
    def facility_id(self) -> int:
        """The resident's facility, so audit entries of a contact are scoped like the resident's."""
        return self.resident.facility_id

    def audit_resident_id(self) -> int:
        return self.resident_id
