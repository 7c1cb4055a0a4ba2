"""What the residents API's endpoints share: the router, paging, and the current episode.

Another facility's resident is a 404; sensitive fields are null for a caller without the
capability; a rule's refusal is a 400 (409 for a possible duplicate or a stale version) with
`{"detail", "code", "field"}` (hoanhap/api/api.py answers every DomainError so); malformed input is
a 422 listing each field with a message in the caller's language. Every endpoint about one
resident goes through `resident_for_request`, which checks access and writes the access log.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core.models import Facility, Room, Zone

from .. import selectors
from ..errors import DomainError
from ..models import Episode, Resident
from ..schemas import EpisodeOut, ErrorOut, ValidationErrorOut

router = Router(tags=["residents"])

# The refusals every endpoint about one resident may answer (documented in the OpenAPI document).
REFUSED: dict[int, Any] = {
    400: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)


def episode_out(episode: Episode) -> dict[str, Any]:
    return {name: getattr(episode, name) for name in EpisodeOut.model_fields}


def current_episode(resident: Resident) -> Episode:
    episode = resident.episodes.filter(facility_id=resident.facility_id, status__in=selectors.OPEN_STATUSES).first()
    if episode is None:
        raise DomainError(_("This resident is not in rehab."), code="not_in_rehab")
    return episode


def placement(resident: Resident, zone_id: int, room_id: int) -> tuple[Zone, Room]:
    """The zone and room the caller named, if they are the resident's facility's (else a 400)."""
    zone = Zone.objects.filter(pk=zone_id, facility_id=resident.facility_id).first()
    room = Room.objects.filter(pk=room_id, facility_id=resident.facility_id).first()
    if zone is None:
        raise DomainError(_("Choose a zone of this facility."), code="invalid", field="zone_id")
    if room is None:
        raise DomainError(_("Choose a room of this facility."), code="invalid", field="room_id")
    return zone, room


def facility_for(request: AuthenticatedRequest, facility_id: int | None) -> Facility:
    """The facility a write without a resident goes to (registration, import): one where the caller
    manages residents; named by `facility_id` when there are several."""
    manage_ids = facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)
    if not manage_ids:
        raise PermissionDenied
    if facility_id is None:
        if len(manage_ids) > 1:
            raise DomainError(
                _("Give facility_id: you manage residents in several facilities."), code="required", field="facility_id"
            )
        facility_id = next(iter(manage_ids))
    if facility_id not in manage_ids:
        raise PermissionDenied
    return get_object_or_404(Facility, pk=facility_id)
