"""Who records and who reads each area of daily life. An area's recorders write it; the centre's
leadership (`OVERSEE_FACILITY`) reads every area of its facility. Views and selectors take the
capabilities from here, so a page and its API endpoint never disagree:

    course = object_for_request(request, Course.objects.all(), course_id, capability=AREAS["courses"].read)
    courses = visible_to(Course.objects.all(), request.user, AREAS["courses"].read)
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.audit.services import record_access
from hoanhap.residents import selectors as residents

C = Capability


@dataclass(frozen=True)
class Area:
    write: Capability

    @property
    def read(self) -> frozenset[Capability]:
        return frozenset({self.write, C.OVERSEE_FACILITY})


AREAS: dict[str, Area] = {
    # The education officer (teacher) runs classes and the events programme.
    "courses": Area(write=C.RECORD_EDUCATION),
    "events": Area(write=C.RECORD_EDUCATION),
    # The work-team leader keeps the work log and records the produce.
    "labour": Area(write=C.RECORD_WORK),
    # The visit officer at the gate: visits, parcels handed in, the money ledger.
    "visits": Area(write=C.MANAGE_VISITS),
    # The resident manager issues what the material regime provides.
    "entitlements": Area(write=C.MANAGE_RESIDENTS),
}
# Who sees the module in the menu: anyone who reads one of its areas.
READERS: frozenset[Capability] = frozenset().union(*(area.read for area in AREAS.values()))


def readable_areas(user: User, facility_id: int | None = None) -> list[str]:
    """The areas the user reads (in the chosen facility, if one is chosen), in menu order."""
    names = []
    for name, area in AREAS.items():
        ids = facility_ids_with(user, area.read)
        if ids and (facility_id is None or facility_id in ids):
            names.append(name)
    return names


def require_write(actor: Any, area: str, facility_id: int) -> None:
    """Every service of an area checks its recorder's capability in the row's facility (the pages
    check first, but a service is also called by the API and by other code)."""
    if not has_capability(actor, AREAS[area].write, facility_id):
        raise PermissionDenied


def resident_for_request(request: HttpRequest, resident_id: int, *, area: str) -> Any:
    """One resident's page of an area (a resident's hours, visits and money): 403 without the
    area's capability, 404 for a resident the user may not see or whose facility the area is not
    read in (as for a missing one), the read logged — as every read of a resident's record."""
    user: Any = request.user
    require_capability(user, AREAS[area].read)
    resident = residents.resident_for(user, resident_id)
    if not has_capability(user, AREAS[area].read, resident.facility_id):
        raise Http404
    record_access(actor=user, instance=resident, via=f"{request.method} {request.path}")
    return resident
