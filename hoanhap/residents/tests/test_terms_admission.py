"""The term a decision states and who is a minor, at admission (terms/admission.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from datetime import date

import pytest

from hoanhap.residents.terms import (
    EpisodeKind,
    TermError,
    is_minor,
    validate_term,
)

VOLUNTARY = EpisodeKind.VOLUNTARY
COMPULSORY = EpisodeKind.COMPULSORY
MINOR = EpisodeKind.COMPULSORY_MINOR
BEFORE_CHANGE = date(2026, 6, 30)
CHANGE_DAY = date(2026, 7, 1)


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


def test_the_term_error_reads_in_english() -> None:
    with pytest.raises(TermError) as refused:
        validate_term(kind=VOLUNTARY, term_months=13, decided_on=date(2025, 3, 1))
    assert str(refused.value) == (
        "The term must be between 6 and 12 months for this kind of rehab (Luật 73/2021/QH14, Điều 31)."
    )


def test_the_fixed_term_error_reads_in_english() -> None:
    with pytest.raises(TermError) as refused:
        validate_term(kind=COMPULSORY, term_months=24, decided_on=CHANGE_DAY, prior_compulsory_count=1)
    assert str(refused.value) == "The term must be exactly 36 months for this rehab (Luật 120/2025/QH15)."


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
