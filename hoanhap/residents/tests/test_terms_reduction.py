"""Term reduction (terms/reduction.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hoanhap.residents.terms import (
    RULES_2022,
    RULES_2026,
    ConductGrade,
    ReductionRefused,
    RefusalReason,
    check_reduction,
    expected_release_on,
    months_graded_before,
)

EXCELLENT, GOOD, AVERAGE, WEAK = ConductGrade


def graded(*grades: ConductGrade, last: date = date(2025, 6, 1)) -> dict[date, ConductGrade]:
    """Grades for consecutive calendar months, the last one `last`."""
    months = [
        date(last.year + (last.month - 1 - n) // 12, (last.month - 1 - n) % 12 + 1, 1) for n in range(len(grades))
    ]
    return dict(zip(reversed(months), grades, strict=True))


# A 12-month term from 01/01/2025 is 365 days; half of it is 183 days, served on 03/07/2025. The
# 3 calendar months before July 2025 are 04, 05 and 06/2025.
REDUCTION: dict[str, Any] = {
    "start_on": date(2025, 1, 1),
    "term_months": 12,
    "decided_on": date(2025, 7, 3),
    "grades": graded(AVERAGE, GOOD, EXCELLENT, GOOD),
    "months": 2,
    "meritorious": False,
}


# 24 months from 01/01/2024, reduced by 3 already: a further 3 puts the release on 01/07/2025.
LONG_TERM_REDUCED_ONCE: dict[str, Any] = {
    "start_on": date(2024, 1, 1),
    "term_months": 24,
    "decided_on": date(2025, 6, 15),
    "grades": graded(GOOD, GOOD, GOOD, last=date(2025, 5, 1)),
    "reduced_months": 3,
    "months": 3,
}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"months": 1},
        {"months": 3},
        {"months": 3, "meritorious": True},
        LONG_TERM_REDUCED_ONCE | {"reduced_months": 0, "months": 6, "meritorious": True},
        {"grades": graded(EXCELLENT, EXCELLENT, EXCELLENT)},
        {"grades": graded(WEAK, WEAK, GOOD, GOOD, GOOD)},
        {
            "decided_on": date(2025, 6, 23),
            "credited_days": 10,
            "grades": graded(GOOD, GOOD, GOOD, last=date(2025, 5, 1)),
        },
        {"decided_on": date(2025, 7, 13), "absent_days": 10},
        LONG_TERM_REDUCED_ONCE,
        LONG_TERM_REDUCED_ONCE | {"meritorious": True},
    ],
)
def test_a_reduction_is_allowed_after_half_the_term_with_three_good_months(changes: dict[str, Any]) -> None:
    check_reduction(**(REDUCTION | changes))


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"decided_on": date(2025, 7, 2)}, RefusalReason.HALF_TERM_NOT_SERVED),
        ({"decided_on": date(2025, 7, 3), "absent_days": 1}, RefusalReason.HALF_TERM_NOT_SERVED),
        ({"decided_on": date(2025, 6, 23), "credited_days": 9}, RefusalReason.HALF_TERM_NOT_SERVED),
        ({"grades": {}}, RefusalReason.GRADE_MISSING),
        ({"grades": graded(GOOD, EXCELLENT)}, RefusalReason.GRADE_MISSING),
        # Three good grades, but the last is two months old: June is not graded.
        ({"grades": graded(GOOD, GOOD, GOOD, last=date(2025, 5, 1))}, RefusalReason.GRADE_MISSING),
        ({"grades": {date(2025, 4, 1): GOOD, date(2025, 6, 1): GOOD}}, RefusalReason.GRADE_MISSING),
        ({"grades": graded(GOOD, GOOD, AVERAGE)}, RefusalReason.GRADE_TOO_LOW),
        ({"grades": graded(WEAK, EXCELLENT, EXCELLENT)}, RefusalReason.GRADE_TOO_LOW),
        ({"months": 0}, RefusalReason.MONTHS_OUT_OF_RANGE),
        ({"months": 4}, RefusalReason.MONTHS_OUT_OF_RANGE),
        ({"months": 2, "meritorious": True}, RefusalReason.MONTHS_OUT_OF_RANGE),
        ({"months": 7, "meritorious": True}, RefusalReason.MONTHS_OUT_OF_RANGE),
        # 6 months off a year decided on 03/07/2025 would release on 01/07/2025.
        ({"months": 6, "meritorious": True}, RefusalReason.RELEASE_BEFORE_DECISION),
        # At most 6 months in all, over the whole episode.
        (
            {"start_on": date(2024, 1, 1), "term_months": 24, "reduced_months": 6, "months": 1},
            RefusalReason.TOTAL_EXCEEDED,
        ),
        (
            {"start_on": date(2024, 1, 1), "term_months": 24, "reduced_months": 3, "months": 4, "meritorious": True},
            RefusalReason.TOTAL_EXCEEDED,
        ),
        # 12 months from 01/01/2025 less 3 already reduced, less 3 more: 01/07/2025, before the decision.
        ({"decided_on": date(2025, 7, 3), "reduced_months": 3, "months": 3}, RefusalReason.RELEASE_BEFORE_DECISION),
    ],
)
def test_a_reduction_is_refused_with_its_reason(changes: dict[str, Any], reason: RefusalReason) -> None:
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(**(REDUCTION | changes))
    assert refused.value.code == reason


def test_three_reductions_of_three_months_never_take_nine_months_off_a_year() -> None:
    """The case that came in: 12 months from 01/01/2025, reduced by 3 on 03/07, 01/08 and 01/09."""
    check_reduction(**REDUCTION | {"months": 3})
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(
            **REDUCTION
            | {
                "decided_on": date(2025, 8, 1),
                "grades": graded(GOOD, GOOD, GOOD, last=date(2025, 7, 1)),
                "months": 3,
                "reduced_months": 3,
            }
        )
    assert refused.value.code == RefusalReason.RELEASE_BEFORE_DECISION
    assert str(refused.value) == (
        "A reduction cannot move the release date before its decision: this one would set it to "
        "01/07/2025, before the decision of 01/08/2025 (Nghị định 116/2021/NĐ-CP, Điều 58)."
    )


def test_a_missing_month_is_named() -> None:
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(**(REDUCTION | {"grades": {date(2025, 4, 1): GOOD, date(2025, 6, 1): GOOD}}))
    assert str(refused.value) == (
        "A term reduction needs a conduct grade for each of the 3 calendar months before the decision; "
        "none is recorded for 05/2025 (Nghị định 116/2021/NĐ-CP, Điều 58)."
    )


def test_a_reduction_refused_for_a_weak_grade_names_the_month() -> None:
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(**(REDUCTION | {"grades": graded(GOOD, WEAK, GOOD)}))
    assert str(refused.value) == (
        "A term reduction needs each of the 3 calendar months before the decision to be graded “Good” or better; "
        "05/2025 is “Weak” (Nghị định 116/2021/NĐ-CP, Điều 58)."
    )


def test_the_total_cap_names_what_is_left() -> None:
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(
            **(REDUCTION | {"start_on": date(2024, 1, 1), "term_months": 24, "reduced_months": 5, "months": 3})
        )
    assert str(refused.value) == (
        "A person's term can be reduced by at most 6 months in all; 5 already reduced, so at most 1 more "
        "(Nghị định 116/2021/NĐ-CP, Điều 58)."
    )


def test_the_months_judged_are_the_three_calendar_months_before_the_decisions_month() -> None:
    assert months_graded_before(date(2026, 2, 28), count=3) == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]
    assert months_graded_before(date(2026, 7, 1), count=3) == [date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]


@pytest.mark.parametrize(("decided_on", "rule_set"), [(date(2026, 6, 30), RULES_2022), (date(2026, 7, 1), RULES_2026)])
def test_the_caps_hold_on_both_sides_of_01_07_2026(decided_on: date, rule_set: Any) -> None:
    case: dict[str, Any] = {
        "start_on": date(2025, 1, 1),
        "term_months": 24,
        "decided_on": decided_on,
        "grades": graded(GOOD, GOOD, GOOD, last=decided_on.replace(day=1, month=decided_on.month - 1)),
    }
    assert rule_set.reduction.max_total_months == 6
    check_reduction(**case, months=3, meritorious=False, reduced_months=3)
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(**case, months=1, meritorious=False, reduced_months=6)
    assert refused.value.code == RefusalReason.TOTAL_EXCEEDED


def test_the_release_date_is_never_before_the_latest_reduction_decision() -> None:
    release = expected_release_on(
        start_on=date(2025, 1, 1), term_months=12, reduction_months=9, latest_reduction_on=date(2025, 9, 1)
    )
    assert release.expected_on == date(2025, 9, 1)
