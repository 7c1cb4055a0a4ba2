"""The dates of a posting, checked without the database: a posting starts on or after the day the
person was hired and before they left, ends on or after it starts, never overlaps another of the
same person, and follows the previous one without a gap unless a gap is meant (leave, training,
secondment outside the facility)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from hoanhap.core.errors import RuleError


@dataclass(frozen=True)
class Span:
    starts_on: date
    ends_on: date | None  # None: still running


def check_new_posting(
    *,
    starts_on: date,
    ends_on: date | None,
    hired_on: date,
    left_on: date | None,
    earlier: Sequence[Span],
    gap_intended: bool = False,
) -> None:
    """`earlier`: the person's other postings, the running one (if any) already ended the day
    before `starts_on` by the caller. Raises RuleError naming the broken rule."""
    if ends_on is not None and ends_on < starts_on:
        raise RuleError(_("The posting cannot end before it starts."), code="ends_before_start")
    if starts_on < hired_on:
        raise RuleError(
            _("The posting cannot start before the staff member was hired (%(hired)s)."),
            code="before_hired",
            hired=f"{hired_on:%d/%m/%Y}",
        )
    if left_on is not None and starts_on > left_on:
        raise RuleError(
            _("The staff member left on %(left)s: a posting cannot start after that."),
            code="after_left",
            left=f"{left_on:%d/%m/%Y}",
        )
    for span in earlier:
        span_end = span.ends_on or date.max
        new_end = ends_on or date.max
        if span.starts_on <= new_end and starts_on <= span_end:
            raise RuleError(
                _("This posting overlaps another, from %(start)s: a staff member holds one posting at a time."),
                code="overlap",
                start=f"{span.starts_on:%d/%m/%Y}",
            )
    before = [span for span in earlier if span.starts_on < starts_on]
    if before and not gap_intended:
        last_end = max(span.ends_on or date.max for span in before)
        if last_end < starts_on - timedelta(days=1):
            raise RuleError(
                _(
                    "The previous posting ended on %(end)s: this one leaves a gap. Start it the next "
                    "day, or tick that the gap is intended."
                ),
                code="gap",
                end=f"{last_end:%d/%m/%Y}",
            )
