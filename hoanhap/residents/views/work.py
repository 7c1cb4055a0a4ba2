"""My work: the clerk's reminders with the list behind each, and the residents lately opened."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock

from ..cards import TITLES, work_lines
from ..selectors import work
from .common import paginate


@capability_required(Capability.VIEW_RESIDENTS)
def my_work(request: AuthenticatedRequest) -> HttpResponse:
    ids = facility_ids_with(request.user, Capability.VIEW_RESIDENTS)
    chosen = chosen_facility_id(request)
    if chosen is not None:
        ids = ids & {chosen}
    context = {
        "lines": work_lines(ids),
        "recent": list(work.recently_viewed(request.user, ids)),
        "can_grade": bool(facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)),
    }
    return render(request, "residents/my_work.html", context)


@capability_required(Capability.VIEW_RESIDENTS)
def work_list(request: AuthenticatedRequest) -> HttpResponse:
    key = request.GET.get("show", "")
    if key not in TITLES:
        raise Http404
    ids = facility_ids_with(request.user, Capability.VIEW_RESIDENTS)
    chosen = chosen_facility_id(request)
    if chosen is not None:
        ids = ids & {chosen}
    queryset = work.work_list(key, ids, today=clock.today())
    context = {"page": paginate(request, queryset), "title": TITLES[key], "list_name": key, "today": clock.today()}
    template = "residents/_episode_table.html" if request.htmx else "residents/episode_list.html"
    return render(request, template, context)
