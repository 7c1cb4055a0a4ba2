"""Checks of typed input that need no database: the citizen ID number and the date of birth."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .terms import age_on, rule_set_on

_TWELVE_DIGITS = re.compile(r"\d{12}")
OLDEST_BIRTH_YEAR = 1900

# The 4th digit of a citizen ID number (Circular 59/2021/TT-BCA art. 7) codes sex and century.
_CENTURY_SEX_DIGIT = {
    (1900, "male"): 0,
    (1900, "female"): 1,
    (2000, "male"): 2,
    (2000, "female"): 3,
    (2100, "male"): 4,
    (2100, "female"): 5,
    (1800, "male"): 8,
    (1800, "female"): 9,
}


def validate_citizen_id(value: str) -> None:
    """12 digits; the first three are a province code (001–096)."""
    if not _TWELVE_DIGITS.fullmatch(value or ""):
        raise ValidationError(_("A citizen ID number has exactly 12 digits."), code="citizen_id_format")
    if not 1 <= int(value[:3]) <= 96:
        raise ValidationError(
            _("The first three digits of a citizen ID number are a province code, 001 to 096."),
            code="citizen_id_province",
        )


def check_citizen_id_matches(citizen_id: str, *, date_of_birth: date, sex: str) -> None:
    """Digits 4–6 code the sex, the century and the last two digits of the year of birth."""
    century = date_of_birth.year // 100 * 100
    expected_digit = _CENTURY_SEX_DIGIT.get((century, sex))
    if expected_digit is None:
        return
    if int(citizen_id[3]) != expected_digit or citizen_id[4:6] != f"{date_of_birth.year % 100:02d}":
        raise ValidationError(
            _(
                "This citizen ID number does not match the date of birth and sex: its 4th digit "
                "codes the sex and century, the 5th and 6th the year of birth."
            ),
            code="citizen_id_mismatch",
        )


def validate_date_of_birth(value: date, *, today: date) -> None:
    """`today` is the residents clock's (`clock.today()`): no one younger than the youngest age the
    rules in force today allow in rehab (Law 73/2021 art. 33) is registered."""
    if value > today:
        raise ValidationError(_("The date of birth cannot be in the future."), code="birth_in_future")
    if value.year < OLDEST_BIRTH_YEAR:
        raise ValidationError(_("Check the year of birth."), code="birth_too_early")
    youngest = rule_set_on(today).minor_ages[0]
    if age_on(value, today) < youngest:
        raise ValidationError(
            _("A resident is at least %(age)s years old."), code="too_young", params={"age": youngest}
        )
