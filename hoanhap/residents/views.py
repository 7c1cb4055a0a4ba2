from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in

from .access import shows_resident
from .models import Resident
from .selectors import search_residents

PAGE_SIZE = 25


@capability_required(Capability.VIEW_RESIDENTS)
def resident_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    page = Paginator(search_residents(request.user, query), PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    template = "residents/_list_results.html" if request.htmx else "residents/list.html"  # type: ignore[attr-defined]
    return render(request, template, {"page": page, "query": query})


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def resident_detail(request: HttpRequest, resident: Resident) -> HttpResponse:
    capabilities = capabilities_in(request.user, resident.facility_id)  # type: ignore[arg-type]
    context = {
        "resident": resident,
        "episodes": resident.episodes.select_related("zone", "room").order_by("-admitted_on"),
        "timeline": resident.timeline.select_related("actor")[:100],
        "can_view_legal": Capability.VIEW_LEGAL_DATA in capabilities,
        "can_view_health": Capability.VIEW_HEALTH_DATA in capabilities,
    }
    return render(request, "residents/detail.html", context)
