"""Facilities and their structure. The supervising authority and the departments are data:
the authority changed in 2025 (labour department → provincial police) and will change again."""

from collections.abc import Collection
from typing import Self, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .record_numbers import DEFAULT_FORMAT, validate_record_number_format


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class SupervisingAuthority(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    province = models.CharField(_("province"), max_length=100)

    class Meta:
        verbose_name = _("supervising authority")
        verbose_name_plural = _("supervising authorities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Facility(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    province = models.CharField(_("province"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    supervising_authority = models.ForeignKey(
        SupervisingAuthority,
        on_delete=models.PROTECT,
        related_name="facilities",
        verbose_name=_("supervising authority"),
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # How the facility numbers its residents' records (hoanhap/core/record_numbers.py).
    record_number_format = models.CharField(
        _("record number format"),
        max_length=40,
        default=DEFAULT_FORMAT,
        validators=[validate_record_number_format],
        help_text=_("{year} is the year of registration, {seq} the number within the year."),
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def audit_facility_id(self) -> int:
        """Changes to a facility are read by that facility's auditors."""
        return self.pk


_Scoped = TypeVar("_Scoped", bound=models.Model)


class FacilityScopedQuerySet(models.QuerySet[_Scoped]):
    """The rows of some facilities. The kernel knows no users: which facilities a user may see
    for a capability is `hoanhap.accounts.selectors.visible_to`'s business."""

    def in_facilities(self, facility_ids: Collection[int]) -> Self:
        return self.filter(facility_id__in=facility_ids)


class FacilityScopedModel(TimeStampedModel):
    """Every domain row belongs to one facility; selectors filter on it (see accounts.selectors)."""

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="+", verbose_name=_("facility"))

    objects = FacilityScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class Department(FacilityScopedModel):
    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("Administration")
        RESIDENT_MANAGEMENT = "resident_management", _("Resident management and education")
        MEDICAL = "medical", _("Medical")
        LABOUR_VOCATION = "labour_vocation", _("Labour and vocational training")
        SECURITY = "security", _("Security")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # A restructuring dissolves departments and founds others; a dissolved one stays, so that the
    # history of who worked where still names it.
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["facility", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["facility", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Zone(FacilityScopedModel):
    """A separated living area; minors and women live in their own zones (Law 73/2021, art. 31)."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        DETOX = "detox", _("Detox")
        WOMEN = "women", _("Women")
        MINORS = "minors", _("Minors")
        MEDICAL = "medical", _("Medical isolation")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GENERAL)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["facility", "name"]
        constraints = [models.UniqueConstraint(fields=["facility", "name"], name="zone_unique_name")]

    def __str__(self) -> str:
        return self.name


class Room(FacilityScopedModel):
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("zone"))
    name = models.CharField(_("name"), max_length=50)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=20)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["zone", "name"]
        constraints = [models.UniqueConstraint(fields=["zone", "name"], name="room_unique_name")]

    def __str__(self) -> str:
        return f"{self.zone.name} – {self.name}"

    def clean(self) -> None:
        if self.zone_id and self.facility_id and self.zone.facility_id != self.facility_id:
            raise ValidationError({"zone": _("The zone belongs to another facility.")})


class Holiday(TimeStampedModel):
    """A day off that is not a weekend: a public holiday (Labour Code 45/2019 art. 112), a day the
    government gives in compensation, or a facility's own (`facility` set). Data, not code: the
    government sets each year's Tết and compensation days by decision (core.workdays)."""

    class Kind(models.TextChoices):
        PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
        COMPENSATION = "compensation", _("Day off in compensation")
        FACILITY = "facility", _("Facility day off")

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, null=True, blank=True, related_name="holidays", verbose_name=_("facility")
    )
    day = models.DateField(_("day"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PUBLIC_HOLIDAY)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["day"]
        indexes = [models.Index(fields=["day"], name="holiday_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["day"], condition=models.Q(facility__isnull=True), name="holiday_unique_national_day"
            ),
            models.UniqueConstraint(fields=["facility", "day"], name="holiday_unique_facility_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
