"""Events, competitions and prizes: the pure rules (no database).

- A quarterly birthday party (sinh nhật quý) celebrates the residents born in the months of the
  event's quarter.
- Attendance, photos and prizes are recorded on or after the event's day; an event in the future is
  only planned.
- A prize's value is a whole number of đồng, never negative.
- A photo is a JPEG, PNG or WebP image of at most the rule set's size.

These are the centres' own practice, not articles of law: Decree 116/2021/NĐ-CP (art. 30–31)
provides cultural, sport and soft-skill activities for residents but sets no number this software
checks. The numbers sit in dated rule sets all the same, so a change of policy is a new row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from hoanhap.core.errors import RuleError


@dataclass(frozen=True)
class RuleSet:
    effective_from: date
    photo_max_bytes: int
    photo_formats: frozenset[str]  # Pillow's format names
    citation: str


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        effective_from=date(2022, 1, 1),
        photo_max_bytes=5 * 1024 * 1024,
        photo_formats=frozenset({"JPEG", "PNG", "WEBP"}),
        citation="Hòa Nhập: quy định lưu trữ ảnh (như ảnh học viên)",
    ),
)

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def rule_set_on(day: date) -> RuleSet:
    """The rule set in force on `day`."""
    in_force = [rule_set for rule_set in RULE_SETS if rule_set.effective_from <= day]
    if not in_force:
        raise RuleError(_("No rule applies before %(day)s."), code="no_rule_set", day=day.strftime("%d/%m/%Y"))
    return max(in_force, key=lambda rule_set: rule_set.effective_from)


def quarter_of(day: date) -> int:
    """1 for January–March … 4 for October–December."""
    return (day.month - 1) // 3 + 1


def quarter_months(quarter: int) -> tuple[int, int, int]:
    if not 1 <= quarter <= 4:
        raise ValueError(quarter)
    first = 3 * (quarter - 1) + 1
    return (first, first + 1, first + 2)


def born_in_quarter_of(date_of_birth: date | None, event_day: date) -> bool:
    """Whether a birthday party on `event_day` celebrates a person born on `date_of_birth`."""
    return date_of_birth is not None and date_of_birth.month in quarter_months(quarter_of(event_day))


def check_happened(*, held_on: date, today: date) -> None:
    """Attendance, photos and prizes are recorded on or after the day; before it, only the plan."""
    if held_on > today:
        raise RuleError(
            _("This happens on %(day)s: attendance, photos and prizes are recorded on or after that day."),
            code="not_yet_held",
            day=held_on.strftime("%d/%m/%Y"),
        )


def check_prize_value(value: int) -> None:
    if value < 0:
        raise RuleError(_("A prize's value cannot be negative."), code="negative_value")


def check_photo(*, size: int, image_format: str | None, rule_set: RuleSet) -> str:
    """The photo's content type if the photo is allowed; else a RuleError."""
    if size > rule_set.photo_max_bytes:
        raise RuleError(
            _("A photo may be at most %(megabytes)s MB."),
            code="photo_too_large",
            megabytes=rule_set.photo_max_bytes // (1024 * 1024),
        )
    if image_format not in rule_set.photo_formats:
        raise RuleError(_("The photo must be a JPEG, PNG or WebP image."), code="photo_invalid")
    return CONTENT_TYPES[image_format]
