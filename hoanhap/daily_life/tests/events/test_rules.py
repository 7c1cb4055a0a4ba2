from datetime import date

import pytest

from hoanhap.core.errors import RuleError
from hoanhap.daily_life.rules import events as rules

RULES = rules.rule_set_on(date(2026, 1, 1))


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2026, 1, 1), 1),
        (date(2026, 3, 31), 1),
        (date(2026, 4, 1), 2),
        (date(2026, 6, 30), 2),
        (date(2026, 7, 1), 3),
        (date(2026, 9, 30), 3),
        (date(2026, 10, 1), 4),
        (date(2026, 12, 31), 4),
    ],
)
def test_a_day_falls_in_its_quarter_on_both_sides_of_each_boundary(day, quarter):
    assert rules.quarter_of(day) == quarter


@pytest.mark.parametrize(
    ("born", "party", "celebrated"),
    [
        (date(1990, 1, 15), date(2026, 3, 20), True),
        (date(1990, 3, 31), date(2026, 2, 1), True),
        (date(1990, 4, 1), date(2026, 3, 31), False),
        (date(1990, 12, 31), date(2026, 1, 10), False),
        (date(1990, 4, 1), date(2026, 4, 1), True),
        (date(1990, 6, 30), date(2026, 5, 5), True),
        (date(1990, 7, 1), date(2026, 6, 30), False),
        (None, date(2026, 3, 20), False),
    ],
)
def test_a_birthday_party_celebrates_the_residents_born_in_its_quarter(born, party, celebrated):
    assert rules.born_in_quarter_of(born, party) is celebrated


def test_a_quarter_is_one_to_four():
    with pytest.raises(ValueError):
        rules.quarter_months(5)


@pytest.mark.parametrize(
    ("held_on", "allowed"),
    [(date(2026, 3, 1), True), (date(2026, 3, 2), True), (date(2026, 3, 3), False)],
)
def test_attendance_is_recorded_on_or_after_the_day_never_before(held_on, allowed):
    if allowed:
        rules.check_happened(held_on=held_on, today=date(2026, 3, 2))
    else:
        with pytest.raises(RuleError) as refused:
            rules.check_happened(held_on=held_on, today=date(2026, 3, 2))
        assert refused.value.code == "not_yet_held"
        assert "03/03/2026" in str(refused.value)


@pytest.mark.parametrize(("value", "allowed"), [(-1, False), (0, True), (1, True), (2_000_000, True)])
def test_a_prize_is_worth_zero_dong_or_more(value, allowed):
    if allowed:
        rules.check_prize_value(value)
    else:
        with pytest.raises(RuleError):
            rules.check_prize_value(value)


@pytest.mark.parametrize(
    ("size", "image_format", "outcome"),
    [
        (5 * 1024 * 1024, "JPEG", "image/jpeg"),
        (5 * 1024 * 1024 + 1, "JPEG", "photo_too_large"),
        (100, "PNG", "image/png"),
        (100, "WEBP", "image/webp"),
        (100, "GIF", "photo_invalid"),
        (100, None, "photo_invalid"),
    ],
)
def test_a_photo_is_a_jpeg_png_or_webp_of_at_most_five_megabytes(size, image_format, outcome):
    if outcome.startswith("image/"):
        assert rules.check_photo(size=size, image_format=image_format, rule_set=RULES) == outcome
    else:
        with pytest.raises(RuleError) as refused:
            rules.check_photo(size=size, image_format=image_format, rule_set=RULES)
        assert refused.value.code == outcome


def test_the_rule_set_in_force_is_the_latest_that_began_by_the_day():
    first = rules.RULE_SETS[0]
    assert rules.rule_set_on(first.effective_from) is first
    with pytest.raises(RuleError):
        rules.rule_set_on(date(2021, 12, 31))
