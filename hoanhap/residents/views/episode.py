"""The forms that change the current episode: admission, stage, room, legal events, checklist,
conduct grade, aftercare. A rule's refusal comes back beside its field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.roles import Capability
from hoanhap.core import clock

from .. import forms, selectors, services
from ..access import shows_resident
from ..errors import DomainError
from ..models import Aftercare, ChecklistItem, Episode, LegalEvent, Resident
from .common import current_episode, episode_form_view, require_manage_here, resident_form_view


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def admit(request: HttpRequest, resident: Resident) -> HttpResponse:
    require_manage_here(request, resident)
    form = forms.AdmissionForm(
        request.POST or None, facility_id=resident.facility_id, initial={"admitted_on": clock.today()}
    )
    return resident_form_view(
        request,
        resident,
        form,
        title=_("Admit"),
        save=lambda form: services.admit_resident(actor=request.user, resident=resident, **form.admission()),
        success=_("Admitted. Work through the reception checklist."),
        zones=selectors.zones_and_rooms(resident.facility_id),
    )


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def move_stage(request: HttpRequest, resident: Resident) -> HttpResponse:
    require_manage_here(request, resident)
    episode = current_episode(resident)

    def call(episode: Episode, form: forms.StageForm) -> None:
        services.move_stage(
            actor=request.user,  # type: ignore[arg-type]
            episode=episode,
            expected_version=form.cleaned_data["version"],
            to_stage=form.cleaned_data["to_stage"],
            changed_on=form.cleaned_data["changed_on"],
            note=form.cleaned_data["note"],
        )

    return episode_form_view(
        request,
        resident,
        forms.StageForm,
        title=_("Move to the next stage"),
        call=call,
        success=_("The stage is changed."),
        initial={"changed_on": clock.today()},
        current_stage=episode.stage,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def change_room(request: HttpRequest, resident: Resident) -> HttpResponse:
    def call(episode: Episode, form: forms.RoomForm) -> None:
        services.assign_room(
            actor=request.user,  # type: ignore[arg-type]
            episode=episode,
            expected_version=form.cleaned_data["version"],
            zone=form.cleaned_data["zone"],
            room=form.cleaned_data["room"],
            on=form.cleaned_data["on"],
        )

    return episode_form_view(
        request,
        resident,
        forms.RoomForm,
        title=_("Zone and room"),
        call=call,
        success=_("The room is changed."),
        initial={"on": clock.today()},
        facility_id=resident.facility_id,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def legal_event(request: HttpRequest, resident: Resident, kind: str) -> HttpResponse:
    if kind not in forms.EVENT_FORMS:
        raise Http404
    label = LegalEvent.Kind(kind).label

    def call(episode: Episode, form: Any) -> None:
        services.record_legal_event(
            actor=request.user,  # type: ignore[arg-type]
            episode=episode,
            kind=kind,
            expected_version=form.cleaned_data["version"],
            **form.event_data(),
        )

    return episode_form_view(
        request,
        resident,
        forms.EVENT_FORMS[kind],
        title=str(label),
        call=call,
        success=_("“%(event)s” is recorded.") % {"event": label},
        initial={"occurred_on": clock.today(), "decision_on": clock.today()},
        facility_id=resident.facility_id,
        kind=kind,
    )


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
@require_POST
def tick_checklist(request: HttpRequest, resident: Resident, item_id: int) -> HttpResponse:
    require_manage_here(request, resident)
    episode = current_episode(resident)
    item = get_object_or_404(ChecklistItem, pk=item_id, episode=episode)
    error = None
    try:
        services.tick_checklist_item(
            actor=request.user,  # type: ignore[arg-type]
            item=item,
            done=request.POST.get("done") == "1",
        )
    except DomainError as exc:
        error = str(exc)
    if request.htmx:  # type: ignore[attr-defined]
        checklist = episode.checklist.select_related("done_by")
        context = {"resident": resident, "checklist": checklist, "can_manage": True, "checklist_error": error}
        return render(request, "residents/_checklist.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect(reverse("residents:detail", args=[resident.pk]) + "#checklist")


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def conduct_grade(request: HttpRequest, resident: Resident) -> HttpResponse:
    require_manage_here(request, resident)
    episode = current_episode(resident)
    form = forms.ConductGradeForm(request.POST or None, initial={"month": clock.today().replace(day=1)})
    return resident_form_view(
        request,
        resident,
        form,
        title=_("Monthly conduct grade"),
        save=lambda form: services.record_conduct_grade(actor=request.user, episode=episode, **form.cleaned_data),
        success=_("The conduct grade is recorded."),
    )


def _open_aftercare(resident: Resident) -> Any:
    aftercare = Aftercare.objects.filter(resident=resident, facility_id=resident.facility_id, status="open").first()
    if aftercare is None:
        raise Http404
    return aftercare


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def aftercare_note(request: HttpRequest, resident: Resident) -> HttpResponse:
    require_manage_here(request, resident)
    aftercare = _open_aftercare(resident)
    form = forms.AftercareNoteForm(request.POST or None, initial={"noted_on": clock.today()})
    return resident_form_view(
        request,
        resident,
        form,
        title=_("Aftercare follow-up"),
        save=lambda form: services.add_aftercare_note(actor=request.user, aftercare=aftercare, **form.cleaned_data),
        success=_("The follow-up note is saved."),
    )


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def aftercare_close(request: HttpRequest, resident: Resident) -> HttpResponse:
    require_manage_here(request, resident)
    aftercare = _open_aftercare(resident)
    form = forms.AftercareCloseForm(request.POST or None, initial={"closed_on": clock.today()})
    return resident_form_view(
        request,
        resident,
        form,
        title=_("End the aftercare"),
        save=lambda form: services.close_aftercare(actor=request.user, aftercare=aftercare, **form.cleaned_data),
        success=_("The aftercare has ended."),
    )
