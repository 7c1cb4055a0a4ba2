"""The expected release date and the days the clock stood still (terms/release_date.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from hoanhap.residents.terms import (
    RULES_2022,
    RULES_2026,
    RuleNotInForce,
    days_between_absences,
    expected_release_on,
    rules,
    stops_the_clock,
)

BEFORE_CHANGE = date(2026, 6, 30)
CHANGE_DAY = date(2026, 7, 1)


@pytest.mark.parametrize("on", [date(2022, 1, 1), BEFORE_CHANGE, CHANGE_DAY, date(2030, 1, 1)])
@pytest.mark.parametrize(
    ("kind", "stops"),
    [
        ("abscondence", True),
        ("suspension", True),
        ("leave", False),
        ("hospital", False),
        ("term_reduction", False),
    ],
)
def test_days_absconded_or_suspended_do_not_count_and_leave_or_hospital_count_as_served(
    on: date, kind: str, stops: bool
) -> None:
    assert stops_the_clock(kind, on=on) is stops


def test_whether_the_clock_stops_follows_the_rules_in_force_on_the_day_the_event_began(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A made-up later law under which a suspension counts as served.
    later = replace(RULES_2026, effective_from=date(2027, 1, 1), clock_stopping_kinds=frozenset({"abscondence"}))
    monkeypatch.setattr(rules, "RULE_SETS", (RULES_2022, RULES_2026, later))
    assert stops_the_clock("suspension", on=date(2026, 12, 31)) is True
    assert stops_the_clock("suspension", on=date(2027, 1, 1)) is False
    assert stops_the_clock("abscondence", on=date(2027, 1, 1)) is True


def test_no_rule_says_whether_the_clock_stops_before_2022() -> None:
    with pytest.raises(RuleNotInForce):
        stops_the_clock("abscondence", on=date(2021, 12, 31))


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
def test_the_release_date_explains_how_it_was_reached(amounts: dict[str, Any], derivation: str) -> None:
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
