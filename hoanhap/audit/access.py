"""One door to one record of any module (healthchecks' `_get_rw_check_for_user` is the model):

    prescription = object_for_request(request, Prescription.objects.all(), prescription_id,
                                      capability=Capability.RECORD_CARE)

403 without the capability anywhere; 404 for a record of a facility where the user lacks it,
exactly as for a missing one; the read is logged in the access log when the record is about a
person (`log_read=True`, the default). The residents app has its own door (`resident_for_request`)
because a transferred resident stays readable, as history, at the facility that sent them.
"""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import AnyCapability, visible_to
from hoanhap.core.models import FacilityScopedModel, FacilityScopedQuerySet

from .services import record_access

M = TypeVar("M", bound=FacilityScopedModel)


def object_for_request(
    request: AuthenticatedRequest,
    queryset: FacilityScopedQuerySet[M],
    pk: int,
    *,
    capability: AnyCapability,
    log_read: bool = True,
) -> M:
    require_capability(request.user, capability)
    try:
        found = visible_to(queryset, request.user, capability).get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    if log_read:
        record_access(actor=request.user, instance=found, via=f"{request.method} {request.path}")
    return found
