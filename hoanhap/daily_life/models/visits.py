"""Family visits, parcels and money: the rows.

- `Visit` (thăm gặp): a booked visit of a resident, ordinary or a spouse's stay, with its
  `Visitor`s, each identified (Decree 116/2021/NĐ-CP, art. 69).
- `Parcel` (đồ gửi): items handed in for a resident, inspected, accepted or refused with the reason.
- `Deposit` (tiền lưu ký): one movement of the money kept for a resident, a deposit or a
  withdrawal, signed by the staff member, with the balance after it (never negative).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel

__all__ = ["Deposit", "Parcel", "Visit", "Visitor"]

CITIZEN_ID = re.compile(r"\d{12}")
# A Vietnamese passport: one letter and seven digits (C1234567); a foreign one: 6 to 9 letters and
# digits with at least one digit.
PASSPORT = re.compile(r"(?=.*\d)[A-Z0-9]{6,9}")


def normalise_id_number(value: str) -> str:
    return re.sub(r"[\s.-]", "", value or "").upper()


def validate_id_number(value: str) -> None:
    """A citizen ID (căn cước công dân: 12 digits) or a passport number."""
    number = normalise_id_number(value)
    if number.isdigit():
        if not CITIZEN_ID.fullmatch(number):
            raise ValidationError(_("A citizen ID number has 12 digits."), code="invalid_id")
    elif not PASSPORT.fullmatch(number):
        raise ValidationError(
            _("Enter a citizen ID number (12 digits) or a passport number (letters and digits)."), code="invalid_id"
        )


class Visit(FacilityScopedModel):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Visit")
        SPOUSE_STAY = "spouse_stay", _("Spouse's stay")

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("resident")
    )
    episode = models.ForeignKey(
        "residents.Episode", on_delete=models.PROTECT, related_name="+", verbose_name=_("episode")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    # The director's approval of an ordinary visit longer than the rule's hours.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("booked by")
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["facility", "starts_at"], name="visit_facility_starts"),
            models.Index(fields=["resident", "starts_at"], name="visit_resident_starts"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="visit_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%d/%m/%Y %H:%M}"


class Visitor(FacilityScopedModel):
    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        FATHER = "father", _("Father")
        MOTHER = "mother", _("Mother")
        CHILD = "child", _("Child")
        SIBLING = "sibling", _("Brother or sister")
        GRANDPARENT = "grandparent", _("Grandparent")
        OTHER = "other", _("Other relative")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="visitors", verbose_name=_("visit"))
    full_name = models.CharField(_("full name"), max_length=150)
    id_number = models.CharField(_("ID number"), max_length=20, validators=[validate_id_number])
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)

    class Meta:
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        ordering = ["visit", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_spouse(self) -> bool:
        return self.relation == self.Relation.SPOUSE


class Parcel(FacilityScopedModel):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        REFUSED = "refused", _("Refused")

    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("resident")
    )
    received_on = models.DateField(_("received on"))
    handed_in_by = models.CharField(_("handed in by"), max_length=150)
    handed_in_relation = models.CharField(
        _("relation"), max_length=20, choices=Visitor.Relation.choices, default=Visitor.Relation.OTHER
    )
    items = models.TextField(_("items"))
    status = models.CharField(_("result of the inspection"), max_length=20, choices=Status.choices)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=300, blank=True)
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("inspected by")
    )

    class Meta:
        verbose_name = _("parcel")
        verbose_name_plural = _("parcels")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["facility", "received_on"], name="parcel_facility_received")]

    def __str__(self) -> str:
        return f"{self.handed_in_by} {self.received_on:%d/%m/%Y}"


class Deposit(FacilityScopedModel):
    """One movement of the money a resident's family leaves at the centre. The rows of a resident,
    in order, are the ledger: `balance_after` is the previous row's plus a deposit or minus a
    withdrawal, never negative (checked by the service under a lock, and by the database)."""

    class Kind(models.TextChoices):
        DEPOSIT = "deposit", _("Deposit")
        WITHDRAWAL = "withdrawal", _("Withdrawal")

    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("resident")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.PositiveBigIntegerField(_("amount (đ)"))
    balance_after = models.BigIntegerField(_("balance after (đ)"))
    occurred_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("money movement")
        verbose_name_plural = _("money movements")
        ordering = ["resident", "pk"]
        indexes = [models.Index(fields=["resident", "-id"], name="deposit_resident_latest")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="deposit_amount_positive"),
            models.CheckConstraint(condition=Q(balance_after__gte=0), name="deposit_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"
