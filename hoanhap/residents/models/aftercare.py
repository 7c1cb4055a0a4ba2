"""Post-rehab management (quản lý sau cai nghiện) and its notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel

from .episodes import Episode
from .people import Resident


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
