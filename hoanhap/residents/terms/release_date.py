"""The expected release date: start + term − days credited + days the clock stood still − reductions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import ngettext

from .dates import add_months, ddmmyyyy
from .rules import rule_set_on


@dataclass(frozen=True)
class ReleaseComputation:
    start_on: date
    term_months: int
    credited_days: int
    absent_days: int
    reduction_months: int
    reduction_days: int
    expected_on: date

    def derivation(self) -> str:
        """How the date was reached, for the resident's page: "12 tháng từ 03/02/2025, +14 ngày vắng mặt"."""
        parts = [
            ngettext("%(months)s month from %(start)s", "%(months)s months from %(start)s", self.term_months)
            % {"months": self.term_months, "start": ddmmyyyy(self.start_on)}
        ]
        if self.absent_days:
            text = ngettext("+%(days)s day absent", "+%(days)s days absent", self.absent_days)
            parts.append(text % {"days": self.absent_days})
        if self.credited_days:
            text = ngettext("−%(days)s day credited", "−%(days)s days credited", self.credited_days)
            parts.append(text % {"days": self.credited_days})
        if self.reduction_months:
            text = ngettext("−%(months)s month reduced", "−%(months)s months reduced", self.reduction_months)
            parts.append(text % {"months": self.reduction_months})
        if self.reduction_days:
            text = ngettext("−%(days)s day reduced", "−%(days)s days reduced", self.reduction_days)
            parts.append(text % {"days": self.reduction_days})
        return ", ".join(parts)


def expected_release_on(
    *,
    start_on: date,
    term_months: int,
    credited_days: int = 0,
    absent_days: int = 0,
    reduction_months: int = 0,
    reduction_days: int = 0,
    latest_reduction_on: date | None = None,
) -> ReleaseComputation:
    """Start + term − days held before the decision (Decree 116 art. 44–45) + days absconded
    (Decree 116 art. 56: they do not count) − any reduction (art. 58), and never before the
    latest reduction decision (`latest_reduction_on`): a reduction does not release a person
    on a day already past when it was decided.

    Funeral leave counts as served, so it is not an input.
    """
    amounts = {
        "term_months": term_months,
        "credited_days": credited_days,
        "absent_days": absent_days,
        "reduction_months": reduction_months,
        "reduction_days": reduction_days,
    }
    for name, value in amounts.items():
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    if reduction_months > term_months:
        raise ValueError(f"reduction_months ({reduction_months}) exceeds term_months ({term_months})")
    expected_on = add_months(start_on, term_months - reduction_months) + timedelta(
        days=absent_days - credited_days - reduction_days
    )
    if latest_reduction_on is not None and (reduction_months or reduction_days):
        expected_on = max(expected_on, latest_reduction_on)
    return ReleaseComputation(
        start_on=start_on,
        term_months=term_months,
        credited_days=credited_days,
        absent_days=absent_days,
        reduction_months=reduction_months,
        reduction_days=reduction_days,
        expected_on=expected_on,
    )


def stops_the_clock(kind: str, *, on: date) -> bool:
    """Whether the days of an event of `kind` (a `LegalEvent.Kind`) that began `on` do not count
    towards the term, by the rules in force that day (`RuleSet.clock_stopping_kinds`)."""
    return kind in rule_set_on(on).clock_stopping_kinds


def days_between_absences(periods: Iterable[tuple[date, date | None]], *, today: date) -> int:
    """Days the clock stood still for abscondence (Decree 116 art. 56).

    A period runs from the day the resident left to the day they came back (05/03 → 10/03 is
    5 days); one still open runs to `today`. Overlapping records count once.
    """
    spans: list[tuple[date, date]] = []
    for left_on, returned_on in periods:
        until = today if returned_on is None else returned_on
        if until < left_on:
            raise ValueError(f"An absence cannot end ({until}) before it starts ({left_on}).")
        spans.append((left_on, until))
    total = 0
    counted_until: date | None = None
    for left_on, until in sorted(spans):
        start = left_on if counted_until is None else max(left_on, counted_until)
        total += max((until - start).days, 0)
        counted_until = until if counted_until is None else max(counted_until, until)
    return total
