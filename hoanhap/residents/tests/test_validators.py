"""Typed-input checks that need no database (hoanhap/residents/validators.py)."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hoanhap.residents.terms import RULES_2022, RULES_2026, rules
from hoanhap.residents.validators import check_citizen_id_matches, validate_citizen_id, validate_date_of_birth

TODAY = date(2026, 11, 10)


@pytest.mark.parametrize("value", ["010090123456", "001300000001", "096199999999"])
def test_a_well_formed_citizen_id_passes(value):
    validate_citizen_id(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("01009012345", "citizen_id_format"),  # 11 digits
        ("0100901234567", "citizen_id_format"),  # 13 digits
        ("01009012345a", "citizen_id_format"),
        ("123456789", "citizen_id_format"),  # an old 9-digit card number
        ("", "citizen_id_format"),
        ("000090123456", "citizen_id_province"),
        ("097090123456", "citizen_id_province"),
    ],
)
def test_a_malformed_citizen_id_is_refused(value, code):
    with pytest.raises(ValidationError) as refused:
        validate_citizen_id(value)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("citizen_id", "born", "sex"),
    [
        ("010090123456", date(1990, 5, 17), "male"),
        ("010190123456", date(1990, 5, 17), "female"),
        ("010205123456", date(2005, 1, 1), "male"),
        ("010305123456", date(2005, 1, 1), "female"),
    ],
)
def test_the_sex_and_century_digit_and_the_year_match(citizen_id, born, sex):
    check_citizen_id_matches(citizen_id, date_of_birth=born, sex=sex)


@pytest.mark.parametrize(
    ("citizen_id", "born", "sex"),
    [
        ("010190123456", date(1990, 5, 17), "male"),  # female digit
        ("010091123456", date(1990, 5, 17), "male"),  # year 91
        ("010290123456", date(1990, 5, 17), "male"),  # 2000s digit
    ],
)
def test_a_citizen_id_that_contradicts_the_birth_date_or_sex_is_refused(citizen_id, born, sex):
    with pytest.raises(ValidationError) as refused:
        check_citizen_id_matches(citizen_id, date_of_birth=born, sex=sex)
    assert refused.value.code == "citizen_id_mismatch"


@pytest.mark.parametrize(
    ("born", "code"),
    [
        (date(2026, 11, 11), "birth_in_future"),
        (date(1899, 12, 31), "birth_too_early"),
        (date(2014, 11, 11), "too_young"),
    ],
)
def test_an_impossible_date_of_birth_is_refused(born, code):
    with pytest.raises(ValidationError) as refused:
        validate_date_of_birth(born, today=TODAY)
    assert refused.value.code == code


def test_a_twelve_year_old_may_be_registered():
    validate_date_of_birth(date(2014, 11, 10), today=TODAY)


@pytest.mark.parametrize(
    ("born", "today", "too_young"),
    [
        (date(2014, 6, 30), date(2026, 6, 29), True),
        (date(2014, 6, 30), date(2026, 6, 30), False),
        (date(2014, 7, 1), date(2026, 6, 30), True),
        (date(2014, 7, 1), date(2026, 7, 1), False),
        (date(2014, 7, 2), date(2026, 7, 1), True),
    ],
)
def test_the_youngest_age_is_twelve_on_each_side_of_the_2026_law(born, today, too_young):
    if too_young:
        with pytest.raises(ValidationError) as refused:
            validate_date_of_birth(born, today=today)
        assert refused.value.code == "too_young"
        assert refused.value.params == {"age": 12}
    else:
        validate_date_of_birth(born, today=today)


def test_the_youngest_age_comes_from_the_rules_in_force_today(monkeypatch):
    # A made-up later law that raises the age at which rehab may start to 14.
    later = replace(RULES_2026, effective_from=date(2027, 1, 1), minor_ages=(14, 18))
    monkeypatch.setattr(rules, "RULE_SETS", (RULES_2022, RULES_2026, later))
    validate_date_of_birth(date(2014, 12, 1), today=date(2026, 12, 31))
    with pytest.raises(ValidationError) as refused:
        validate_date_of_birth(date(2014, 12, 1), today=date(2027, 1, 1))
    assert refused.value.params == {"age": 14}
