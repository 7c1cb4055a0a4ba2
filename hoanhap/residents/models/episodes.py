"""A rehab episode (đợt cai nghiện) and its stages: the five stages of Law 73/2021 art. 29, the
reception checklist, stage changes and plans, and the monthly conduct grade."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel, Room, Zone

from .. import terms
from ..terms import EpisodeKind, Stage
from .people import Resident

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
        SUSPENDED = "suspended", _("Suspended")
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
            # The figures of a period (admissions by kind: plans, reports) read one facility's year.
            models.Index(fields=["facility", "admitted_on"], name="episode_facility_admitted"),
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
    """The monthly conduct grade (Circular 29/2022/TT-BLĐTBXH); the three calendar months before a
    decision decide whether the term may be reduced (a month without a grade does not qualify).
    Written by `services.record_conduct_grade`, which the care module calls."""

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
