"""Post-rehab management at the commune or ward where the person lives (Law 73/2021 art. 40)."""

from __future__ import annotations

from datetime import date

from .dates import add_months
from .kinds import EpisodeKind
from .rules import rule_set_on


def aftercare_months(*, kind: EpisodeKind, completed_on: date) -> int:
    """Months of post-rehab management at the commune or ward (Law 73 art. 40)."""
    return rule_set_on(completed_on).aftercare_months[EpisodeKind(kind)]


def aftercare_ends_on(*, kind: EpisodeKind, completed_on: date) -> date:
    return add_months(completed_on, aftercare_months(kind=kind, completed_on=completed_on))
