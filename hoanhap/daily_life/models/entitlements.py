"""Entitlements (the material regime): the rows. The norms are code (`rules/entitlements.py`,
dated rule sets); what was actually handed to whom is a `SupplyIssue`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel

from ..rules.entitlements import ITEM_LABELS

__all__ = ["SupplyIssue"]

ITEM_CHOICES = [(item.value, label) for item, label in ITEM_LABELS.items()]


class SupplyIssue(FacilityScopedModel):
    """Cấp phát: a quantity of one item of the regime given to a resident, counted towards a period
    (`period`: the month's first day for a monthly item, 1 January for a yearly one). A correction
    changes `quantity` (0 cancels) with a note, through `services.entitlements.correct_supply_issue`."""

    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("resident")
    )
    episode = models.ForeignKey(
        "residents.Episode", on_delete=models.PROTECT, related_name="+", verbose_name=_("episode")
    )
    item = models.CharField(_("item"), max_length=20, choices=ITEM_CHOICES)
    # Pieces, sets or packs; for a money item (the food allowance), VND.
    quantity = models.PositiveIntegerField(_("quantity"))
    period = models.DateField(_("period"), help_text=_("The first day of the month, or 1 January for a yearly item."))
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("supply issue")
        verbose_name_plural = _("supply issues")
        ordering = ["-issued_on", "-pk"]
        indexes = [
            models.Index(fields=["facility", "period", "item"], name="supply_issue_facility_period"),
            models.Index(fields=["episode", "period"], name="supply_issue_episode_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} × {self.quantity} ({self.period:%m/%Y})"
