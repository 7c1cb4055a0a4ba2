"""Post-rehab management (terms/aftercare.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from datetime import date

import pytest

from hoanhap.residents.terms import (
    EpisodeKind,
    aftercare_ends_on,
    aftercare_months,
)

VOLUNTARY = EpisodeKind.VOLUNTARY
COMPULSORY = EpisodeKind.COMPULSORY
MINOR = EpisodeKind.COMPULSORY_MINOR


@pytest.mark.parametrize(
    ("kind", "completed_on", "months", "ends_on"),
    [
        (VOLUNTARY, date(2025, 5, 15), 12, date(2026, 5, 15)),
        (MINOR, date(2025, 5, 15), 12, date(2026, 5, 15)),
        (COMPULSORY, date(2025, 5, 15), 24, date(2027, 5, 15)),
        (COMPULSORY, date(2026, 7, 1), 24, date(2028, 7, 1)),
        (VOLUNTARY, date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_aftercare_lasts_one_year_after_voluntary_or_minor_rehab_and_two_after_adult_compulsory(
    kind: EpisodeKind, completed_on: date, months: int, ends_on: date
) -> None:
    assert aftercare_months(kind=kind, completed_on=completed_on) == months
    assert aftercare_ends_on(kind=kind, completed_on=completed_on) == ends_on
