"""The resident page: identity, the current episode with its stage plan and release date, the
checklist, grades, legal events, aftercare and one timeline across modules."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.roles import Capability

from .. import clock, forms, planning, selectors, services
from ..access import shows_resident
from ..models import LegalEvent, Resident
from ..release import is_clock_stopped, release_computation


def _detail_context(request: HttpRequest, resident: Resident) -> dict[str, Any]:
    page = selectors.resident_page(request.user, resident)  # type: ignore[arg-type]
    today = clock.today()
    context: dict[str, Any] = {"resident": resident, "page": page, "today": today}
    current = page.current
    if current is not None:
        context.update(
            {
                "release": release_computation(current, today=today),
                "clock_stopped": is_clock_stopped(current),
                "days_in_stage": (today - current.stage_since_on).days,
                "stage_plan": planning.plan_from(
                    stage=current.stage, stage_since_on=current.stage_since_on, lengths=page.stage_plan, today=today
                ),
                "allowed_events": [LegalEvent.Kind(kind) for kind in services.allowed_events(current)],
                "stage_form": forms.StageForm(
                    initial={"version": current.version, "changed_on": today}, current_stage=current.stage
                ),
                "grade_form": forms.ConductGradeForm(initial={"month": today.replace(day=1)}),
            }
        )
    aftercare = next((e.aftercare for e in page.episodes if hasattr(e, "aftercare")), None)
    if aftercare is not None:
        context["aftercare"] = aftercare
        context["aftercare_note_form"] = forms.AftercareNoteForm(initial={"noted_on": today})
        context["aftercare_close_form"] = forms.AftercareCloseForm(initial={"closed_on": today})
    return context


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def resident_detail(request: HttpRequest, resident: Resident) -> HttpResponse:
    return render(request, "residents/detail.html", _detail_context(request, resident))
