"""Labour therapy: the rows. `WorkTeam` is defined here first because other areas name it (a
competition's prize goes to a team)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel

__all__ = ["WorkTeam"]


class WorkTeam(FacilityScopedModel):
    """Tổ đội: residents working together under a staff leader."""

    name = models.CharField(_("name"), max_length=120)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team leader"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("work team")
        verbose_name_plural = _("work teams")
        ordering = ["facility", "name"]
        constraints = [models.UniqueConstraint(fields=["facility", "name"], name="work_team_unique_name")]

    def __str__(self) -> str:
        return self.name
