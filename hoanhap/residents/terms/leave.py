"""Leave from the centre: funeral leave for a parent, spouse or child (Decree 116/2021)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from .errors import LeaveError
from .rules import RuleSet


def check_funeral_leave(*, days: int, travel_days: int, rule_set: RuleSet) -> None:
    """Funeral leave for a parent, spouse or child: up to the legal days plus travel; counts as served.

    `rule_set` is the one in force on the day the leave starts.
    """
    if travel_days < 0:
        raise LeaveError(_("Travel days cannot be negative."), code="negative_travel")
    if not 1 <= days <= rule_set.funeral_leave_max_days:
        raise LeaveError(
            _("Funeral leave is 1 to %(max)s days, plus travel (%(citation)s)."),
            code="funeral_leave_out_of_range",
            max=rule_set.funeral_leave_max_days,
            citation=rule_set.funeral_leave_citation,
        )


def days_late_from_leave(*, left_on: date, back_on: date, days: int, travel_days: int) -> int:
    """Days back after the leave allowed (its days plus travel), 0 when on time.

    What the law does with them is not settled in our sources: DOMAIN.md says funeral leave counts
    as served and that days beyond it are not leave, but cites no article treating them as
    absence (Decree 116 art. 56 covers abscondence, which needs a search decision). So they are
    recorded and warned about, and count as served until a lawyer confirms otherwise.
    """
    return max((back_on - (left_on + timedelta(days=days + travel_days))).days, 0)
