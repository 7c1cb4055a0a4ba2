"""The material regime's rules: the norms as dated data, who is due what, and the issue check."""

from datetime import date

import pytest

from hoanhap.core.errors import RuleError
from hoanhap.daily_life.rules.entitlements import (
    NORM_SETS,
    Item,
    Period,
    base_salary_on,
    check_issue,
    dues_for_month,
    norms_on,
    period_start,
    yearly_items,
)

ADULT = date(1990, 5, 17)


def due_of(item: Item, *, month: date, is_female: bool = False, born: date = ADULT) -> int | None:
    dues = {due.norm.item: due.quantity for due in dues_for_month(month=month, is_female=is_female, date_of_birth=born)}
    return dues.get(item)


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (date(2023, 6, 30), 1_490_000),
        (date(2023, 7, 1), 1_800_000),
        (date(2024, 6, 30), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
        (date(2026, 3, 2), 2_340_000),
    ],
)
def test_the_base_salary_is_the_one_in_force_on_the_day(day, amount):
    assert base_salary_on(day).amount == amount


@pytest.mark.parametrize(
    ("month", "food"),
    [
        (date(2023, 6, 1), 1_192_000),  # 0.8 × 1,490,000
        (date(2023, 7, 1), 1_440_000),  # 0.8 × 1,800,000
        (date(2024, 6, 1), 1_440_000),
        (date(2024, 7, 1), 1_872_000),  # 0.8 × 2,340,000
    ],
)
def test_the_food_allowance_is_four_fifths_of_the_base_salary_on_the_months_first_day(month, food):
    assert due_of(Item.FOOD, month=month) == food


def test_a_month_is_due_by_the_norm_of_its_first_day_even_asked_on_its_last():
    assert due_of(Item.FOOD, month=date(2024, 6, 30)) == 1_440_000
    assert due_of(Item.FOOD, month=date(2024, 7, 31)) == 1_872_000


@pytest.mark.parametrize(
    ("item", "quantity", "period"),
    [
        (Item.CLOTHING, 2, Period.YEAR),
        (Item.UNDERWEAR, 2, Period.YEAR),
        (Item.BLANKET, 1, Period.YEAR),
        (Item.MOSQUITO_NET, 1, Period.YEAR),
        (Item.MAT, 1, Period.YEAR),
        (Item.HYGIENE, 1, Period.MONTH),
        (Item.SANITARY, 2, Period.MONTH),
        (Item.STUDY, 1, Period.YEAR),
    ],
)
def test_each_item_has_its_quantity_and_period(item, quantity, period):
    norm = norms_on(date(2026, 3, 1)).norm(item)
    assert norm is not None
    assert (norm.quantity, norm.period) == (quantity, period)


@pytest.mark.parametrize(
    ("is_female", "sanitary"),
    [(True, 2), (False, None)],
)
def test_sanitary_items_are_due_to_women_only(is_female, sanitary):
    assert due_of(Item.SANITARY, month=date(2026, 3, 1), is_female=is_female) == sanitary


@pytest.mark.parametrize(
    ("born", "study"),
    [
        (date(2008, 1, 2), 1),  # 17 on 01/01/2026: a minor that year
        (date(2008, 1, 1), None),  # 18 on 01/01/2026
    ],
)
def test_study_materials_are_due_to_minors_by_their_age_on_the_periods_first_day(born, study):
    assert due_of(Item.STUDY, month=date(2026, 3, 1), born=born) == study


@pytest.mark.parametrize(
    ("month", "period"),
    [
        (date(2026, 3, 15), date(2026, 3, 1)),
        (date(2026, 1, 1), date(2026, 1, 1)),
        (date(2026, 12, 31), date(2026, 12, 1)),
    ],
)
def test_a_monthly_item_counts_towards_its_month(month, period):
    assert period_start(Period.MONTH, month) == period


@pytest.mark.parametrize("month", [date(2026, 1, 1), date(2026, 7, 20), date(2026, 12, 31)])
def test_a_yearly_item_counts_towards_the_calendar_year(month):
    assert period_start(Period.YEAR, month) == date(2026, 1, 1)


def test_yearly_items_are_the_clothes_and_bedding():
    assert yearly_items(date(2026, 3, 1)) == {
        Item.CLOTHING,
        Item.UNDERWEAR,
        Item.BLANKET,
        Item.MOSQUITO_NET,
        Item.MAT,
        Item.STUDY,
    }


@pytest.mark.parametrize(
    ("day", "in_force"),
    [(date(2022, 2, 9), False), (date(2022, 2, 10), True)],
)
def test_the_norms_are_in_force_from_decree_116s_first_day(day, in_force):
    if in_force:
        assert norms_on(day) is NORM_SETS[0]
    else:
        with pytest.raises(RuleError) as refused:
            norms_on(day)
        assert refused.value.code == "norm_not_in_force"
    assert bool(yearly_items(day)) is in_force


def test_every_norm_cites_decree_116():
    assert all("116/2021" in norm.citation for norm_set in NORM_SETS for norm in norm_set.items)


@pytest.mark.parametrize(
    ("due", "already", "quantity", "refusal"),
    [
        (2, 0, 2, None),
        (2, 1, 1, None),
        (2, 1, 2, "above_norm"),  # one over the norm
        (2, 2, 1, "above_norm"),
        (2, 0, 0, "quantity_not_positive"),
        (2, 0, -1, "quantity_not_positive"),
        (0, 0, 1, "not_due"),
        (1_872_000, 0, 1_872_000, None),
        (1_872_000, 0, 1_872_001, "above_norm"),
    ],
)
def test_an_issue_is_positive_and_never_beyond_the_norm(due, already, quantity, refusal):
    if refusal is None:
        check_issue(due=due, already_issued=already, quantity=quantity)
    else:
        with pytest.raises(RuleError) as refused:
            check_issue(due=due, already_issued=already, quantity=quantity)
        assert refused.value.code == refusal
