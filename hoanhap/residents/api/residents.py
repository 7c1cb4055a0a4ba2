"""Residents: search, one resident's record, registration."""

from typing import Any

from ninja import Query
from ninja.pagination import paginate
from ninja.responses import Status

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock

from .. import selectors, services
from ..access import resident_for_request
from ..models import Resident
from ..release import is_clock_stopped, release_computation
from ..schemas import RegisterIn, ResidentDetailOut, ResidentOut, SearchQuery
from .common import REFUSED, Pages, episode_out, facility_for, router


def _detail(request: AuthenticatedRequest, resident: Resident) -> dict[str, Any]:
    data = {name: getattr(resident, name) for name in ResidentDetailOut.model_fields if hasattr(resident, name)}
    data["has_photo"] = bool(resident.photo)
    visible = selectors.visible_sensitive_fields(selectors.capabilities_for_resident(request.user, resident))
    for name in Resident.SENSITIVE_FIELDS:
        if name not in visible:
            data[name] = None
    current = (
        resident.episodes.filter(facility_id=resident.facility_id, status__in=selectors.OPEN_STATUSES)
        .prefetch_related("legal_events")
        .first()
    )
    if current is not None and current.facility_id in facility_ids_with(request.user, Capability.VIEW_RESIDENTS):
        release = release_computation(current, today=clock.today())
        data["current_episode"] = {
            **episode_out(current),
            "release_on_if_present": release.expected_on,
            "release_derivation": release.derivation(),
            "clock_stopped": is_clock_stopped(current),
        }
    return data


@router.get("", response={200: list[ResidentOut], **REFUSED}, summary="Search residents")
@paginate(Pages, page_size=50)
def list_residents(request: AuthenticatedRequest, filters: Query[SearchQuery]) -> Any:
    require_capability(request.user, Capability.VIEW_RESIDENTS)
    return selectors.search_residents(request.user, filters.as_filters())


@router.get("/{resident_id}", response={200: ResidentDetailOut, **REFUSED}, summary="One resident (the view is logged)")
def get_resident(request: AuthenticatedRequest, resident_id: int) -> dict:
    return _detail(request, resident_for_request(request, resident_id))


@router.post("", response={201: ResidentDetailOut, **REFUSED}, summary="Register a resident")
def register_resident(request: AuthenticatedRequest, payload: RegisterIn) -> Any:
    facility = facility_for(request, payload.facility_id)
    fields = payload.dict(exclude={"facility_id", "contacts", "confirm_different_person"})
    # A field left out (null) keeps its default; a sensitive one sent by a caller who may not see
    # it is refused by the service (403).
    identity = {name: value for name, value in fields.items() if value is not None}
    resident = services.register_resident(
        actor=request.user,
        facility=facility,
        identity=identity,
        contacts=[services.ContactData(**contact.dict()) for contact in payload.contacts],
        confirmed_different_person=payload.confirm_different_person,
    )
    return Status(201, _detail(request, resident_for_request(request, resident.pk)))
