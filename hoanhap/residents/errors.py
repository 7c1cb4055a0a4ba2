"""The residents app's own domain error; the shared ones are in `hoanhap.core.errors`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hoanhap.core.errors import DomainError, StaleVersion

if TYPE_CHECKING:
    from .models import Resident


class PossibleDuplicate(DomainError):
    """The person may already be registered; the user can confirm it is someone else."""

    status_code = 409

    def __init__(self, message: Any, *, candidates: Sequence[Resident]) -> None:
        super().__init__(message, code="possible_duplicate")
        self.candidates = list(candidates)


__all__ = ["DomainError", "PossibleDuplicate", "StaleVersion"]
