from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability

from .forms import AuditSearchForm
from .selectors import changes_shown_to, search_entries

PAGE_SIZE = 50


@capability_required(Capability.VIEW_AUDIT)
def search(request: AuthenticatedRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    form.is_valid()
    # A field in error is shown beside its message; the others still filter.
    filters = getattr(form, "cleaned_data", {})
    entries = search_entries(request.user, **filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.shown_changes = changes_shown_to(request.user, entry)  # type: ignore[attr-defined]
    template = "audit/_results.html" if request.htmx else "audit/search.html"
    return render(request, template, {"form": form, "page": page})
