"""Pages of the residents app. Each view checks access, validates a form, calls one service or
selector and renders or redirects; a rule's refusal comes back beside its field. Every page about
one resident goes through `shows_resident` (404 outside the user's facilities, access logged)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoanhap.accounts.decorators import capability_required
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in, facilities_of, facility_ids_with
from hoanhap.core.facility import current_facility

from . import clock, forms, selectors, services
from .access import shows_resident
from .errors import DomainError, PossibleDuplicate, StaleVersion
from .models import ChecklistItem, Episode, LegalEvent, Resident
from .release import is_clock_stopped, release_computation

PAGE_SIZE = 25


def _paginate(request: HttpRequest, queryset: Any) -> Any:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _current_episode(resident: Resident) -> Episode:
    episode = (
        resident.episodes.filter(facility_id=resident.facility_id, status__in=selectors.OPEN_STATUSES)
        .select_related("resident")
        .first()
    )
    if episode is None:
        raise Http404
    return episode


def _require_manage_here(request: HttpRequest, resident: Resident) -> None:
    """Forms are shown only to who may submit them; the services check again on submit."""
    if resident.facility_id not in facility_ids_with(request.user, Capability.MANAGE_RESIDENTS):  # type: ignore[arg-type]
        raise PermissionDenied


def _with_current_version(form: Any, version: int) -> None:
    """After a stale save: keep what the user typed, and carry the current version so that a
    second, deliberate save replaces the other change."""
    data = form.data.copy()
    data["version"] = str(version)
    form.data = data


# --- Lists ---------------------------------------------------------------------------------------


@capability_required(Capability.VIEW_RESIDENTS)
def resident_list(request: HttpRequest) -> HttpResponse:
    view_ids = facility_ids_with(request.user, Capability.VIEW_RESIDENTS)  # type: ignore[arg-type]
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
    page = _paginate(request, selectors.search_residents(request.user, filters))  # type: ignore[arg-type]
    context = {
        "page": page,
        "query": filters.query,
        "form": form,
        "can_register": bool(facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)),  # type: ignore[arg-type]
    }
    template = "residents/_list_results.html" if request.htmx else "residents/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _episode_list(request: HttpRequest, queryset: Any, *, title: str, list_name: str) -> HttpResponse:
    context = {"page": _paginate(request, queryset), "title": title, "list_name": list_name, "today": clock.today()}
    template = "residents/_episode_table.html" if request.htmx else "residents/episode_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@capability_required(Capability.VIEW_RESIDENTS)
def releases_due(request: HttpRequest) -> HttpResponse:
    queryset = selectors.releases_due(request.user, today=clock.today())  # type: ignore[arg-type]
    return _episode_list(request, queryset, title=_("Releases due in the next 30 days"), list_name="releases-due")


@capability_required(Capability.VIEW_RESIDENTS)
def overdue_in_stage(request: HttpRequest) -> HttpResponse:
    queryset = selectors.overdue_in_stage(request.user, today=clock.today())  # type: ignore[arg-type]
    return _episode_list(request, queryset, title=_("Longer in a stage than planned"), list_name="overdue")


@capability_required(Capability.VIEW_RESIDENTS)
def absconded(request: HttpRequest) -> HttpResponse:
    queryset = selectors.absconded(request.user)  # type: ignore[arg-type]
    return _episode_list(request, queryset, title=_("Absconded residents"), list_name="absconded")


# --- Registration and identity -------------------------------------------------------------------


@capability_required(Capability.MANAGE_RESIDENTS)
def register(request: HttpRequest) -> HttpResponse:
    facility = current_facility(request)
    manage_ids = facility_ids_with(request.user, Capability.MANAGE_RESIDENTS)  # type: ignore[arg-type]
    if facility is None or facility.pk not in manage_ids:
        facility = next((f for f in facilities_of(request.user) if f.pk in manage_ids), None)  # type: ignore[arg-type]
    if facility is None:  # pragma: no cover - capability_required guarantees one
        raise PermissionDenied
    visible = selectors.visible_sensitive_fields(capabilities_in(request.user, facility.pk))  # type: ignore[arg-type]
    form = forms.RegisterForm(request.POST or None, request.FILES or None, visible_sensitive=visible)
    contacts = forms.FamilyContactFormSet(request.POST or None, prefix="contacts")
    duplicates: list[Resident] = []
    status = 200
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            resident = services.register_resident(
                actor=request.user,  # type: ignore[arg-type]
                facility=facility,
                identity=form.identity(),
                contacts=forms.contacts_from(contacts),
                photo=form.cleaned_data.get("photo"),
                confirmed_different_person=form.cleaned_data["confirm_different_person"],
            )
        except PossibleDuplicate as error:
            duplicates = error.candidates
            form.add_error(None, str(error))
            status = 409
        except DomainError as error:
            forms.add_domain_error(form, error)
            status = 400
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": resident.full_name})
            return redirect("residents:detail", resident.pk)
    elif request.method == "POST":
        status = 400
    context = {"form": form, "contacts": contacts, "duplicates": duplicates, "facility": facility}
    return render(request, "residents/register.html", context, status=status)


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def edit(request: HttpRequest, resident: Resident) -> HttpResponse:
    _require_manage_here(request, resident)
    visible = selectors.visible_sensitive_fields(capabilities_in(request.user, resident.facility_id))  # type: ignore[arg-type]
    initial_contacts = [
        {"id": c.pk, "relation": c.relation, "full_name": c.full_name, "phone": c.phone, "address": c.address}
        for c in resident.family_contacts.all()
    ]
    form = forms.EditResidentForm(
        request.POST or None,
        request.FILES or None,
        instance=resident,
        initial={"version": resident.version},
        visible_sensitive=visible,
    )
    contacts = forms.FamilyContactFormSet(request.POST or None, prefix="contacts", initial=initial_contacts)
    status = 200
    conflict: Resident | None = None
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            services.update_resident(
                actor=request.user,  # type: ignore[arg-type]
                resident=resident,
                expected_version=form.cleaned_data["version"],
                identity=form.identity(),
                contacts=forms.contacts_from(contacts),
                photo=form.cleaned_data.get("photo"),
                remove_photo=form.cleaned_data.get("remove_photo", False),
            )
        except StaleVersion as error:
            conflict = Resident.objects.get(pk=resident.pk)
            _with_current_version(form, conflict.version)
            form.add_error(None, str(error))
            status = 409
        except DomainError as error:
            forms.add_domain_error(form, error)
            status = 400
        else:
            messages.success(request, _("The record is saved."))
            return redirect("residents:detail", resident.pk)
    elif request.method == "POST":
        status = 400
    context = {"resident": resident, "form": form, "contacts": contacts, "conflict": conflict}
    return render(request, "residents/edit.html", context, status=status)


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def photo(request: HttpRequest, resident: Resident) -> HttpResponseBase:
    """The photo, only through this view: never a public media URL."""
    if not resident.photo:
        raise Http404
    try:
        handle = resident.photo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = resident.photo.name or ""
    response = FileResponse(handle, content_type="image/png" if name.endswith(".png") else "image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The resident page -----------------------------------------------------------------------------


def _detail_context(request: HttpRequest, resident: Resident) -> dict[str, Any]:
    page = selectors.resident_page(request.user, resident)  # type: ignore[arg-type]
    today = clock.today()
    context: dict[str, Any] = {"resident": resident, "page": page, "today": today}
    current = page.current
    if current is not None:
        from . import planning

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


# --- Forms about the current episode ---------------------------------------------------------------


def _form_page(
    request: HttpRequest, resident: Resident, form: Any, *, title: str, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"resident": resident, "form": form, "title": title, **extra}
    return render(request, "residents/form_page.html", context, status=status)


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def admit(request: HttpRequest, resident: Resident) -> HttpResponse:
    _require_manage_here(request, resident)
    form = forms.AdmissionForm(
        request.POST or None, facility_id=resident.facility_id, initial={"admitted_on": clock.today()}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.admit_resident(actor=request.user, resident=resident, **form.admission())  # type: ignore[arg-type]
            except DomainError as error:
                forms.add_domain_error(form, error)
            else:
                messages.success(request, _("Admitted. Work through the reception checklist."))
                return redirect("residents:detail", resident.pk)
    return _form_page(
        request,
        resident,
        form,
        title=_("Admit"),
        status=status,
        zones=selectors.zones_and_rooms(resident.facility_id),
    )


def _episode_form_view(
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
    _require_manage_here(request, resident)
    episode = _current_episode(resident)
    form = form_class(request.POST or None, initial={"version": episode.version, **(initial or {})}, **form_kwargs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                call(episode, form)
            except StaleVersion as error:
                _with_current_version(form, Episode.objects.get(pk=episode.pk).version)
                form.add_error(None, str(error))
                status = 409
            except DomainError as error:
                forms.add_domain_error(form, error)
            else:
                messages.success(request, success)
                return redirect("residents:detail", resident.pk)
    return _form_page(request, resident, form, title=title, status=status, episode=episode)


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def move_stage(request: HttpRequest, resident: Resident) -> HttpResponse:
    _require_manage_here(request, resident)
    episode = _current_episode(resident)

    def call(episode: Episode, form: forms.StageForm) -> None:
        services.move_stage(
            actor=request.user,  # type: ignore[arg-type]
            episode=episode,
            expected_version=form.cleaned_data["version"],
            to_stage=form.cleaned_data["to_stage"],
            changed_on=form.cleaned_data["changed_on"],
            note=form.cleaned_data["note"],
        )

    return _episode_form_view(
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

    return _episode_form_view(
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

    return _episode_form_view(
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
    _require_manage_here(request, resident)
    episode = _current_episode(resident)
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
    _require_manage_here(request, resident)
    episode = _current_episode(resident)
    form = forms.ConductGradeForm(request.POST or None, initial={"month": clock.today().replace(day=1)})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.record_conduct_grade(actor=request.user, episode=episode, **form.cleaned_data)  # type: ignore[arg-type]
            except DomainError as error:
                forms.add_domain_error(form, error)
            else:
                messages.success(request, _("The conduct grade is recorded."))
                return redirect("residents:detail", resident.pk)
    return _form_page(request, resident, form, title=_("Monthly conduct grade"), status=status)


# --- Aftercare -------------------------------------------------------------------------------------


def _open_aftercare(resident: Resident) -> Any:
    from .models import Aftercare

    aftercare = Aftercare.objects.filter(resident=resident, facility_id=resident.facility_id, status="open").first()
    if aftercare is None:
        raise Http404
    return aftercare


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def aftercare_note(request: HttpRequest, resident: Resident) -> HttpResponse:
    _require_manage_here(request, resident)
    aftercare = _open_aftercare(resident)
    form = forms.AftercareNoteForm(request.POST or None, initial={"noted_on": clock.today()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.add_aftercare_note(actor=request.user, aftercare=aftercare, **form.cleaned_data)  # type: ignore[arg-type]
            except DomainError as error:
                forms.add_domain_error(form, error)
            else:
                messages.success(request, _("The follow-up note is saved."))
                return redirect("residents:detail", resident.pk)
    return _form_page(request, resident, form, title=_("Aftercare follow-up"), status=status)


@capability_required(Capability.VIEW_RESIDENTS)
@shows_resident
def aftercare_close(request: HttpRequest, resident: Resident) -> HttpResponse:
    _require_manage_here(request, resident)
    aftercare = _open_aftercare(resident)
    form = forms.AftercareCloseForm(request.POST or None, initial={"closed_on": clock.today()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.close_aftercare(actor=request.user, aftercare=aftercare, **form.cleaned_data)  # type: ignore[arg-type]
            except DomainError as error:
                forms.add_domain_error(form, error)
            else:
                messages.success(request, _("The aftercare has ended."))
                return redirect("residents:detail", resident.pk)
    return _form_page(request, resident, form, title=_("End the aftercare"), status=status)
