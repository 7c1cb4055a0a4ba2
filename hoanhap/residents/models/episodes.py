"""Residents (học viên) and their rehab episodes (đợt cai nghiện).

Fields holding sensitive personal data (Law 91/2025/QH15) are listed in SENSITIVE_FIELDS with
the capability needed to see them; templates and the API show them only to those roles.

Rows here are written only by `residents.services` (each write in one transaction with its
timeline event and, through django-auditlog, its audit entry); nothing happens in `save()`.
"""

from __future__ import annotations

import os
import uuid
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Capability
from hoanhap.core.models import FacilityScopedModel, Room, TimeStampedModel, Zone
from hoanhap.core.text import fold

from .. import terms
from ..terms import EpisodeKind, Stage

KIND_CHOICES = [
    (EpisodeKind.VOLUNTARY, _("Voluntary")),
    (EpisodeKind.COMPULSORY, _("Compulsory")),
    (EpisodeKind.COMPULSORY_MINOR, _("Compulsory (minor)")),
]
STAGE_CHOICES = [
    (Stage.RECEPTION, _("1. Reception and classification")),
    (Stage.DETOX, _("2. Detox and treatment")),
    (Stage.REHABILITATION, _("3. Education, counselling, behaviour rehabilitation")),
    (Stage.LABOUR_THERAPY, _("4. Labour therapy and vocational training")),
    (Stage.REINTEGRATION, _("5. Preparation for reintegration")),
]
GRADE_CHOICES = [(grade.value, grade.label) for grade in terms.ConductGrade]


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


class PrivateStorage(FileSystemStorage):
    """Files outside the public media tree, with no URL: `residents:photo` serves a photo after
    checking access (Law 91/2025: a photo identifies the person). The place is read from the
    settings on each use: PRIVATE_MEDIA_ROOT, else MEDIA_ROOT/private."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return str(root) if root else os.path.join(settings.MEDIA_ROOT, "private")

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


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
    # Criminal-record flags: legal data.
    has_criminal_record = models.BooleanField(_("has a criminal record"), default=False)
    has_drug_offence_record = models.BooleanField(_("convicted of a drug offence"), default=False)
    was_sanctioned_for_drug_use = models.BooleanField(_("sanctioned before for drug use"), default=False)
    criminal_record_note = models.TextField(_("criminal record"), blank=True)
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


class Episode(FacilityScopedModel):
    """One stay from admission to discharge, moving through the five stages of Law 73/2021 art. 29.

    A transfer closes the episode at the sending facility (outcome TRANSFERRED) and opens one at
    the receiving facility that continues the same term (`transferred_from`, `term_start_on`,
    `carried_*`), so each facility keeps its own rows.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("In rehab")
        ON_LEAVE = "on_leave", _("On leave")
        ABSCONDED = "absconded", _("Absconded")
        IN_HOSPITAL = "in_hospital", _("In hospital")
        SUSPENDED = "suspended", _("Postponed")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("Completed")
        TRANSFERRED = "transferred", _("Transferred to another facility")
        EXEMPTED = "exempted", _("Exempted")
        DIED = "died", _("Died")
        RELEASED_EARLY = "released_early", _("Released early")

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="episodes", verbose_name=_("resident")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    stage = models.CharField(_("stage"), max_length=20, choices=STAGE_CHOICES, default=Stage.RECEPTION)
    stage_since_on = models.DateField(_("in this stage since"))
    # When the current stage should end by the plan (`planning.py`); the "overdue in a stage" list.
    stage_planned_end_on = models.DateField(_("stage planned to end on"), null=True, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    admitted_on = models.DateField(_("admitted on"))
    # The day the term started counting: the admission, or the first admission of a transferred term.
    term_start_on = models.DateField(_("term counted from"), null=True, blank=True)
    requested_on = models.DateField(_("request date (voluntary)"), null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    credited_days = models.PositiveIntegerField(_("days held before the decision (credited)"), default=0)
    prior_compulsory_count = models.PositiveSmallIntegerField(_("compulsory rehabs before this one"), default=0)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_by = models.CharField(_("issued by"), max_length=150, blank=True)
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("zone")
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("room")
    )
    expected_release_on = models.DateField(_("expected release date"), null=True, blank=True, db_index=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    transferred_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="continued_by",
        verbose_name=_("continues the episode"),
    )
    # What the sending facility had counted when the term moved here with a transfer.
    carried_absent_days = models.PositiveIntegerField(default=0)
    carried_reduction_months = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")
        ordering = ["-admitted_on", "-id"]
        indexes = [
            models.Index(fields=["facility", "status", "stage"], name="episode_facility_status_stage"),
            models.Index(fields=["resident", "-admitted_on"], name="episode_resident_admitted"),
            models.Index(fields=["facility", "outcome"], name="episode_facility_outcome"),
        ]

    def __str__(self) -> str:
        return f"{self.resident.full_name} – {self.admitted_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    @property
    def clock_start_on(self) -> date:
        return self.term_start_on or self.admitted_on

    @property
    def is_compulsory(self) -> bool:
        return self.kind != EpisodeKind.VOLUNTARY

    def audit_resident_id(self) -> int:
        return self.resident_id


class ChecklistItem(FacilityScopedModel):
    """One task of the reception stage (Law 73 art. 29 cl. 1a; Decree 116 forms 19 and 20)."""

    class Item(models.TextChoices):
        HEALTH_EXAM = "health_exam", _("Health examination")
        DRUG_TEST = "drug_test", _("Drug test")
        BELONGINGS = "belongings", _("Search and deposit of belongings")
        PHOTO = "photo", _("Photo taken")
        INTAKE_SHEET = "intake_sheet", _("Intake sheet (Decree 116, form 19)")
        REHAB_PLAN = "rehab_plan", _("Individual rehab plan (Decree 116, form 20)")

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("episode"))
    item = models.CharField(_("task"), max_length=30, choices=Item.choices)
    order = models.PositiveSmallIntegerField(default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reception task")
        verbose_name_plural = _("reception tasks")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["episode", "item"], name="checklist_unique_item")]

    def __str__(self) -> str:
        return self.get_item_display()

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def audit_resident_id(self) -> int:
        return self.episode.resident_id


class StageChange(FacilityScopedModel):
    """A move from one stage to the next, with its date and the staff member who recorded it."""

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("episode")
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=STAGE_CHOICES)
    to_stage = models.CharField(_("to"), max_length=20, choices=STAGE_CHOICES)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"

    def audit_resident_id(self) -> int:
        return self.episode.resident_id


class StagePlan(FacilityScopedModel):
    """A facility's planned length of one stage, in days. Without rows, `planning.py` splits the
    term in proportion (no law sets the length of a stage: the centre plans them)."""

    stage = models.CharField(_("stage"), max_length=20, choices=STAGE_CHOICES)
    days = models.PositiveSmallIntegerField(_("planned days"))

    class Meta:
        verbose_name = _("stage plan")
        verbose_name_plural = _("stage plans")
        constraints = [models.UniqueConstraint(fields=["facility", "stage"], name="stage_plan_unique_stage")]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.days}"


class ConductGrade(FacilityScopedModel):
    """The monthly conduct grade (Circular 29/2022/TT-BLĐTBXH); the last three decide whether the
    term may be reduced. Written by `services.record_conduct_grade`, which the care module calls."""

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="conduct_grades", verbose_name=_("episode")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month graded."))
    grade = models.CharField(_("grade"), max_length=20, choices=GRADE_CHOICES)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("conduct grade")
        verbose_name_plural = _("conduct grades")
        ordering = ["month"]
        constraints = [models.UniqueConstraint(fields=["episode", "month"], name="conduct_grade_unique_month")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y}: {self.get_grade_display()}"

    def audit_resident_id(self) -> int:
        return self.episode.resident_id


class LegalEvent(FacilityScopedModel):
    """A decision or fact that changes an episode: leave, abscondence and return, term reduction,
    postponement or exemption, hospital stay, transfer, death, completion, discharge.

    One table, one row per event, each with the document that decided it. Events that last
    (leave, abscondence, hospital, postponement) are closed by a RETURN event, which sets
    `ended_on` on the event it closes (`period`).
    """

    class Kind(models.TextChoices):
        LEAVE = "leave", _("Leave")
        ABSCONDENCE = "abscondence", _("Abscondence")
        RETURN = "return", _("Return")
        TERM_REDUCTION = "term_reduction", _("Term reduction")
        POSTPONEMENT = "postponement", _("Postponement")
        EXEMPTION = "exemption", _("Exemption")
        HOSPITAL = "hospital", _("Transfer to hospital")
        TRANSFER = "transfer", _("Transfer to another facility")
        DEATH = "death", _("Death")
        COMPLETION = "completion", _("Completion")
        DISCHARGE = "discharge", _("Discharge")

    class LeaveReason(models.TextChoices):
        FUNERAL_PARENT = "funeral_parent", _("Funeral of a parent")
        FUNERAL_SPOUSE = "funeral_spouse", _("Funeral of the spouse")
        FUNERAL_CHILD = "funeral_child", _("Funeral of a child")

    class ReturnManner(models.TextChoices):
        CAME_BACK = "came_back", _("Came back")
        BROUGHT_BACK = "brought_back", _("Brought back")

    class DischargeReason(models.TextChoices):
        VOLUNTARY_REQUEST = "voluntary_request", _("End of voluntary rehab at the person's request")
        DECISION_ANNULLED = "decision_annulled", _("Decision cancelled by the court")

    PERIOD_KINDS = frozenset({Kind.LEAVE, Kind.ABSCONDENCE, Kind.HOSPITAL, Kind.POSTPONEMENT})

    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="legal_events", verbose_name=_("episode")
    )
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    period = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="closed_by", verbose_name=_("closes")
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_by = models.CharField(_("issued by"), max_length=150, blank=True)
    # Kind-specific details.
    leave_reason = models.CharField(_("reason for leave"), max_length=20, choices=LeaveReason.choices, blank=True)
    days = models.PositiveSmallIntegerField(_("days"), null=True, blank=True)
    travel_days = models.PositiveSmallIntegerField(_("travel days"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    is_meritorious = models.BooleanField(_("for a meritorious act"), default=False)
    return_manner = models.CharField(_("return"), max_length=20, choices=ReturnManner.choices, blank=True)
    discharge_reason = models.CharField(
        _("reason for discharge"), max_length=30, choices=DischargeReason.choices, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    to_facility = models.ForeignKey(
        "core.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receiving facility"),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("legal event")
        verbose_name_plural = _("legal events")
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["episode", "kind"], name="legal_event_episode_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d/%m/%Y}"

    def audit_resident_id(self) -> int:
        return self.episode.resident_id

    @property
    def is_open_period(self) -> bool:
        return self.kind in self.PERIOD_KINDS and self.ended_on is None


class CompletionCertificate(FacilityScopedModel):
    """The numbered certificate of completion (giấy chứng nhận hoàn thành), one per completed episode.

    Numbered per facility per year, "15/2026/GCN"; `year` and `sequence` keep the numbering
    unique under concurrent completions. Issued only by `services.complete_episode`.
    """

    NUMBER_SUFFIX = "GCN"

    episode = models.OneToOneField(
        Episode, on_delete=models.PROTECT, related_name="certificate", verbose_name=_("episode")
    )
    number = models.CharField(_("number"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    signed_by_name = models.CharField(_("signed by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("completion certificate")
        verbose_name_plural = _("completion certificates")
        ordering = ["-issued_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "number"], name="certificate_unique_number"),
            models.UniqueConstraint(fields=["facility", "year", "sequence"], name="certificate_unique_sequence"),
        ]

    def __str__(self) -> str:
        return self.number

    def audit_resident_id(self) -> int:
        return self.episode.resident_id

    @classmethod
    def format_number(cls, *, sequence: int, year: int) -> str:
        return f"{sequence}/{year}/{cls.NUMBER_SUFFIX}"


class Aftercare(FacilityScopedModel):
    """Post-rehab management handed over to the commune or ward of residence (Law 73 art. 40)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Under management")
        CLOSED = "closed", _("Ended")
        RELAPSED = "relapsed", _("Relapsed")

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="aftercares", verbose_name=_("resident")
    )
    episode = models.OneToOneField(
        Episode, on_delete=models.PROTECT, related_name="aftercare", verbose_name=_("episode")
    )
    province = models.CharField(_("province"), max_length=100, blank=True)
    commune = models.CharField(_("commune/ward"), max_length=100, blank=True)
    starts_on = models.DateField(_("from"))
    months = models.PositiveSmallIntegerField(_("months"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("aftercare")
        verbose_name_plural = _("aftercare")
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["facility", "status", "ends_on"], name="aftercare_facility_status")]

    def __str__(self) -> str:
        return f"{self.resident.full_name}: {self.commune}"

    def audit_resident_id(self) -> int:
        return self.resident_id


class AftercareNote(FacilityScopedModel):
    aftercare = models.ForeignKey(
        Aftercare, on_delete=models.CASCADE, related_name="notes", verbose_name=_("aftercare")
    )
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("aftercare note")
        verbose_name_plural = _("aftercare notes")
        ordering = ["-noted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.noted_on:%d/%m/%Y}"

    def audit_resident_id(self) -> int:
        return self.aftercare.resident_id


class TimelineEvent(FacilityScopedModel):
    """One journal of everything that happened to a resident, across all modules.

    Services of every module append here in the same transaction as their change (through
    `services.record_timeline_event`), so the resident page reads one indexed table instead of a
    union across modules. `kind` is a key of `timeline.TIMELINE_KINDS`; `summary` holds data
    (numbers, dates, names), the kind's label is translated when shown.
    """

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="timeline", verbose_name=_("resident")
    )
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    occurred_on = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    source_type = models.CharField(max_length=60, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["resident", "-occurred_on", "-id"], name="timeline_resident_date")]

    def __str__(self) -> str:
        return self.summary

    @cached_property
    def kind_label(self) -> str:
        from ..timeline import label_for

        return str(label_for(self.kind))
