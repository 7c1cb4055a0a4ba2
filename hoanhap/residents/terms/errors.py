"""The refusals of the rules: each carries a message a user can read, a `code` and its numbers."""

from __future__ import annotations

import enum

from hoanhap.core.errors import RuleError

__all__ = ["RuleError"]


class TermError(RuleError):
    pass


class RuleNotInForce(TermError):
    """No rule set covers the date: the software holds the law from 01/01/2022 only."""


class TransitionError(RuleError):
    pass


class ReductionRefused(RuleError):
    pass


class LeaveError(RuleError):
    pass


class RefusalReason(enum.StrEnum):
    """Why a term reduction is refused; the `code` of a `ReductionRefused`."""

    HALF_TERM_NOT_SERVED = "half_term_not_served"
    GRADE_MISSING = "grade_missing"
    GRADE_TOO_LOW = "grade_too_low"
    MONTHS_OUT_OF_RANGE = "months_out_of_range"
    TOTAL_EXCEEDED = "total_exceeded"
    RELEASE_BEFORE_DECISION = "release_before_decision"
