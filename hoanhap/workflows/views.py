"""The workflows' pages: the inbox, a case, the processes and their drafts, the director's board.
Thin: access, a form, one service or selector."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import chosen_facility_id
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.roles import Capability, Role
from hoanhap.accounts.selectors import facility_ids_with, has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.writes import record_list_export
from hoanhap.core import clock
from hoanhap.core.collation import text_sort_key
from hoanhap.core.errors import DomainError
from hoanhap.core.forms import process_form
from hoanhap.core.tables import Column, Table, page_number
from hoanhap.residents import selectors as residents

from . import selectors, services
from .access import BOARD, DEFINE, READERS
from .forms import CancelForm, InboxFilterForm, ProcedureForm, StartForm, StepForm, TaskForm
from .models import Case, Procedure, Process, Step, Task

INBOX_TABLE = Table(
    (
        Column("due_on", _("Due on"), lambda t: t.due_on, order_by=("due_on", "pk")),
        Column("step", _("Step"), lambda t: t.step.title, order_by=("step__title",)),
        Column("case", _("Case"), lambda t: t.case.title, order_by=("case__title",)),
        Column(
            "process", _("Process"), lambda t: t.case.version.process.title, order_by=("case__version__process__title",)
        ),
        Column(
            "resident",
            _("Resident"),
            lambda t: t.case.resident.full_name if t.case.resident else "",
            order_by=("case__resident__name_sort_key",),
        ),
    ),
    default_sort="due_on",
)


def _inbox_filters(request: AuthenticatedRequest) -> tuple[InboxFilterForm, selectors.InboxFilters]:
    form = InboxFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, selectors.InboxFilters(q=form.cleaned_data["q"], overdue=form.cleaned_data["overdue"])
    return form, selectors.InboxFilters()


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    """What waits for me: my roles' open tasks, the soonest due first, the late ones in red."""
    require_capability(request.user, READERS)
    form, filters = _inbox_filters(request)
    listing = INBOX_TABLE.listing(selectors.inbox(request.user, filters, chosen_facility_id(request)), request.GET)
    context = {"form": form, "listing": listing, "today": clock.today()}
    template = "workflows/_inbox_rows.html" if request.htmx else "workflows/inbox.html"
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def inbox_export(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READERS)
    _form, filters = _inbox_filters(request)
    facility_id = chosen_facility_id(request)
    tasks = selectors.inbox(request.user, filters, facility_id)
    response, count = INBOX_TABLE.xlsx_response(tasks, request.GET, filename="tasks.xlsx", title=_("My tasks"))
    record_list_export(
        actor=request.user,
        event="workflows.tasks_exported",
        facility_ids=[facility_id] if facility_id else facility_ids_with(request.user, READERS),
        title=_("My tasks"),
        count=count,
        filters=dict(request.GET.items()),
    )
    return response


def _task_for(request: AuthenticatedRequest, task_id: int) -> Task:
    tasks = Task.objects.select_related("step__version", "case__version__process", "case__resident")
    task: Task = object_for_request(request, tasks, task_id, capability=READERS)
    return task


@login_required
def task_act(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    """Act on a task: its form (fields of the step, approve or return with a comment). From the
    inbox with htmx the answer replaces the task's row."""
    task = _task_for(request, task_id)
    form = TaskForm(request.POST or None, task=task)

    def save(form: TaskForm) -> Task:
        data = form.cleaned_data
        return services.act(
            actor=request.user,
            task=task,
            action=data["action"],
            data=form.step_data(),
            comment=data["comment"],
            to=data.get("to") or "",
        )

    status = process_form(request, form, save)
    if status is None:
        if request.htmx:
            return render(request, "workflows/_task_done.html", {"task": task})
        messages.success(request, _("Saved."))
        return redirect("workflows:case", task.case_id)
    may_act = task.status == Task.Status.OPEN and services.holds_role(request.user, task.owner_role, task.facility_id)
    context = {"task": task, "form": form, "may_act": may_act}
    if request.htmx:
        # htmx swaps no 4xx answer: the row's form comes back with its refusals as a 200 (the
        # page without htmx answers 400), flagged for scripts by a header.
        response = render(request, "workflows/_task_form.html", context)
        if status != 200 or form.errors:
            response["X-Refused"] = "1"
        return response
    return render(request, "workflows/task.html", context, status=status)


@login_required
def case_page(request: AuthenticatedRequest, case_id: int) -> HttpResponse:
    """A case: its steps with owner and due day, and who did what and when (the history)."""
    case: Case = object_for_request(
        request, Case.objects.select_related("version__process", "resident", "started_by"), case_id, capability=READERS
    )
    tasks = selectors.case_tasks(case)
    steps = list(case.version.steps.select_related("owner_department"))
    current = {t.step_id: t for t in tasks if t.is_current}
    may_cancel = services.CASE_STATES.is_allowed(case, "cancel") and (
        case.started_by_id == request.user.pk or has_capability(request.user, DEFINE, case.facility_id)
    )
    form = CancelForm(request.POST or None)
    if request.method == "POST":
        status = process_form(
            request,
            form,
            lambda f: services.cancel_case(actor=request.user, case=case, reason=f.cleaned_data["reason"]),
        )
        if status is None:
            messages.success(request, _("The case is cancelled."))
            return redirect("workflows:case", case.pk)
    else:
        status = 200
    context = {
        "case": case,
        "tasks": tasks,
        "steps": [(step, current.get(step.pk)) for step in steps],
        "today": clock.today(),
        "may_cancel": may_cancel,
        "form": form,
    }
    return render(request, "workflows/case.html", context, status=status)


@login_required
def case_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READERS)
    found = selectors.cases(request.user, chosen_facility_id(request)).order_by("-started_on", "-pk")
    status = request.GET.get("status", "")
    if status in Case.Status.values:
        found = found.filter(status=status)
    page = Paginator(found, 50).get_page(page_number(request.GET))
    return render(request, "workflows/cases.html", {"page": page, "status": status, "statuses": Case.Status.choices})


@login_required
def process_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READERS)
    # A facility's processes are few: in Vietnamese alphabetical order, all on one page.
    found = sorted(selectors.processes(request.user, chosen_facility_id(request)), key=lambda p: text_sort_key(p.title))
    return render(
        request,
        "workflows/processes.html",
        {"processes": found, "may_define": has_capability(request.user, DEFINE)},
    )


def _process_for(request: AuthenticatedRequest, process_id: int) -> Process:
    process: Process = object_for_request(request, Process.objects.all(), process_id, capability=READERS)
    return process


@login_required
def process_page(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    """A process: its versions and their steps; the draft's editor and "publish" for the definers."""
    process = _process_for(request, process_id)
    versions = list(process.versions.prefetch_related("steps__owner_department").order_by("-number"))
    may_define = has_capability(request.user, DEFINE, process.facility_id)
    draft = next((v for v in versions if v.is_draft), None)
    context = {
        "process": process,
        "versions": versions,
        "draft": draft,
        "may_define": may_define,
        "step_form": StepForm(),
        "errors": [],
    }
    return render(request, "workflows/process.html", context)


@login_required
@require_POST
def draft_new(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    process = object_for_request(request, Process.objects.all(), process_id, capability=DEFINE)
    services.new_draft(actor=request.user, process=process)
    return redirect("workflows:process", process.pk)


@login_required
def draft_step(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    """Add or change one step of the draft (the step named by its key)."""
    process = object_for_request(request, Process.objects.all(), process_id, capability=DEFINE)
    draft = process.versions.filter(published_at__isnull=True).first()
    if draft is None:
        draft = services.new_draft(actor=request.user, process=process) if request.method == "POST" else None
    initial: dict[str, Any] = {}
    key = request.GET.get("key", "")
    existing = draft.steps.filter(key=key).first() if draft and key else None
    if existing is not None:
        initial = {
            "key": existing.key,
            "title": existing.title,
            "position": existing.position,
            "kind": existing.kind,
            "owner_role": existing.owner_role,
            "deadline_days": existing.deadline_days,
            "after": ", ".join(existing.after),
            "may_return_to": ", ".join(existing.may_return_to),
            "fields_json": json.dumps(existing.fields, ensure_ascii=False) if existing.fields else "",
        }
    form = StepForm(request.POST or None, initial=initial)

    def save(form: StepForm) -> Step:
        assert draft is not None
        return services.save_step(actor=request.user, version=draft, key=form.cleaned_data["key"], **form.values())

    status = process_form(request, form, save)
    if status is None:
        messages.success(request, _("The step is saved in the draft."))
        return redirect("workflows:process", process.pk)
    return render(request, "workflows/step_form.html", {"process": process, "form": form}, status=status)


@login_required
@require_POST
def draft_publish(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    process = object_for_request(request, Process.objects.all(), process_id, capability=DEFINE)
    draft = process.versions.filter(published_at__isnull=True).first()
    if draft is None:
        messages.error(request, _("There is no draft to publish."))
        return redirect("workflows:process", process.pk)
    try:
        services.publish(actor=request.user, version=draft)
    except DomainError as error:
        versions = list(process.versions.prefetch_related("steps").order_by("-number"))
        context = {
            "process": process,
            "versions": versions,
            "draft": draft,
            "may_define": True,
            "step_form": StepForm(),
            "errors": [str(error)],
        }
        return render(request, "workflows/process.html", context, status=400)
    messages.success(request, _("Version %(number)s is published.") % {"number": draft.number})
    return redirect("workflows:process", process.pk)


@login_required
def case_start(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    """Start a case of a process (on its newest published version), about a resident if chosen."""
    process = _process_for(request, process_id)
    choices = None
    if has_capability(request.user, Capability.VIEW_RESIDENTS, process.facility_id):
        episodes = residents.open_episodes([process.facility_id]).select_related("resident")
        choices = [
            (episode.resident_id, f"{episode.resident.full_name} · {episode.resident.record_number}")
            for episode in episodes.order_by("resident__name_sort_key", "resident_id")
        ]
    form = StartForm(request.POST or None, initial={"resident": request.GET.get("resident")}, residents=choices)

    def save(form: StartForm) -> Case:
        resident = episode = None
        resident_id = form.cleaned_data.get("resident")
        if resident_id:
            try:
                resident = residents.resident_for(request.user, resident_id)
            except Http404:
                raise DomainError(_("Choose a resident you may see."), code="invalid", field="title") from None
            episode = residents.open_episode_of(resident.pk, process.facility_id)
        return services.start_case(
            actor=request.user, process=process, title=form.cleaned_data["title"], resident=resident, episode=episode
        )

    started: list[Case] = []
    status = process_form(request, form, lambda f: started.append(save(f)))
    if status is None:
        messages.success(request, _("The case is started."))
        return redirect("workflows:case", started[0].pk)
    return render(request, "workflows/start.html", {"process": process, "form": form}, status=status)


@login_required
def board(request: AuthenticatedRequest) -> HttpResponse:
    """The director's board: cases by process, the overdue steps, average working days per step."""
    require_capability(request.user, BOARD)
    data = selectors.board(request.user, chosen_facility_id(request))
    overdue = Paginator(data["overdue"], 50).get_page(page_number(request.GET))
    # The roles' names translated once, not once a row (a choices display is slow in a loop).
    labels = {value: str(label) for value, label in Role.choices}
    for task in overdue:
        task.owner_label = labels.get(task.owner_role, task.owner_role)  # type: ignore[attr-defined]
    return render(request, "workflows/board.html", {**data, "overdue": overdue, "today": clock.today()})


# Public administrative procedures ---------------------------------------------------------------


def public_procedures(request: AuthenticatedRequest) -> HttpResponse:
    """The centre's administrative procedures as it publishes them: open to anyone, signed in or
    not; nothing of the cases that run them."""
    return render(request, "workflows/public/procedures.html", {"procedures": selectors.published_procedures()})


def public_procedure(request: AuthenticatedRequest, procedure_id: int) -> HttpResponse:
    procedure = selectors.published_procedures().filter(pk=procedure_id).first() if procedure_id < 2**63 else None
    if procedure is None:
        raise Http404
    documents = [line.strip() for line in procedure.documents.splitlines() if line.strip()]
    return render(request, "workflows/public/procedure.html", {"procedure": procedure, "documents": documents})


@login_required
def procedure_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, DEFINE)
    found = selectors.procedures(request.user, chosen_facility_id(request))
    return render(request, "workflows/procedures.html", {"procedures": found})


@login_required
def procedure_edit(request: AuthenticatedRequest, procedure_id: int | None = None) -> HttpResponse:
    """A new procedure (in the facility the user works in) or one of theirs changed."""
    procedure: Procedure | None = None
    if procedure_id is None:
        facility_ids = facility_ids_with(request.user, DEFINE)
        chosen = chosen_facility_id(request)
        facility_id = chosen if chosen in facility_ids else (min(facility_ids) if facility_ids else None)
        if facility_id is None:
            raise PermissionDenied
        initial: dict[str, Any] = {"order": 0}
    else:
        procedure = object_for_request(request, Procedure.objects.all(), procedure_id, capability=DEFINE)
        facility_id = procedure.facility_id
        initial = {name: getattr(procedure, name) for name in services.PROCEDURE_FIELDS}
    form = ProcedureForm(request.POST or None, initial=initial, facility_id=facility_id)
    status = process_form(
        request,
        form,
        lambda form: services.save_procedure(
            actor=request.user, facility_id=facility_id, procedure=procedure, **form.cleaned_data
        ),
    )
    if status is None:
        messages.success(request, _("The procedure is saved."))
        return redirect("workflows:procedure-list")
    title = _("New procedure") if procedure is None else procedure.title
    return render(request, "workflows/procedure_form.html", {"form": form, "title": title}, status=status)
