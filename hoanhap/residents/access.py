"""One door to a resident's record, for pages and API alike (as healthchecks'
`_get_rw_check_for_user`): `resident_for_request` checks the capability (403), fetches the
resident within the user's facilities (another facility's record is a 404, the same as a missing
one), logs the read, and for a form that writes checks the user manages residents there (403)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.audit.services import record_access

from .models import Resident
from .selectors import resident_for


def resident_for_request(
    request: AuthenticatedRequest,
    resident_id: int,
    *,
    capability: Capability = Capability.VIEW_RESIDENTS,
    manage: bool = False,
) -> Resident:
    """The resident the request names, its read logged. `manage=True` for a form that changes
    the record: shown only to who may submit it (the services check again on submit)."""
    require_capability(request.user, capability)
    resident = resident_for(request.user, resident_id)
    record_access(actor=request.user, instance=resident, via=f"{request.method} {request.path}")
    if manage and resident.facility_id not in facility_ids_with(request.user, Capability.MANAGE_RESIDENTS):
        raise PermissionDenied
    return resident


def shows_resident(view: Callable[..., Any]) -> Callable[..., Any]:
    """`resident_for_request` as a decorator: the view receives the Resident instead of its id."""

    @wraps(view)
    def wrapped(request: AuthenticatedRequest, resident_id: int, *args: Any, **kwargs: Any) -> Any:
        return view(request, resident_for_request(request, resident_id), *args, **kwargs)

    return wrapped
