"""The residents list with live search, and the lists of releases due, overdue and absconded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.facility import chosen_facility_id, current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock

from .. import forms, selectors
from .common import page_number, paginate


@dataclass(frozen=True)
class SortHeader:
    """A sortable column's header: the sort its link asks for, and its aria-sort now."""

    label: str
    link_sort: str
    aria_sort: str  # "ascending", "descending" or "" (not sorted by this column)


def _sort_headers(sort: str) -> dict[str, SortHeader]:
    labels = {
        "record": _("Record number"),
        "name": _("Full name"),
        "admitted": _("Admitted on"),
        "released": _("Expected release"),
    }
    headers = {}
    for column, label in labels.items():
        aria = "ascending" if sort == column else "descending" if sort == f"-{column}" else ""
        # A click on the sorted column reverses it; on another, sorts by it from the start.
        headers[column] = SortHeader(str(label), f"-{column}" if aria == "ascending" else column, aria)
    return headers


@capability_required(Capability.VIEW_RESIDENTS)
def resident_list(request: AuthenticatedRequest) -> HttpResponse:
    view_ids = facility_ids_with(request.user, Capability.VIEW_RESIDENTS)
    form = forms.SearchForm(request.GET or None, facility_ids=view_ids, chosen_facility_id=chosen_facility_id(request))
    form.is_valid()  # invalid filters are ignored, valid ones apply
    filters = form.filters()
    # The count of a long list comes in a second, small request once the page is shown (?count=1).
    wants_count = request.GET.get("count") == "1"
    page = selectors.search_page(request.user, filters, number=page_number(request), counted=wants_count)
    if wants_count:
        return render(request, "residents/_list_count.html", {"page": page})
    context = {
        "page": page,
        "rows": selectors.display_rows(list(page), detail_url=reverse("residents:detail", args=[0])),
        "query": filters.query,
        "sort": filters.sort,
        # Nothing typed and no column chosen: the list is in alphabetical order of names.
        "headers": _sort_headers(filters.sort or ("" if filters.query else "name")),
        "form": form,
        "can_register": bool(facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)),
        "can_export": bool(facility_ids_with(request.user, Capability.VIEW_REPORTS)),
        # On a tablet every column counts: the facility is shown only to who reads several.
        "show_facility": len(view_ids) > 1 and filters.facility_id is None,
        # The printed list's header (shown only in print).
        "facility": current_facility(request),
        "described_filters": form.described(),
        "printed_on": clock.today(),
    }
    template = "residents/_list_results.html" if request.htmx else "residents/list.html"
    return render(request, template, context)


def _episode_list(request: AuthenticatedRequest, queryset: Any, *, title: str, list_name: str) -> HttpResponse:
    chosen = chosen_facility_id(request)
    if chosen is not None:
        queryset = queryset.filter(facility_id=chosen)
    context = {
        "page": paginate(request, queryset),
        "title": title,
        "list_name": list_name,
        "today": clock.today(),
        "facility": current_facility(request),
    }
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
