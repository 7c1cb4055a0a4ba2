from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hoanhap.accounts.facility import ALL, choose_all_facilities, choose_facility, chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import all_capabilities, roles_of
from hoanhap.core import clock, registry

from . import dashboard


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "today": clock.today(),
        "cards": dashboard.cards_for(request.user, facility_id=chosen_facility_id(request)),
        "roles": roles_of(request.user),
    }
    return render(request, "shell/home.html", context)


@login_required
def module(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The page of a module not built yet: it says what will come instead of a broken link."""
    found = registry.navigation.get(slug) if slug in registry.navigation else None
    if found is None or not (found.capabilities & all_capabilities(request.user)):
        raise Http404
    if found.url_name:
        # Built since the link was saved: go to the module itself.
        return redirect(found.url_name)
    return render(request, "shell/module_coming.html", {"module": found})


@login_required
@require_POST
def switch_facility(request: HttpRequest) -> HttpResponse:
    value = request.POST.get("facility", "")
    if value == ALL:
        choose_all_facilities(request)
    else:
        try:
            facility_id = int(value)
        except ValueError:
            raise Http404 from None
        if not choose_facility(request, facility_id):
            raise Http404
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its token (often a page left open past the session): our 403 page,
    not Django's technical one (CSRF_FAILURE_VIEW)."""
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
