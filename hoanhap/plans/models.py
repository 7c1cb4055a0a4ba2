"""A facility's annual plan (kế hoạch năm) and its numeric targets, one per figure of the
kernel's registry (`core.registry.figures`): "307 admissions", "120 vocational trainees"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel


class AnnualPlan(FacilityScopedModel):
    """One year's plan of a facility: drafted, its targets set, then approved by the director
    (an approved plan is no longer changed: see `services`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["-year", "facility__name"]
        constraints = [models.UniqueConstraint(fields=["facility", "year"], name="annual_plan_unique_year")]
        indexes = [models.Index(fields=["year", "facility"], name="annual_plan_year")]

    def __str__(self) -> str:
        return f"{self.year}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Target(FacilityScopedModel):
    """A plan's number for one figure (`figure` is a key of `core.registry.figures`)."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan"))
    figure = models.CharField(_("figure"), max_length=80)
    planned = models.DecimalField(_("planned"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "figure"], name="target_unique_figure"),
            models.CheckConstraint(condition=models.Q(planned__gt=0), name="target_planned_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.figure}: {self.planned}"
