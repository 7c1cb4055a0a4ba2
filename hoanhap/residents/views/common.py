"""What the residents pages share: pagination, the current episode, the write check, and the
shape of a form that changes the current episode (with its version for optimistic locking)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with

from .. import forms, selectors
from ..errors import DomainError, StaleVersion
from ..models import Episode, Resident

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset: Any) -> Any:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def page_number(request: HttpRequest) -> int:
    """The ?page= asked for; anything but a number is the first page, as Django's paginator reads it."""
    try:
        return int(request.GET.get("page", 1))
    except ValueError:
        return 1


def current_episode(resident: Resident) -> Episode:
    episode = (
        resident.episodes.filter(facility_id=resident.facility_id, status__in=selectors.OPEN_STATUSES)
        .select_related("resident")
        .first()
    )
    if episode is None:
        raise Http404
    return episode


def require_manage_here(request: HttpRequest, resident: Resident) -> None:
    """Forms are shown only to who may submit them; the services check again on submit."""
    if resident.facility_id not in facility_ids_with(request.user, Capability.MANAGE_RESIDENTS):  # type: ignore[arg-type]
        raise PermissionDenied


def with_current_version(form: Any, version: int) -> None:
    """After a stale save: keep what the user typed, and carry the current version so that a
    second, deliberate save replaces the other change."""
    data = form.data.copy()
    data["version"] = str(version)
    form.data = data


def form_page(
    request: HttpRequest, resident: Resident, form: Any, *, title: str, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"resident": resident, "form": form, "title": title, **extra}
    return render(request, "residents/form_page.html", context, status=status)


def episode_form_view(
    request: HttpRequest,
    resident: Resident,
    form_class: Any,
    *,
    title: str,
    call: Any,
    success: str,
    initial: dict[str, Any] | None = None,
    **form_kwargs: Any,
) -> HttpResponse:
    """A form that changes the current episode, with its version for optimistic locking."""
    require_manage_here(request, resident)
    episode = current_episode(resident)
    form = form_class(request.POST or None, initial={"version": episode.version, **(initial or {})}, **form_kwargs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                call(episode, form)
            except StaleVersion as error:
                with_current_version(form, Episode.objects.get(pk=episode.pk).version)
                form.add_error(None, str(error))
                status = 409
            except DomainError as error:
                forms.add_domain_error(form, error)
            else:
                messages.success(request, success)
                return redirect("residents:detail", resident.pk)
    return form_page(request, resident, form, title=title, status=status, episode=episode)
