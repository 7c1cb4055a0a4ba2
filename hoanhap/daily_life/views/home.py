"""The module's home: a section per area the user reads, each with its day's links."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import has_capability

from ..access import AREAS, READERS, readable_areas


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READERS)
    facility_id = chosen_facility_id(request)
    areas = readable_areas(request.user, facility_id)
    writes = {name for name in areas if has_capability(request.user, AREAS[name].write, facility_id)}
    return render(request, "daily_life/home.html", {"areas": areas, "writes": writes})
