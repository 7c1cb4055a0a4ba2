"""Labour therapy: the rows. `WorkTeam` is defined here first because other areas name it (a
competition's prize goes to a team). A resident belongs to one active team at a time
(`TeamMembership`); each day's work is a `WorkLog` row; what the teams grow goes to the kitchen
as `Produce`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel

__all__ = ["Produce", "TeamMembership", "WorkLog", "WorkTeam"]


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
    # The team's usual work: the daily sheet starts every member on it.
    default_task = models.CharField(_("usual task"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("work team")
        verbose_name_plural = _("work teams")
        ordering = ["facility", "name"]
        constraints = [models.UniqueConstraint(fields=["facility", "name"], name="work_team_unique_name")]

    def __str__(self) -> str:
        return self.name


class TeamMembership(FacilityScopedModel):
    """A resident's time in a team, from `joined_on` until `left_on` (open: still a member)."""

    team = models.ForeignKey(WorkTeam, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("team"))
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("resident")
    )
    episode = models.ForeignKey(
        "residents.Episode", on_delete=models.PROTECT, related_name="+", verbose_name=_("episode")
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["team", "joined_on"]
        constraints = [
            # One active team at a time.
            models.UniqueConstraint(
                fields=["resident"], condition=Q(left_on__isnull=True), name="team_membership_one_active"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="team_membership_left_after_joined",
            ),
        ]
        indexes = [models.Index(fields=["team", "left_on"])]


class WorkLog(FacilityScopedModel):
    """One resident's work on one day: the task, the hours, what came of it."""

    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("resident")
    )
    episode = models.ForeignKey(
        "residents.Episode", on_delete=models.PROTECT, related_name="+", verbose_name=_("episode")
    )
    team = models.ForeignKey(WorkTeam, on_delete=models.PROTECT, related_name="logs", verbose_name=_("team"))
    worked_on = models.DateField(_("date"))
    task = models.CharField(_("task"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    output = models.CharField(_("output"), max_length=200, blank=True)
    output_quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, null=True, blank=True)
    output_unit = models.CharField(_("unit"), max_length=20, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("work log entry")
        verbose_name_plural = _("work log entries")
        ordering = ["-worked_on", "team"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="work_log_hours_positive"),
            # One entry per resident and day: the sheet corrects it rather than adding another.
            models.UniqueConstraint(fields=["resident", "worked_on"], name="work_log_one_per_day"),
        ]
        indexes = [
            models.Index(fields=["team", "worked_on"]),
            models.Index(fields=["facility", "worked_on"]),
        ]


class Produce(FacilityScopedModel):
    """What vocational and labour work produced (vegetables, fish…), as it goes to the kitchen."""

    class Item(models.TextChoices):
        VEGETABLES = "vegetables", _("Vegetables")
        FISH = "fish", _("Fish")
        PORK = "pork", _("Pork")
        POULTRY = "poultry", _("Poultry")
        EGGS = "eggs", _("Eggs")
        FRUIT = "fruit", _("Fruit")
        OTHER = "other", _("Other")

    team = models.ForeignKey(
        WorkTeam, on_delete=models.PROTECT, null=True, blank=True, related_name="produce", verbose_name=_("team")
    )
    produced_on = models.DateField(_("date"))
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, default="kg")
    sent_to_kitchen_on = models.DateField(_("sent to the kitchen on"), null=True, blank=True)
    received_by = models.CharField(_("received by"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("produce")
        verbose_name_plural = _("produce")
        ordering = ["-produced_on"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="produce_quantity_positive")]
        indexes = [models.Index(fields=["facility", "produced_on"])]
