"""Who reads and who writes the organisation: the staff manager (`MANAGE_STAFF`) writes; the
centre's leadership (`OVERSEE_FACILITY`) reads. National holidays are the system administrator's
(`MANAGE_USERS`, in any facility) or a superuser's: they hold for every facility."""

from typing import Any

from django.core.exceptions import PermissionDenied

from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with, has_capability

WRITE = Capability.MANAGE_STAFF
READ: frozenset[Capability] = frozenset({Capability.MANAGE_STAFF, Capability.OVERSEE_FACILITY})
# The holidays page: its readers, and the administrator who keeps the national days.
HOLIDAY_READERS: frozenset[Capability] = READ | {Capability.MANAGE_USERS}


def require_write(actor: Any, facility_id: int) -> None:
    """Every service checks the writer's capability in the row's facility (the API calls them too)."""
    if not has_capability(actor, WRITE, facility_id):
        raise PermissionDenied


def may_keep_national_holidays(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or facility_ids_with(user, Capability.MANAGE_USERS))
