"""The resident page: identity, the current episode with its stage plan and release date, the
checklist, grades, legal events, aftercare and one timeline across modules.

Past episodes show as one line each and the timeline its latest rows; the page loads the rest when
asked, through the same view (so the same access check and access log): `?episode=<id>` a past
episode's detail, `?before=<cursor>` older journal rows. Under htmx the view answers with that
part alone, otherwise with the whole page showing it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import render

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import capabilities_in
from hoanhap.core import clock, registry

from .. import forms, selectors, services
from ..access import resident_for_request
from ..models import LegalEvent, Resident
from ..release import is_clock_stopped, release_computation, stage_plan


def _detail_context(
    request: AuthenticatedRequest,
    resident: Resident,
    *,
    timeline_before: selectors.TimelineCursor | None = None,
    opened_episode: int | None = None,
) -> dict[str, Any]:
    page = selectors.resident_page(request.user, resident, timeline_before=timeline_before)
    today = clock.today()
    context: dict[str, Any] = {
        "resident": resident,
        "page": page,
        "today": today,
        "sections": _other_modules_sections(request, resident),
    }
    if opened_episode is not None:
        context["opened"] = selectors.episode_detail(request.user, resident, opened_episode)
    current = page.current
    if current is not None:
        context.update(
            {
                "release": release_computation(current, today=today),
                "clock_stopped": is_clock_stopped(current),
                "days_in_stage": (today - current.stage_since_on).days,
                "stage_plan": stage_plan(current, today=today, lengths=page.stage_plan),
                "allowed_events": [LegalEvent.Kind(kind) for kind in services.allowed_events(current)],
                "stage_form": forms.StageForm(
                    initial={"version": current.version, "changed_on": today}, current_stage=current.stage
                ),
                "grade_form": forms.ConductGradeForm(initial={"month": today.replace(day=1)}),
            }
        )
    if page.aftercare is not None:
        context["aftercare_note_form"] = forms.AftercareNoteForm(initial={"noted_on": today})
        context["aftercare_close_form"] = forms.AftercareCloseForm(initial={"closed_on": today})
    return context


def _other_modules_sections(request: AuthenticatedRequest, resident: Resident) -> list[tuple[Any, dict[str, Any]]]:
    """The cards other modules add (`core.registry.resident_sections`) that this user may read in
    the resident's facility, each with its data."""
    held = capabilities_in(request.user, resident.facility_id)
    sections = []
    for section in registry.resident_sections:
        if held & section.capabilities:
            data = section.context(request.user, resident)
            if data is not None:
                sections.append((section, data))
    return sections


@login_required
def resident_detail(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id)
    try:
        before = selectors.TimelineCursor.parse(request.GET["before"]) if "before" in request.GET else None
        opened = int(request.GET["episode"]) if "episode" in request.GET else None
    except ValueError:
        # The designed 400 page (handler400), not a blank one: someone typed or cut the address.
        raise BadRequest from None
    user = request.user
    if request.htmx and before is not None:
        journal = selectors.timeline_of(user, resident, before=before)
        context = {"resident": resident, "events": journal.events, "older": journal.older}
        return render(request, "residents/_timeline.html", context)
    if request.htmx and opened is not None:
        episode = selectors.episode_detail(user, resident, opened)
        return render(request, "residents/_episode_detail.html", {"resident": resident, "episode": episode})
    context = _detail_context(request, resident, timeline_before=before, opened_episode=opened)
    return render(request, "residents/detail.html", context)
