"""The legal side of an episode: the events that change it, and the completion certificate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel

from .episodes import Episode


class LegalEvent(FacilityScopedModel):
    """A decision or fact that changes an episode: leave, abscondence and return, term reduction,
    suspension or exemption, hospital stay, transfer, death, completion, discharge.

    One table, one row per event, each with the document that decided it. Events that last
    (leave, abscondence, hospital, suspension) are closed by a RETURN event, which sets
    `ended_on` on the event it closes (`period`).
    """

    class Kind(models.TextChoices):
        LEAVE = "leave", _("Leave")
        ABSCONDENCE = "abscondence", _("Abscondence")
        RETURN = "return", _("Return")
        TERM_REDUCTION = "term_reduction", _("Term reduction")
        SUSPENSION = "suspension", _("Suspension")
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

    PERIOD_KINDS = frozenset({Kind.LEAVE, Kind.ABSCONDENCE, Kind.HOSPITAL, Kind.SUSPENSION})

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
    # Leave: the days granted. Return from leave: the days back late (services.record_return).
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
