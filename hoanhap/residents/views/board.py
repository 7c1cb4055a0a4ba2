"""The room and bed board of the facility the user works in: printable, one zone or all."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.facility import current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import has_capability
from hoanhap.core.models import Zone

from ..selectors.board import room_board


@capability_required(Capability.VIEW_RESIDENTS)
def board(request: AuthenticatedRequest) -> HttpResponse:
    facility = current_facility(request)
    if facility is None or not has_capability(request.user, Capability.VIEW_RESIDENTS, facility.pk):
        raise PermissionDenied
    zones = list(Zone.objects.filter(facility=facility).order_by("name"))
    # A zone that is not one of this facility's (or not a number) shows the whole board.
    chosen = next((zone for zone in zones if str(zone.pk) == request.GET.get("zone")), None)
    context = {
        "facility": facility,
        "zones": zones,
        "chosen": chosen,
        "board": room_board(facility_id=facility.pk, zone_id=chosen.pk if chosen else None),
    }
    return render(request, "residents/room_board.html", context)
