"""The resident's timeline: one journal of everything that happened, across all modules."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel

from .episodes import Episode
from .people import Resident


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
