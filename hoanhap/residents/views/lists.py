"""The residents list with live search, and the lists of releases due, overdue and absconded."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock

from .. import forms, selectors
from .common import page_number, paginate


@capability_required(Capability.VIEW_RESIDENTS)
def resident_list(request: AuthenticatedRequest) -> HttpResponse:
    view_ids = facility_ids_with(request.user, Capability.VIEW_RESIDENTS)
    form = forms.SearchForm(request.GET or None, facility_ids=view_ids)
    form.is_valid()  # invalid filters are ignored, valid ones apply
    data = getattr(form, "cleaned_data", {})
    filters = selectors.ResidentFilters(
        query=(data.get("q") or "")[:100],
        stage=data.get("stage") or "",
        kind=data.get("kind") or "",
        status=data.get("status") or "",
        zone_id=data["zone"].pk if data.get("zone") else None,
        room_id=data["room"].pk if data.get("room") else None,
    )
    page = selectors.search_page(request.user, filters, number=page_number(request))
    context = {
        "page": page,
        "query": filters.query,
        "form": form,
        "can_register": bool(facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)),
        "can_export": bool(facility_ids_with(request.user, Capability.VIEW_REPORTS)),
    }
    template = "residents/_list_results.html" if request.htmx else "residents/list.html"
    return render(request, template, context)


def _episode_list(request: AuthenticatedRequest, queryset: Any, *, title: str, list_name: str) -> HttpResponse:
    context = {"page": paginate(request, queryset), "title": title, "list_name": list_name, "today": clock.today()}
    template = "residents/_episode_table.html" if request.htmx else "residents/episode_list.html"
    return render(request, template, context)


@capability_required(Capability.VIEW_RESIDENTS)
def releases_due(request: AuthenticatedRequest) -> HttpResponse:
    queryset = selectors.releases_due(request.user, today=clock.today())
    return _episode_list(request, queryset, title=_("Releases due in the next 30 days"), list_name="releases-due")


@capability_required(Capability.VIEW_RESIDENTS)
def overdue_in_stage(request: AuthenticatedRequest) -> HttpResponse:
    queryset = selectors.overdue_in_stage(request.user, today=clock.today())
    return _episode_list(request, queryset, title=_("Longer in a stage than planned"), list_name="overdue")


@capability_required(Capability.VIEW_RESIDENTS)
def absconded(request: AuthenticatedRequest) -> HttpResponse:
    queryset = selectors.absconded(request.user)
    return _episode_list(request, queryset, title=_("Absconded residents"), list_name="absconded")
