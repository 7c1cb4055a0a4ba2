"""The refusals of the rules: each carries a message a user can read, a `code` and its numbers."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class RuleError(ValueError):
    """A rule of law refuses the request.

    `str()` is the message a user reads (translated when it is rendered); `code` tells the reasons
    apart for services and tests; `params` are the numbers the message quotes.
    """

    def __init__(self, message: StrPromise, *, code: str, **params: object) -> None:
        super().__init__(message, code)
        self.message = message
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


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
    TOO_FEW_GRADES = "too_few_grades"
    GRADE_TOO_LOW = "grade_too_low"
    MONTHS_OUT_OF_RANGE = "months_out_of_range"
