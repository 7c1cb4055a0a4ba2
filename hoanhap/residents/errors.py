"""Domain errors of the residents app: a message a user can read, the field it belongs to.

Views put the message beside `field` (or above the form when it is None); the API returns it as
`{"detail": …, "code": …, "field": …}` with a 4xx status.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .terms import RuleError

if TYPE_CHECKING:
    from .models import Resident


class DomainError(Exception):
    """A request the rules refuse. Nothing has been changed when it is raised."""

    status_code = 400

    def __init__(self, message: Any, *, code: str, field: str | None = None, **params: object) -> None:
        super().__init__(message, code)
        self.message = message
        self.code = code
        self.field = field
        self.params = params

    def __str__(self) -> str:
        # Formatted when shown, so a lazy message is read in the language of the page.
        return str(self.message) % self.params if self.params else str(self.message)

    @classmethod
    def from_rule(cls, error: RuleError, *, field: str | None = None) -> DomainError:
        return cls(error.message, code=str(error.code), field=field, **error.params)


class StaleVersion(DomainError):
    """Someone else saved the record since the form was opened (optimistic locking)."""

    status_code = 409


class PossibleDuplicate(DomainError):
    """The person may already be registered; the user can confirm it is someone else."""

    status_code = 409

    def __init__(self, message: Any, *, candidates: Sequence[Resident]) -> None:
        super().__init__(message, code="possible_duplicate")
        self.candidates = list(candidates)
