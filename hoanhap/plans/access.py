"""Who reads and who writes the annual plans. The centre's leadership and the province read them
(`VIEW_REPORTS`, `OVERSEE_FACILITY`); the director and deputies, who sign the centre's
decisions, set the targets and approve the plan (`APPROVE_DECISIONS`)."""

from typing import Any

from django.core.exceptions import PermissionDenied

from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import has_capability

C = Capability

READ: frozenset[Capability] = frozenset({C.VIEW_REPORTS, C.OVERSEE_FACILITY})
WRITE: Capability = C.APPROVE_DECISIONS


def require_write(actor: Any, facility_id: int) -> None:
    """Every service checks the writer's capability in the plan's facility (the pages check
    first, but a service is also called by the API and by other code)."""
    if not has_capability(actor, WRITE, facility_id):
        raise PermissionDenied
