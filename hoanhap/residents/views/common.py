"""What the residents pages share: pagination, the current episode, the write check, and the
shape of a form that changes the current episode (with its version for optimistic locking)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.core.forms import process_form

from .. import selectors
from ..models import Episode, Resident

PAGE_SIZE = 25


def paginate(request: AuthenticatedRequest, queryset: Any) -> Any:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def page_number(request: AuthenticatedRequest) -> int:
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


def form_page(
    request: AuthenticatedRequest, resident: Resident, form: Any, *, title: str, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"resident": resident, "form": form, "title": title, **extra}
    return render(request, "residents/form_page.html", context, status=status)


def resident_form_view(
    request: AuthenticatedRequest,
    resident: Resident,
    form: Any,
    *,
    title: str,
    save: Callable[[Any], Any],
    success: str,
    current_version: Callable[[], int] | None = None,
    **extra: Any,
) -> HttpResponse:
    """A form about one resident: on success back to the resident's page with `success`, else the
    form again beside its errors (hoanhap.core.forms.process_form)."""
    status = process_form(request, form, save, current_version=current_version)
    if status is None:
        messages.success(request, success)
        return redirect("residents:detail", resident.pk)
    return form_page(request, resident, form, title=title, status=status, **extra)


def episode_form_view(
    request: AuthenticatedRequest,
    resident: Resident,
    form_class: Any,
    *,
    title: str,
    call: Callable[[Episode, Any], Any],
    success: str,
    initial: dict[str, Any] | None = None,
    **form_kwargs: Any,
) -> HttpResponse:
    """A form that changes the current episode, with its version for optimistic locking."""
    episode = current_episode(resident)
    form = form_class(request.POST or None, initial={"version": episode.version, **(initial or {})}, **form_kwargs)
    return resident_form_view(
        request,
        resident,
        form,
        title=title,
        save=lambda form: call(episode, form),
        success=success,
        current_version=lambda: Episode.objects.get(pk=episode.pk).version,
        episode=episode,
    )
