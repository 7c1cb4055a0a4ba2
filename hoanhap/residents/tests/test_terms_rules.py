"""The dated rule sets and the rule set in force on a day (terms/rules.py).

Pure: nothing here touches the database.
"""

from __future__ import annotations

from datetime import date

import pytest

from hoanhap.residents.terms import (
    RULES_2022,
    RULES_2026,
    EpisodeKind,
    RuleNotInForce,
    TermError,
    rule_set_on,
)

VOLUNTARY = EpisodeKind.VOLUNTARY
MINOR = EpisodeKind.COMPULSORY_MINOR
BEFORE_CHANGE = date(2026, 6, 30)
CHANGE_DAY = date(2026, 7, 1)


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
