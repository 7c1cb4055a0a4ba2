"""The legal rules of the rehab episode, as tables of cases (hoanhap/residents/terms.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from typing import Any

import django
import pytest
from django.conf import settings
from django.utils import translation

from hoanhap.residents.terms import (
    ALLOWED_TRANSITIONS,
    RULES_2022,
    RULES_2026,
    STAGE_ORDER,
    ConductGrade,
    EpisodeKind,
    LeaveError,
    ReductionRefused,
    RefusalReason,
    RuleNotInForce,
    Stage,
    TermError,
    TransitionError,
    add_months,
    aftercare_ends_on,
    aftercare_months,
    age_on,
    check_funeral_leave,
    check_reduction,
    check_transition,
    days_between_absences,
    expected_release_on,
    is_minor,
    may_finish_after,
    rule_set_on,
    validate_term,
)

VOLUNTARY = EpisodeKind.VOLUNTARY
COMPULSORY = EpisodeKind.COMPULSORY
MINOR = EpisodeKind.COMPULSORY_MINOR
EXCELLENT, GOOD, AVERAGE, WEAK = ConductGrade
BEFORE_CHANGE = date(2026, 6, 30)
CHANGE_DAY = date(2026, 7, 1)


@pytest.fixture
def in_english() -> Iterator[None]:
    if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        # Run without the project's settings (pytest -p no:django): the messages need only i18n.
        settings.configure(USE_I18N=True, LANGUAGE_CODE="vi")
        django.setup()
    with translation.override("en"):
        yield


# --- Rule sets ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 1, 1), RULES_2022),
        (BEFORE_CHANGE, RULES_2022),
        (CHANGE_DAY, RULES_2026),
        (date(2030, 1, 1), RULES_2026),
    ],
)
def test_the_rule_set_in_force_is_the_latest_to_have_taken_effect(day: date, expected: object) -> None:
    assert rule_set_on(day) is expected


def test_no_rule_set_is_in_force_before_law_73_took_effect() -> None:
    with pytest.raises(RuleNotInForce) as refused:
        rule_set_on(date(2021, 12, 31))
    assert refused.value.code == "no_rule_set"
    assert isinstance(refused.value, TermError)


def test_the_2026_law_keeps_the_voluntary_and_minor_terms() -> None:
    for kind in (VOLUNTARY, MINOR):
        assert RULES_2026.terms[kind] == RULES_2022.terms[kind]


# --- Terms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "term_months"),
    [
        (VOLUNTARY, 6),
        (VOLUNTARY, 12),
        (COMPULSORY, 12),
        (COMPULSORY, 24),
        (MINOR, 6),
        (MINOR, 12),
    ],
)
def test_a_term_at_the_edge_of_its_range_is_accepted_before_july_2026(
    kind: EpisodeKind,
    term_months: int,
) -> None:
    rule = validate_term(kind=kind, term_months=term_months, decided_on=BEFORE_CHANGE)
    assert rule.kind == kind


@pytest.mark.parametrize(
    ("kind", "term_months", "low", "high"),
    [
        (VOLUNTARY, 5, 6, 12),
        (VOLUNTARY, 13, 6, 12),
        (COMPULSORY, 11, 12, 24),
        (COMPULSORY, 25, 12, 24),
        (MINOR, 5, 6, 12),
        (MINOR, 13, 6, 12),
        (VOLUNTARY, 0, 6, 12),
    ],
)
def test_a_term_outside_its_range_is_refused_before_july_2026(
    kind: EpisodeKind, term_months: int, low: int, high: int
) -> None:
    with pytest.raises(TermError) as refused:
        validate_term(kind=kind, term_months=term_months, decided_on=date(2022, 1, 1))
    assert refused.value.code == "term_out_of_range"
    assert (refused.value.params["min"], refused.value.params["max"]) == (low, high)


@pytest.mark.parametrize(
    ("kind", "term_months", "decided_on", "prior_compulsory_count"),
    [
        (COMPULSORY, 12, BEFORE_CHANGE, 0),
        (COMPULSORY, 18, BEFORE_CHANGE, 3),
        (COMPULSORY, 24, CHANGE_DAY, 0),
        (COMPULSORY, 36, CHANGE_DAY, 1),
        (COMPULSORY, 36, CHANGE_DAY, 4),
        (VOLUNTARY, 6, CHANGE_DAY, 0),
        (MINOR, 12, CHANGE_DAY, 1),
    ],
)
def test_a_term_is_accepted_by_the_rules_in_force_on_the_decision_date(
    kind: EpisodeKind, term_months: int, decided_on: date, prior_compulsory_count: int
) -> None:
    validate_term(
        kind=kind,
        term_months=term_months,
        decided_on=decided_on,
        prior_compulsory_count=prior_compulsory_count,
    )


@pytest.mark.parametrize(
    ("term_months", "decided_on", "prior_compulsory_count", "code"),
    [
        (12, CHANGE_DAY, 0, "term_not_fixed_value"),
        (36, CHANGE_DAY, 0, "term_not_fixed_value"),
        (24, CHANGE_DAY, 1, "term_not_fixed_value"),
        (30, CHANGE_DAY, 2, "term_not_fixed_value"),
        (36, BEFORE_CHANGE, 1, "term_out_of_range"),
    ],
)
def test_an_adult_compulsory_term_is_refused_by_the_rules_in_force_on_the_decision_date(
    term_months: int, decided_on: date, prior_compulsory_count: int, code: str
) -> None:
    with pytest.raises(TermError) as refused:
        validate_term(
            kind=COMPULSORY,
            term_months=term_months,
            decided_on=decided_on,
            prior_compulsory_count=prior_compulsory_count,
        )
    assert refused.value.code == code


def test_a_term_decided_before_2022_is_refused() -> None:
    with pytest.raises(TermError):
        validate_term(kind=VOLUNTARY, term_months=6, decided_on=date(2021, 6, 1))


def test_the_term_error_reads_in_english(in_english: None) -> None:
    with pytest.raises(TermError) as refused:
        validate_term(kind=VOLUNTARY, term_months=13, decided_on=date(2025, 3, 1))
    assert str(refused.value) == (
        "The term must be between 6 and 12 months for this kind of rehab (Luật 73/2021/QH14, Điều 31)."
    )


def test_the_fixed_term_error_reads_in_english(in_english: None) -> None:
    with pytest.raises(TermError) as refused:
        validate_term(kind=COMPULSORY, term_months=24, decided_on=CHANGE_DAY, prior_compulsory_count=1)
    assert str(refused.value) == "The term must be exactly 36 months for this rehab (Luật 120/2025/QH15)."


# --- Stages ---------------------------------------------------------------------------------


def test_each_stage_leads_only_to_the_next() -> None:
    for kind in EpisodeKind:
        assert ALLOWED_TRANSITIONS[kind] == {
            Stage.RECEPTION: {Stage.DETOX},
            Stage.DETOX: {Stage.REHABILITATION},
            Stage.REHABILITATION: {Stage.LABOUR_THERAPY},
            Stage.LABOUR_THERAPY: {Stage.REINTEGRATION},
            Stage.REINTEGRATION: set(),
        }


@pytest.mark.parametrize("kind", list(EpisodeKind))
@pytest.mark.parametrize(("current", "target"), list(pairwise(STAGE_ORDER)))
def test_a_resident_moves_to_the_next_stage(kind: EpisodeKind, current: Stage, target: Stage) -> None:
    check_transition(kind=kind, current=current, target=target)


@pytest.mark.parametrize(
    ("current", "target", "code"),
    [
        (Stage.RECEPTION, Stage.REHABILITATION, "skip"),
        (Stage.DETOX, Stage.LABOUR_THERAPY, "skip"),
        (Stage.RECEPTION, Stage.REINTEGRATION, "skip"),
        (Stage.DETOX, Stage.RECEPTION, "backward"),
        (Stage.REINTEGRATION, Stage.REHABILITATION, "backward"),
        *[(stage, stage, "same_stage") for stage in Stage],
    ],
)
@pytest.mark.parametrize("kind", list(EpisodeKind))
def test_a_skip_a_step_back_or_a_standstill_is_refused(
    kind: EpisodeKind, current: Stage, target: Stage, code: str
) -> None:
    with pytest.raises(TransitionError) as refused:
        check_transition(kind=kind, current=current, target=target)
    assert refused.value.code == code


def test_stage_values_from_the_database_are_accepted() -> None:
    check_transition(kind="voluntary", current="detox", target="rehabilitation")  # type: ignore[arg-type]


def test_a_skipped_stage_error_reads_in_english(in_english: None) -> None:
    with pytest.raises(TransitionError) as refused:
        check_transition(kind=COMPULSORY, current=Stage.RECEPTION, target=Stage.REHABILITATION)
    assert str(refused.value) == (
        "Stages go in order (Luật 73/2021/QH14, Điều 29): "
        "“Education, counselling and behaviour rehabilitation” cannot follow “Reception and classification”."
    )


@pytest.mark.parametrize(
    ("kind", "stage", "may_finish"),
    [
        (VOLUNTARY, Stage.RECEPTION, False),
        (VOLUNTARY, Stage.DETOX, False),
        (VOLUNTARY, Stage.REHABILITATION, True),
        (VOLUNTARY, Stage.LABOUR_THERAPY, True),
        (VOLUNTARY, Stage.REINTEGRATION, True),
        (COMPULSORY, Stage.REHABILITATION, False),
        (COMPULSORY, Stage.LABOUR_THERAPY, False),
        (COMPULSORY, Stage.REINTEGRATION, True),
        (MINOR, Stage.LABOUR_THERAPY, False),
        (MINOR, Stage.REINTEGRATION, True),
    ],
)
def test_voluntary_rehab_may_finish_after_stage_three_and_compulsory_only_in_the_last(
    kind: EpisodeKind, stage: Stage, may_finish: bool
) -> None:
    for rule_set in (RULES_2022, RULES_2026):
        assert may_finish_after(kind, stage, rule_set=rule_set) is may_finish


# --- Release date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 2, 3), 12, date(2026, 2, 3)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 11, 15), 3, date(2025, 2, 15)),
        (date(2025, 12, 31), 24, date(2027, 12, 31)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 3, 31), 0, date(2025, 3, 31)),
    ],
)
def test_months_are_added_as_calendar_months_clamped_to_the_month_end(
    day: date,
    months: int,
    expected: date,
) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("periods", "today", "expected"),
    [
        ([], date(2025, 6, 1), 0),
        ([(date(2025, 3, 5), date(2025, 3, 10))], date(2025, 6, 1), 5),
        ([(date(2025, 1, 28), date(2025, 2, 3))], date(2025, 6, 1), 6),
        ([(date(2024, 2, 27), date(2024, 3, 2))], date(2025, 6, 1), 4),
        ([(date(2025, 2, 27), date(2025, 3, 2))], date(2025, 6, 1), 3),
        ([(date(2025, 12, 20), date(2026, 1, 10))], date(2026, 6, 1), 21),
        ([(date(2025, 5, 20), None)], date(2025, 6, 1), 12),
        ([(date(2025, 1, 28), date(2025, 2, 3)), (date(2025, 5, 20), None)], date(2025, 6, 1), 18),
        (
            [(date(2025, 3, 1), date(2025, 3, 10)), (date(2025, 3, 5), date(2025, 3, 12))],
            date(2025, 6, 1),
            11,
        ),
        ([(date(2025, 3, 1), date(2025, 3, 1))], date(2025, 6, 1), 0),
    ],
)
def test_days_absconded_are_counted_across_months_and_to_today_when_still_absent(
    periods: list[tuple[date, date | None]], today: date, expected: int
) -> None:
    assert days_between_absences(periods, today=today) == expected


def test_an_absence_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError):
        days_between_absences([(date(2025, 3, 10), date(2025, 3, 5))], today=date(2025, 6, 1))


@pytest.mark.parametrize(
    ("amounts", "expected_on"),
    [
        ({"start_on": date(2025, 2, 3), "term_months": 12}, date(2026, 2, 3)),
        (
            {"start_on": date(2025, 2, 3), "term_months": 12, "absent_days": 14, "credited_days": 20},
            date(2026, 1, 28),
        ),
        ({"start_on": date(2025, 2, 3), "term_months": 12, "reduction_months": 2}, date(2025, 12, 3)),
        ({"start_on": date(2025, 2, 3), "term_months": 12, "reduction_days": 10}, date(2026, 1, 24)),
        ({"start_on": date(2024, 2, 29), "term_months": 12}, date(2025, 2, 28)),
        ({"start_on": date(2024, 2, 29), "term_months": 12, "absent_days": 1}, date(2025, 3, 1)),
        ({"start_on": date(2026, 7, 1), "term_months": 24, "credited_days": 31}, date(2028, 5, 31)),
    ],
)
def test_the_expected_release_date_adds_absences_and_takes_off_credits_and_reductions(
    amounts: dict[str, Any], expected_on: date
) -> None:
    assert expected_release_on(**amounts).expected_on == expected_on


@pytest.mark.parametrize(
    ("amounts", "derivation"),
    [
        (
            {"start_on": date(2025, 2, 3), "term_months": 12, "absent_days": 14, "credited_days": 20},
            "12 months from 03/02/2025, +14 days absent, −20 days credited",
        ),
        (
            {"start_on": date(2026, 7, 1), "term_months": 24, "reduction_months": 3},
            "24 months from 01/07/2026, −3 months reduced",
        ),
        (
            {
                "start_on": date(2025, 2, 3),
                "term_months": 1,
                "absent_days": 1,
                "credited_days": 1,
                "reduction_months": 1,
                "reduction_days": 1,
            },
            "1 month from 03/02/2025, +1 day absent, −1 day credited, −1 month reduced, −1 day reduced",
        ),
        ({"start_on": date(2024, 2, 29), "term_months": 6}, "6 months from 29/02/2024"),
    ],
)
def test_the_release_date_explains_how_it_was_reached(
    in_english: None, amounts: dict[str, Any], derivation: str
) -> None:
    assert expected_release_on(**amounts).derivation() == derivation


@pytest.mark.parametrize(
    "negative", ["term_months", "credited_days", "absent_days", "reduction_months", "reduction_days"]
)
def test_a_negative_amount_is_refused_in_the_release_computation(negative: str) -> None:
    amounts: dict[str, Any] = {"start_on": date(2025, 2, 3), "term_months": 12, negative: -1}
    with pytest.raises(ValueError, match=negative):
        expected_release_on(**amounts)


def test_a_reduction_longer_than_the_term_is_refused() -> None:
    with pytest.raises(ValueError):
        expected_release_on(start_on=date(2025, 2, 3), term_months=6, reduction_months=7)


# --- Term reduction -------------------------------------------------------------------------

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


def test_a_reduction_refused_for_a_weak_grade_reads_in_english(in_english: None) -> None:
    with pytest.raises(ReductionRefused) as refused:
        check_reduction(**(REDUCTION | {"last_grades": [GOOD, WEAK, GOOD]}))
    assert str(refused.value) == (
        "A term reduction needs the last 3 monthly conduct grades to be “Good” or better "
        "(Nghị định 116/2021/NĐ-CP, Điều 58)."
    )


# --- Aftercare, funeral leave, minors -------------------------------------------------------


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


@pytest.mark.parametrize(("days", "travel_days"), [(1, 0), (5, 0), (5, 3)])
def test_funeral_leave_of_up_to_five_days_plus_travel_is_allowed(days: int, travel_days: int) -> None:
    check_funeral_leave(days=days, travel_days=travel_days, rule_set=RULES_2022)
    check_funeral_leave(days=days, travel_days=travel_days)


@pytest.mark.parametrize(
    ("days", "travel_days", "code"),
    [
        (6, 0, "funeral_leave_out_of_range"),
        (0, 2, "funeral_leave_out_of_range"),
        (3, -1, "negative_travel"),
    ],
)
def test_funeral_leave_beyond_the_limit_is_refused(days: int, travel_days: int, code: str) -> None:
    with pytest.raises(LeaveError) as refused:
        check_funeral_leave(days=days, travel_days=travel_days, rule_set=RULES_2022)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("on", "minor"),
    [
        (date(2024, 5, 9), False),
        (date(2024, 5, 10), True),
        (date(2030, 5, 9), True),
        (date(2030, 5, 10), False),
    ],
)
def test_a_person_is_a_minor_from_the_12th_birthday_until_the_18th(on: date, minor: bool) -> None:
    assert is_minor(date(2012, 5, 10), on) is minor


@pytest.mark.parametrize(
    ("date_of_birth", "on", "age"),
    [
        (date(2012, 5, 10), date(2024, 5, 9), 11),
        (date(2012, 5, 10), date(2024, 5, 10), 12),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
    ],
)
def test_age_counts_whole_years_and_a_leap_day_birthday_falls_on_1_march(
    date_of_birth: date, on: date, age: int
) -> None:
    assert age_on(date_of_birth, on) == age
