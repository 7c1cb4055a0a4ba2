"""Events, competitions and prizes: the rows.

An `Event` is a seminar, a soft-skills session, a quarterly birthday party, games, a cultural show
or sport at a facility on a day; its `EventParticipant`s are residents (with the episode they were
in) or staff; its `EventPhoto`s are kept in the private store, served only through an
access-checked view. A `Competition` (during an event or on its own) gives `Prize`s, each to a
work team or to a resident — exactly one of the two."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel
from hoanhap.core.storage import PrivateStorage

__all__ = ["Competition", "Event", "EventParticipant", "EventPhoto", "Prize", "event_photo_path", "event_photo_storage"]


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar or talk")
    SOFT_SKILLS = "soft_skills", _("Soft-skills session")
    BIRTHDAY = "birthday", _("Quarterly birthday party")
    GAMES = "games", _("Games")
    CULTURAL = "cultural", _("Cultural show")
    SPORT = "sport", _("Sport")
    OTHER = "other", _("Other")


class Event(FacilityScopedModel):
    """Hội nghị, tọa đàm, sinh nhật quý, trò chơi, văn nghệ, thể thao."""

    Kind = EventKind

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organiser"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["facility", "held_on"], name="event_facility_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class EventParticipant(FacilityScopedModel):
    """One person at an event: a resident (with the episode they were in) or a staff member."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        PERFORMER = "performer", _("Performer")
        GUEST = "guest", _("Guest")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event"))
    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    episode = models.ForeignKey(
        "residents.Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("episode"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)

    class Meta:
        verbose_name = _("event participant")
        verbose_name_plural = _("event participants")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(resident__isnull=False, episode__isnull=False, staff__isnull=True)
                    | Q(resident__isnull=True, episode__isnull=True, staff__isnull=False)
                ),
                name="event_participant_resident_or_staff",
            ),
            models.UniqueConstraint(
                fields=["event", "resident"],
                condition=Q(resident__isnull=False),
                name="event_participant_unique_resident",
            ),
            models.UniqueConstraint(
                fields=["event", "staff"], condition=Q(staff__isnull=False), name="event_participant_unique_staff"
            ),
        ]

    def __str__(self) -> str:
        return str(self.resident or self.staff)


def event_photo_storage() -> FileSystemStorage:
    """The kernel's private store (no URL): `daily_life:event-photo` serves a photo after checking access."""
    return PrivateStorage()


def event_photo_path(instance: Any, filename: str) -> str:
    # A random name: the file name must not carry anyone's name.
    suffix = PurePath(filename).suffix.lower()[:6] or ".jpg"
    return f"daily_life/events/{uuid.uuid4().hex}{suffix}"


class EventPhoto(FacilityScopedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("event"))
    image = models.ImageField(_("photo"), upload_to=event_photo_path, storage=event_photo_storage)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    content_type = models.CharField(_("type"), max_length=20, default="image/jpeg")

    class Meta:
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class Competition(FacilityScopedModel):
    """Thi đấu: a contest, during an event or on its own, whose prizes go to teams or residents."""

    class Kind(models.TextChoices):
        SPORT = "sport", _("Sport")
        CULTURAL = "cultural", _("Cultural performance")
        KNOWLEDGE = "knowledge", _("Knowledge quiz")
        GAMES = "games", _("Games")
        LABOUR = "labour", _("Labour emulation")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competitions",
        verbose_name=_("event"),
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["facility", "held_on"], name="competition_facility_day")]

    def __str__(self) -> str:
        return self.title


class Prize(FacilityScopedModel):
    """Giải thưởng: a rank (e.g. "Giải nhất"), the item given and its value in đồng, to a work team
    or to a resident (with the episode they were in) — exactly one."""

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="prizes", verbose_name=_("competition")
    )
    rank = models.CharField(_("prize"), max_length=100)
    item = models.CharField(_("item"), max_length=200, blank=True)
    value = models.PositiveIntegerField(_("value (VND)"), default=0)
    team = models.ForeignKey(
        "daily_life.WorkTeam",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prizes",
        verbose_name=_("work team"),
    )
    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    episode = models.ForeignKey(
        "residents.Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("episode"),
    )

    class Meta:
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        ordering = ["competition", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(team__isnull=False, resident__isnull=True, episode__isnull=True)
                    | Q(team__isnull=True, resident__isnull=False, episode__isnull=False)
                ),
                name="prize_to_team_or_resident",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="prize_value_not_negative"),
        ]

    def __str__(self) -> str:
        return self.rank

    @property
    def winner_name(self) -> str:
        if self.team is not None:
            return self.team.name
        return self.resident.full_name if self.resident is not None else ""
