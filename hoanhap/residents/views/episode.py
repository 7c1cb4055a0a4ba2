"""The forms that change the current episode: admission, stage, room, legal events, checklist,
conduct grade, aftercare. A rule's refusal comes back beside its field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.core import clock

from .. import forms, selectors, services
from ..access import resident_for_request
from ..errors import DomainError
from ..models import Aftercare, ChecklistItem, Episode, LegalEvent, Resident
from ..services.specs import DECISION_REQUIRED
from .common import current_episode, episode_form_view, resident_form_view


@login_required
def admit(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)
    form = forms.AdmissionForm(
        request.POST or None,
        facility_id=resident.facility_id,
        resident_id=resident.pk,
        initial={"admitted_on": clock.today()},
    )
    return resident_form_view(
        request,
        resident,
        form,
        title=_("Admit"),
        save=lambda form: services.admit_resident(actor=request.user, resident=resident, **form.admission()),
        success=_("Admitted. Work through the reception checklist."),
        zones=selectors.zones_and_rooms(resident.facility_id),
        term_hint_url=reverse("residents:admit-term", args=[resident.pk]),
    )


@login_required
def admission_rooms(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    """The admission form's room field, offering the chosen zone's free rooms (htmx)."""
    resident = resident_for_request(request, resident_id, manage=True)
    form = forms.AdmissionForm(
        facility_id=resident.facility_id, resident_id=resident.pk, initial={"zone": request.GET.get("zone")}
    )
    return render(request, "residents/_admission_room.html", {"field": form["room"], "form": form})


@login_required
def admission_term(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    """The term the law allows for the admission being filled in, shown beside the term (htmx)."""
    resident = resident_for_request(request, resident_id, manage=True)
    arguments = forms.TermHintForm(request.GET).hint_args()
    bounds = services.term_bounds(resident=resident, **arguments) if arguments else None
    return render(request, "residents/_admission_term.html", {"bounds": bounds})


@login_required
def move_stage(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)
    episode = current_episode(resident)

    def call(episode: Episode, form: forms.StageForm) -> None:
        services.move_stage(
            actor=request.user,
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


@login_required
def change_room(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)

    def call(episode: Episode, form: forms.RoomForm) -> None:
        services.assign_room(
            actor=request.user,
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


@login_required
def legal_event(request: AuthenticatedRequest, resident_id: int, kind: str) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)
    if kind not in forms.EVENT_FORMS:
        raise Http404
    label = LegalEvent.Kind(kind).label

    def call(episode: Episode, form: Any) -> None:
        services.record_legal_event(
            actor=request.user,
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
        # Only a decision the event needs gets today's date to start from: a date left in a form
        # for a decision nobody gave would be saved as given.
        initial={"occurred_on": clock.today(), **({"decision_on": clock.today()} if kind in DECISION_REQUIRED else {})},
        facility_id=resident.facility_id,
        kind=kind,
    )


@login_required
def tick_checklist(request: AuthenticatedRequest, resident_id: int, item_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    episode = current_episode(resident)
    item = get_object_or_404(ChecklistItem, pk=item_id, episode=episode)
    form = forms.ChecklistTickForm(request.POST)
    error = None
    if not form.is_valid():
        error = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
    else:
        try:
            services.tick_checklist_item(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as exc:
            error = str(exc)
    if request.htmx:
        checklist = episode.checklist.select_related("done_by")
        context = {
            "resident": resident,
            "checklist": checklist,
            "can_manage": True,
            "checklist_error": error,
            "today": clock.today(),
        }
        return render(request, "residents/_checklist.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect(reverse("residents:detail", args=[resident.pk]) + "#checklist")


@login_required
def conduct_grade(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)
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


@login_required
def aftercare_note(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)
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


@login_required
def aftercare_close(request: AuthenticatedRequest, resident_id: int) -> HttpResponse:
    resident = resident_for_request(request, resident_id, manage=True)
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
