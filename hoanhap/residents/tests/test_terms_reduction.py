"""Term reduction (terms/reduction.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hoanhap.residents.terms import (
    ConductGrade,
    ReductionRefused,
    RefusalReason,
    check_reduction,
)

EXCELLENT, GOOD, AVERAGE, WEAK = ConductGrade


# A 12-month term from 01/01/2025 is 365 days; half of it is 183 days, served on 03/07/2025.
REDUCTION: dict[str, Any] = {
    "start_on": date(2025, 1, 1),
    "term_months": 12,
    "today": date(2025, 7, 3),
    "last_grades": [AVERAGE, GOOD, EXCELLENT, GOOD],
    "months": 2,
    "meritorious": False,
}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"months": 1},
        {"months": 3},
        {"months": 3, "meritorious": True},
        {"months": 6, "meritorious": True},
        {"last_grades": [EXCELLENT, EXCELLENT, EXCELLENT]},
        {"last_grades": [WEAK, WEAK, GOOD, GOOD, GOOD]},
        {"today": date(2025, 6, 23), "credited_days": 10},
        {"today": date(2025, 7, 13), "absent_days": 10},
        {"today": date(2026, 7, 10), "start_on": date(2025, 7, 1), "term_months": 24},
    ],
)
def test_a_reduction_is_allowed_after_half_the_term_with_three_good_grades(changes: dict[str, Any]) -> None:
    check_reduction(**(REDUCTION | changes))


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"today": date(2025, 7, 2)}, RefusalReason.HALF_TERM_NOT_SERVED),
        ({"today": date(2025, 7, 3), "absent_days": 1}, RefusalReason.HALF_TERM_NOT_SERVED),
        ({"today": date(2025, 6, 23), "credited_days": 9}, RefusalReason.HALF_TERM_NOT_SERVED),
        ({"last_grades": []}, RefusalReason.TOO_FEW_GRADES),
        ({"last_grades": [GOOD, EXCELLENT]}, RefusalReason.TOO_FEW_GRADES),
        ({"last_grades": [GOOD, GOOD, AVERAGE]}, RefusalReason.GRADE_TOO_LOW),
        ({"last_grades": [WEAK, EXCELLENT, EXCELLENT]}, RefusalReason.GRADE_TOO_LOW),
        ({"months": 0}, RefusalReason.MONTHS_OUT_OF_RANGE),
        ({"months": 4}, RefusalReason.MONTHS_OUT_OF_RANGE),
        ({"months": 2, "meritorious": True}, RefusalReason.MONTHS_OUT_OF_RANGE),
        ({"months": 7, "meritorious": True}, RefusalReason.MONTHS_OUT_OF_RANGE),
    ],
)
def test_a_reduction_is_refused_with_its_reason(changes: dict[str, Any], reason: RefusalReason) -> None:
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(**(REDUCTION | changes))
    assert refused.value.code == reason


def test_a_reduction_refused_for_a_weak_grade_reads_in_english() -> None:
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(**(REDUCTION | {"last_grades": [GOOD, WEAK, GOOD]}))
    assert str(refused.value) == (
        "A term reduction needs the last 3 monthly conduct grades to be “Good” or better "
        "(Nghị định 116/2021/NĐ-CP, Điều 58)."
    )
