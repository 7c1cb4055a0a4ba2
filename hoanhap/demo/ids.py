"""Identifiers of the right shape: citizen ID numbers, record numbers, decision numbers.

A citizen ID number (số định danh cá nhân, Circular 59/2021/TT-BCA) has 12 digits: the 3-digit code
of the province where the birth was registered, 1 digit for the century of birth and the sex, the
last 2 digits of the year of birth, and 6 digits that tell people apart.
"""

from __future__ import annotations

from datetime import date
from random import Random

# Century of birth → the digit for a man and the digit for a woman.
CENTURY_SEX_DIGITS: dict[int, tuple[str, str]] = {
    1900: ("0", "1"),
    2000: ("2", "3"),
    2100: ("4", "5"),
    2200: ("6", "7"),
    2300: ("8", "9"),
}
_SERIALS = 1_000_000
# Coprime with 10**6 (odd, not a multiple of 5): `n * _STRIDE % 10**6` visits every serial once.
_STRIDE = 387_419


def century_sex_digit(date_of_birth: date, sex: str) -> str:
    male, female = CENTURY_SEX_DIGITS[date_of_birth.year // 100 * 100]
    return female if sex == "female" else male


def citizen_id_prefix(*, province_code: str, date_of_birth: date, sex: str) -> str:
    if len(province_code) != 3 or not province_code.isdigit():
        raise ValueError(f"A province code has 3 digits, got {province_code!r}")
    return f"{province_code}{century_sex_digit(date_of_birth, sex)}{date_of_birth.year % 100:02d}"


class CitizenIdIssuer:
    """Issues distinct, random-looking citizen ID numbers without remembering the ones issued.

    Each 6-digit prefix gets a random starting serial and then steps through all million serials
    in a fixed permutation, so a benchmark set of a million people holds no duplicate.
    """

    def __init__(self, rng: Random) -> None:
        self._rng = rng
        self._issued: dict[str, int] = {}
        self._offsets: dict[str, int] = {}

    def issue(self, *, province_code: str, date_of_birth: date, sex: str) -> str:
        prefix = citizen_id_prefix(province_code=province_code, date_of_birth=date_of_birth, sex=sex)
        count = self._issued.get(prefix, 0)
        if count >= _SERIALS:
            raise ValueError(f"Every citizen ID number starting with {prefix} has been issued.")
        if prefix not in self._offsets:
            self._offsets[prefix] = self._rng.randrange(_SERIALS)
        self._issued[prefix] = count + 1
        return f"{prefix}{(self._offsets[prefix] + count * _STRIDE) % _SERIALS:06d}"


def record_number(year: int, sequence: int) -> str:
    """The facility's record number: "HV-2025-0123" is the 123rd resident registered in 2025."""
    return f"HV-{year}-{sequence:04d}"


def court_decision_number(rng: Random, year: int) -> str:
    return f"{rng.randint(1, 350):02d}/{year}/QĐ-TA"


def facility_decision_number(rng: Random) -> str:
    """An admission decision of the centre's director (voluntary rehab)."""
    return f"{rng.randint(1, 250):02d}/QĐ-CSCN"
