"""The facility's people: positions, staff members, their qualifications and their postings
(`Rotation`, the glossary's "luân chuyển, điều động"). Departments are `core.Department`: a
restructuring dissolves some and founds others, and every posting keeps its department, so the
history of who was where stays readable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.core.collation import name_sort_key
from hoanhap.core.models import FacilityScopedModel
from hoanhap.core.text import fold


class Position(FacilityScopedModel):
    """A title held in a posting: Giám đốc, Phó Giám đốc, Trưởng phòng, Viên chức, Nhân viên…"""

    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["facility", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["facility", "name"], name="position_unique_name")]

    def __str__(self) -> str:
        return self.name


class StaffMember(FacilityScopedModel):
    class Sex(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    full_name = models.CharField(_("full name"), max_length=150)
    # Folded name (no diacritics, đ as d): the search; the Vietnamese order (core.collation): the sort.
    search_text = models.CharField(max_length=150, editable=False, db_index=True)
    name_sort_key = models.CharField(max_length=400, editable=False, db_index=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hired_on = models.DateField(_("hired on"))
    left_on = models.DateField(_("left the service on"), null=True, blank=True)
    # The sign-in account, if the person has one (accounts builds the account pages).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_member",
        verbose_name=_("sign-in account"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["name_sort_key", "pk"]
        indexes = [models.Index(fields=["facility", "name_sort_key"], name="staff_facility_sort")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("hired_on")),
                name="staff_left_after_hired",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def build_search_text(self) -> None:
        """Always called before saving a changed name (services, demo)."""
        self.search_text = fold(self.full_name)[:150]
        self.name_sort_key = name_sort_key(self.full_name)


class Qualification(FacilityScopedModel):
    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="qualifications", verbose_name=_("staff member")
    )
    level = models.CharField(_("degree or level"), max_length=100)
    field = models.CharField(_("field"), max_length=150, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["staff_member", "year", "pk"]

    def __str__(self) -> str:
        return f"{self.level} {self.field}".strip()


class Rotation(FacilityScopedModel):
    """A posting: a staff member in a department with a position from `starts_on` to `ends_on`
    (empty: still serving). A staff member's postings never overlap (services.rotations)."""

    staff_member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="rotations", verbose_name=_("staff member")
    )
    department = models.ForeignKey(
        "core.Department", on_delete=models.PROTECT, related_name="rotations", verbose_name=_("department")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="rotations", verbose_name=_("position")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["staff_member", "starts_on", "pk"]
        indexes = [
            models.Index(fields=["department", "starts_on"], name="rotation_department_start"),
            models.Index(fields=["facility", "starts_on"], name="rotation_facility_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="rotation_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} — {self.department} ({self.starts_on:%d/%m/%Y})"

    def covers(self, day: object) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)  # type: ignore[operator]
