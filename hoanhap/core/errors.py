"""Domain errors: a refusal a user can read, and the field it belongs to.

How to use them:

- A pure rule set (legal terms, deadlines) raises a `RuleError` with a `code` and the numbers its
  message quotes; it knows nothing of forms or HTTP.
- A service raises a `DomainError` (or `DomainError.from_rule(rule_error, field=...)`) before it
  changes anything. Nothing has been written when one is raised: the service's transaction rolls back.
- A view puts it beside its field with `hoanhap.core.forms.add_domain_error` (or lets
  `hoanhap.core.forms.form_response` do it); the API answers `{"detail", "code", "field"}` with the
  error's `status_code` (400, 409 for `StaleVersion`).

Messages are lazy and formatted when shown, so they read in the language of the page.
"""

from __future__ import annotations

from typing import Any


class RuleError(ValueError):
    """A rule of law refuses the request.

    `str()` is the message a user reads (translated when it is rendered); `code` tells the reasons
    apart for services and tests; `params` are the numbers the message quotes.
    """

    def __init__(self, message: Any, *, code: str, **params: object) -> None:
        super().__init__(message, code)
        self.message = message
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


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

    def as_api_body(self) -> dict[str, Any]:
        return {"detail": str(self), "code": self.code, "field": self.field}


class StaleVersion(DomainError):
    """Someone else saved the record since the form was opened (optimistic locking)."""

    status_code = 409
