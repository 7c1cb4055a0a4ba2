"""Entitlements (the material regime): the pure, dated rules.

What the State provides each resident of a compulsory rehab centre — food money each month,
clothing and bedding each year, hygiene items each month, sanitary items for women — as dated rule
sets (`NORM_SETS`, `norms_on(day)`) and the base salary the food allowance is a multiple of, also
dated (`BASE_SALARIES`, `base_salary_on(day)`). No database: the services and selectors call these.

The regime is set by Decree 116/2021/NĐ-CP (the regime of residents of compulsory rehab). The
exact quantities below follow the usual reading of that regime (food 0.8 × the base salary a month,
two sets of clothes a year…); THE CENTRE MUST CONFIRM THE FIGURES against the text and the
province's decisions before relying on them. A new decision is a new `NormSet` with its date.

Who is due what, for a period (decided here, once):
- a monthly item: every resident whose episode is open at the facility and admitted by the end of
  the month (present any day of it), the full monthly quantity, no pro rata;
- a yearly item: once per calendar year of stay, the full yearly quantity (admitted in December:
  still due that year's clothing);
- the norm of a period is the one in force on the period's first day (the 1st of the month; for a
  yearly item, 1 January), so a norm changing on 01/07 changes July's due, not June's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hoanhap.core.errors import RuleError

DECREE_116_REGIME = "Nghị định 116/2021/NĐ-CP (chế độ đối với học viên cai nghiện bắt buộc)"
LAW_73_MINORS = "Luật 73/2021/QH14, Điều 33"


class Period(StrEnum):
    MONTH = "month"
    YEAR = "year"


class AppliesTo(StrEnum):
    ALL = "all"
    WOMEN = "women"
    MINORS = "minors"


class Item(StrEnum):
    FOOD = "food"
    CLOTHING = "clothing"
    UNDERWEAR = "underwear"
    BLANKET = "blanket"
    MOSQUITO_NET = "mosquito_net"
    MAT = "mat"
    HYGIENE = "hygiene"
    SANITARY = "sanitary"
    STUDY = "study"


ITEM_LABELS: Mapping[Item, Promise] = {
    Item.FOOD: _("Food allowance"),
    Item.CLOTHING: _("Clothing (sets)"),
    Item.UNDERWEAR: _("Underwear (sets)"),
    Item.BLANKET: _("Blanket"),
    Item.MOSQUITO_NET: _("Mosquito net"),
    Item.MAT: _("Sleeping mat"),
    Item.HYGIENE: _("Personal hygiene items (sets)"),
    Item.SANITARY: _("Sanitary items for women (packs)"),
    Item.STUDY: _("Study materials for minors (sets)"),
}
UNIT_VND = "VND"


@dataclass(frozen=True)
class BaseSalary:
    effective_from: date
    amount: int  # VND a month
    citation: str


# The base salary (mức lương cơ sở), dated.
BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    BaseSalary(date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    BaseSalary(date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
)


@dataclass(frozen=True)
class ItemNorm:
    item: Item
    period: Period
    applies_to: AppliesTo
    citation: str
    quantity: int = 0  # pieces, sets or packs per period
    # A money item: this multiple of the base salary in force, in VND (rounded to the dong).
    base_salary_factor: Fraction | None = None

    @property
    def label(self) -> Promise:
        return ITEM_LABELS[self.item]

    @property
    def is_money(self) -> bool:
        return self.base_salary_factor is not None

    @property
    def unit(self) -> str:
        return UNIT_VND if self.is_money else ""

    def quantity_on(self, day: date) -> int:
        """The quantity due for the period starting `day`."""
        if self.base_salary_factor is None:
            return self.quantity
        return round(self.base_salary_factor * base_salary_on(day).amount)


@dataclass(frozen=True)
class NormSet:
    effective_from: date
    citation: str
    items: tuple[ItemNorm, ...]
    # A minor is under this age on the period's first day (Law 73/2021 art. 33).
    minor_below_age: int = 18

    def norm(self, item: Item | str) -> ItemNorm | None:
        return next((norm for norm in self.items if norm.item == item), None)


NORMS_2022 = NormSet(
    effective_from=date(2022, 2, 10),  # Decree 116/2021 in force from 10/02/2022
    citation=DECREE_116_REGIME,
    items=(
        ItemNorm(Item.FOOD, Period.MONTH, AppliesTo.ALL, DECREE_116_REGIME, base_salary_factor=Fraction(4, 5)),
        ItemNorm(Item.CLOTHING, Period.YEAR, AppliesTo.ALL, DECREE_116_REGIME, quantity=2),
        ItemNorm(Item.UNDERWEAR, Period.YEAR, AppliesTo.ALL, DECREE_116_REGIME, quantity=2),
        ItemNorm(Item.BLANKET, Period.YEAR, AppliesTo.ALL, DECREE_116_REGIME, quantity=1),
        ItemNorm(Item.MOSQUITO_NET, Period.YEAR, AppliesTo.ALL, DECREE_116_REGIME, quantity=1),
        ItemNorm(Item.MAT, Period.YEAR, AppliesTo.ALL, DECREE_116_REGIME, quantity=1),
        ItemNorm(Item.HYGIENE, Period.MONTH, AppliesTo.ALL, DECREE_116_REGIME, quantity=1),
        ItemNorm(Item.SANITARY, Period.MONTH, AppliesTo.WOMEN, DECREE_116_REGIME, quantity=2),
        ItemNorm(Item.STUDY, Period.YEAR, AppliesTo.MINORS, f"{DECREE_116_REGIME}; {LAW_73_MINORS}", quantity=1),
    ),
)

NORM_SETS: tuple[NormSet, ...] = (NORMS_2022,)


_Dated = TypeVar("_Dated", NormSet, BaseSalary)


def _in_force_on(history: tuple[_Dated, ...], day: date) -> _Dated:
    in_force = [entry for entry in history if entry.effective_from <= day]
    if not in_force:
        raise RuleError(_("No norm is in force on %(day)s."), code="norm_not_in_force", day=f"{day:%d/%m/%Y}")
    return max(in_force, key=lambda entry: entry.effective_from)


def norms_on(day: date) -> NormSet:
    """The rule set in force on `day`."""
    return _in_force_on(NORM_SETS, day)


def base_salary_on(day: date) -> BaseSalary:
    return _in_force_on(BASE_SALARIES, day)


def period_start(period: Period, month: date) -> date:
    """The period an issue in `month` counts towards: the month's first day, or 1 January."""
    return month.replace(day=1) if period == Period.MONTH else date(month.year, 1, 1)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def applies(norm: ItemNorm, *, is_female: bool, date_of_birth: date, on: date, minor_below_age: int) -> bool:
    if norm.applies_to == AppliesTo.WOMEN:
        return is_female
    if norm.applies_to == AppliesTo.MINORS:
        return _age_on(date_of_birth, on) < minor_below_age
    return True


@dataclass(frozen=True)
class Due:
    norm: ItemNorm
    period: date  # the period's first day
    quantity: int


def dues_for_month(*, month: date, is_female: bool, date_of_birth: date) -> list[Due]:
    """What a resident present in `month` is due for each item's period covering that month (a
    yearly item: for the whole year), by the norm in force on the period's first day (for a period
    that began before the first norm set, the first set)."""
    month = month.replace(day=1)
    dues = []
    for listed in norms_on(month).items:
        start = period_start(listed.period, month)
        rules = norms_on(max(start, NORM_SETS[0].effective_from))
        norm = rules.norm(listed.item)
        if norm is None or not applies(
            norm, is_female=is_female, date_of_birth=date_of_birth, on=start, minor_below_age=rules.minor_below_age
        ):
            continue
        dues.append(Due(norm=norm, period=start, quantity=norm.quantity_on(start)))
    return dues


def yearly_items(day: date) -> set[Item]:
    """The items of the norm set in force on `day` given once a year (none before the first set)."""
    try:
        return {norm.item for norm in norms_on(day).items if norm.period == Period.YEAR}
    except RuleError:
        return set()


def check_issue(*, due: int, already_issued: int, quantity: int) -> None:
    """An issue gives a positive quantity and never more than the norm leaves for the period."""
    if quantity <= 0:
        raise RuleError(_("Give a quantity greater than zero."), code="quantity_not_positive")
    if due <= 0:
        raise RuleError(_("This item is not due to this resident for this period."), code="not_due")
    if already_issued + quantity > due:
        raise RuleError(
            _("The norm for this period is %(due)s; %(issued)s already issued, so at most %(left)s more."),
            code="above_norm",
            due=due,
            issued=already_issued,
            left=max(due - already_issued, 0),
        )
