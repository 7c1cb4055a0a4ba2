"""Residents (học viên) and their rehab episodes (đợt cai nghiện).

Fields holding sensitive personal data (Law 91/2025/QH15) are listed in SENSITIVE_FIELDS with
the capability needed to see them; templates and the API show them only to those roles.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Capability
from hoanhap.core.models import FacilityScopedModel, Room, Zone

from .terms import EpisodeKind, Stage


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Resident(FacilityScopedModel):
    """A person; each stay is an Episode. A returning person gets a new episode, never a new resident."""

    record_number = models.CharField(_("record number"), max_length=30)
    full_name = models.CharField(_("full name"), max_length=150)
    other_names = models.CharField(_("other names"), max_length=150, blank=True)
    # Folded name, record number and ID number: one indexed column serves every search.
    search_text = models.CharField(max_length=400, editable=False, db_index=True)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    citizen_id = models.CharField(_("citizen ID number"), max_length=12, blank=True, db_index=True)
    permanent_province = models.CharField(_("province (permanent address)"), max_length=100, blank=True)
    permanent_commune = models.CharField(_("commune/ward (permanent address)"), max_length=100, blank=True)
    permanent_address = models.CharField(_("permanent address"), max_length=300, blank=True)
    current_province = models.CharField(_("province (current address)"), max_length=100, blank=True)
    current_commune = models.CharField(_("commune/ward (current address)"), max_length=100, blank=True)
    current_address = models.CharField(_("current address"), max_length=300, blank=True)
    education = models.CharField(_("education"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    has_criminal_record = models.BooleanField(_("has a criminal record"), default=False)
    criminal_record_note = models.TextField(_("criminal record"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="residents/photos/", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    SENSITIVE_FIELDS: dict[str, Capability] = {
        "citizen_id": Capability.VIEW_LEGAL_DATA,
        "has_criminal_record": Capability.VIEW_LEGAL_DATA,
        "criminal_record_note": Capability.VIEW_LEGAL_DATA,
    }

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "record_number"], name="resident_unique_record_number"),
        ]
        indexes = [models.Index(fields=["facility", "search_text"], name="resident_facility_search")]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.record_number})"

    def audit_resident_id(self) -> int | None:
        return self.pk


class Episode(FacilityScopedModel):
    """One stay from admission to discharge, moving through the five stages of Law 73/2021 art. 29."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In rehab")
        ON_LEAVE = "on_leave", _("On leave")
        ABSCONDED = "absconded", _("Absconded")
        IN_HOSPITAL = "in_hospital", _("In hospital")
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
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[
            (EpisodeKind.VOLUNTARY, _("Voluntary")),
            (EpisodeKind.COMPULSORY, _("Compulsory")),
            (EpisodeKind.COMPULSORY_MINOR, _("Compulsory (minor)")),
        ],
    )
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=[
            (Stage.RECEPTION, _("1. Reception and classification")),
            (Stage.DETOX, _("2. Detox and treatment")),
            (Stage.REHABILITATION, _("3. Education, counselling, behaviour rehabilitation")),
            (Stage.LABOUR_THERAPY, _("4. Labour therapy and vocational training")),
            (Stage.REINTEGRATION, _("5. Preparation for reintegration")),
        ],
        default=Stage.RECEPTION,
    )
    stage_since_on = models.DateField(_("in this stage since"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    admitted_on = models.DateField(_("admitted on"))
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    credited_days = models.PositiveIntegerField(_("days held before the decision (credited)"), default=0)
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
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")
        ordering = ["-admitted_on"]
        indexes = [
            models.Index(fields=["facility", "status", "stage"], name="episode_facility_status_stage"),
            models.Index(fields=["resident", "-admitted_on"], name="episode_resident_admitted"),
        ]

    def __str__(self) -> str:
        return f"{self.resident.full_name} – {self.admitted_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    def audit_resident_id(self) -> int:
        return self.resident_id


class TimelineEvent(FacilityScopedModel):
    """One journal of everything that happened to a resident, across all modules.

    Services of every module append here in the same transaction as their change, so the
    resident page reads one indexed table instead of a union across modules.
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
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
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
