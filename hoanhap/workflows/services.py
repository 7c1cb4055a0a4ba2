"""The writers of workflows: define and publish a process, start a case, act on a task, cancel.

Every service is audited, runs in one transaction, locks the rows it changes (acting twice on a
task is refused with who did it and when), and checks the actor's rights itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import active_memberships, has_capability
from hoanhap.audit.writes import audited_write
from hoanhap.core import clock, workdays
from hoanhap.core.errors import DomainError
from hoanhap.core.state import Move, StateMachine
from hoanhap.organisation import selectors as organisation

from . import effects, references, rules
from .access import DEFINE, READERS
from .models import Case, Procedure, Process, ProcessVersion, Step, Task

MOVE_LABELS: dict[str, Any] = {"finish": _("Finish"), "cancel": _("Cancel the case"), "act": _("Act on a task")}
CASE_STATES = StateMachine(
    "workflows.case",
    moves={
        "finish": Move(source={Case.Status.OPEN}, target=Case.Status.DONE),
        "cancel": Move(source={Case.Status.OPEN}, target=Case.Status.CANCELLED),
        "act": Move(source={Case.Status.OPEN}, target=None),
    },
    status_label=lambda value: Case.Status(value).label,
    move_label=lambda name: MOVE_LABELS[name],
)


def holds_role(user: User, role: str, facility_id: int) -> bool:
    return any(m.role == role and m.facility_id == facility_id for m in active_memberships(user))


def _require_define(actor: User, facility_id: int) -> None:
    if not has_capability(actor, DEFINE, facility_id):
        raise PermissionDenied


# Definitions -----------------------------------------------------------------------------------


@audited_write(event="workflows.process_created")
def create_process(*, actor: User, facility_id: int, code: str, title: str, description: str = "") -> Process:
    _require_define(actor, facility_id)
    if Process.objects.filter(facility_id=facility_id, code=code).exists():
        raise DomainError(_("A process with this code exists already."), code="duplicate", field="code")
    process = Process.objects.create(facility_id=facility_id, code=code, title=title, description=description)
    ProcessVersion.objects.create(process=process, number=1)
    return process


def _locked_draft(version: ProcessVersion) -> ProcessVersion:
    version = ProcessVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise DomainError(_("A published version cannot be changed; make a new draft."), code="published")
    return version


@audited_write(event="workflows.draft_changed")
def save_step(*, actor: User, version: ProcessVersion, key: str, **values: Any) -> Step:
    """Add or change one step of a draft version (the step named by `key`)."""
    _require_define(actor, version.process.facility_id)
    version = _locked_draft(version)
    if int(values.get("deadline_days", 0) or 0) < 0:
        raise DomainError(_("The deadline cannot be negative."), code="negative", field="deadline_days")
    field_errors = rules.check_fields(key, values.get("fields") or [])
    if field_errors:
        raise DomainError(field_errors[0], code="invalid", field="fields")
    step, _created = Step.objects.update_or_create(version=version, key=key, defaults=values)
    return step


@audited_write(event="workflows.draft_changed")
def delete_step(*, actor: User, step: Step) -> None:
    _require_define(actor, step.version.process.facility_id)
    _locked_draft(step.version)
    step.delete()


@audited_write(event="workflows.draft_started")
def new_draft(*, actor: User, process: Process) -> ProcessVersion:
    """A new draft, a copy of the newest version's steps."""
    _require_define(actor, process.facility_id)
    Process.objects.select_for_update().get(pk=process.pk)
    newest = process.versions.order_by("-number").first()
    if newest is not None and newest.is_draft:
        return newest
    draft = ProcessVersion.objects.create(process=process, number=(newest.number + 1) if newest else 1)
    if newest is not None:
        for step in newest.steps.all():
            step.pk = None
            step.version = draft
            step.save()
    return draft


@audited_write(event="workflows.version_published")
def publish(*, actor: User, version: ProcessVersion) -> ProcessVersion:
    _require_define(actor, version.process.facility_id)
    version = _locked_draft(version)
    errors = rules.check_definition(list(version.steps.all()))
    if errors:
        raise DomainError(" ".join(errors), code="invalid_definition")
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["published_at", "published_by"])
    return version


def current_version(process: Process) -> ProcessVersion | None:
    return process.versions.filter(published_at__isnull=False).order_by("-number").first()


# Running cases ---------------------------------------------------------------------------------


def _open_task(case: Case, step: Step, calendar: workdays.Calendar) -> Task:
    today = clock.today()
    return Task.objects.create(
        case=case,
        step=step,
        facility_id=case.facility_id,
        owner_role=step.owner_role,
        status=Task.Status.OPEN,
        opened_at=timezone.now(),
        due_on=calendar.add(today, step.deadline_days),
    )


def _advance(case: Case) -> list[Task]:
    """Open the steps whose awaited steps are all done; close the case when nothing is left."""
    steps = list(case.version.steps.all())
    current = {task.step.key: task for task in case.tasks.filter(is_current=True).select_related("step")}
    done = {key for key, task in current.items() if task.status == Task.Status.DONE}
    specs = [rules.spec_of(step) for step in steps]
    by_key = {step.key: step for step in steps}
    calendar = workdays.calendar_for(case.facility_id, clock.today())
    opened = [_open_task(case, by_key[key], calendar) for key in rules.ready_steps(specs, done, set(current))]
    if not opened and not any(task.status == Task.Status.OPEN for task in current.values()):
        CASE_STATES.move(case, "finish")
        case.closed_on = clock.today()
        case.save(update_fields=["status", "closed_on", "updated_at"])
    return opened


@audited_write(event="workflows.case_started")
def start_case(
    *,
    actor: User,
    process: Process,
    title: str,
    resident: Any = None,
    episode: Any = None,
) -> Case:
    """Start a case on the process's newest published version; its start steps open."""
    if not has_capability(actor, READERS, process.facility_id):
        raise PermissionDenied
    if not process.is_active:
        raise DomainError(_("This process is no longer used."), code="inactive")
    version = current_version(process)
    if version is None:
        raise DomainError(_("This process has no published version yet."), code="unpublished")
    if not title.strip():
        raise DomainError(_("Give the case a title."), code="required", field="title")
    if resident is not None and resident.facility_id != process.facility_id:
        raise DomainError(_("Choose a resident of this facility."), code="other_facility", field="resident")
    case = Case.objects.create(
        facility_id=process.facility_id,
        version=version,
        title=title.strip(),
        resident=resident,
        episode=episode,
        started_by=actor,
        started_on=clock.today(),
    )
    _advance(case)
    return case


def _done_already(task: Task) -> DomainError:
    who = (task.done_by.full_name or task.done_by.username) if task.done_by else "?"
    when = date_format(timezone.localtime(task.done_at), "d/m/Y H:i") if task.done_at else ""
    if task.status in (Task.Status.DONE, Task.Status.RETURNED):
        return DomainError(
            _("This task has already been done by %(who)s at %(when)s."), code="already_done", who=who, when=when
        )
    return DomainError(_("This task is no longer open."), code="not_open")


def _lock_open_task(actor: User, task: Task) -> tuple[Task, Case]:
    case = Case.objects.select_for_update().get(pk=task.case_id)
    task = Task.objects.select_for_update(of=("self",)).select_related("step", "done_by").get(pk=task.pk)
    if not holds_role(actor, task.owner_role, task.facility_id):
        raise PermissionDenied
    department = task.step.owner_department_id
    if department is not None and department not in organisation.departments_of(actor, clock.today()):
        raise PermissionDenied
    if task.status != Task.Status.OPEN or not task.is_current:
        raise _done_already(task)
    CASE_STATES.check(case, "act")
    return task, case


def _days_taken(task: Task) -> int | None:
    if task.opened_at is None or task.done_at is None:
        return None
    opened, done = timezone.localdate(task.opened_at), timezone.localdate(task.done_at)
    return max(0, workdays.calendar_for(task.facility_id, opened, done).between(opened, done))


def _finish(task: Task, actor: User, outcome: str, comment: str, data: Mapping[str, Any]) -> None:
    task.status = Task.Status.DONE
    task.outcome = outcome
    task.done_by = actor
    task.done_at = timezone.now()
    task.comment = comment
    task.data = dict(data)
    task.days_taken = _days_taken(task)
    task.save()


def _checked_data(task: Task, raw: Mapping[str, Any]) -> dict[str, Any]:
    values, errors = rules.parse_data(references.with_options(task.step.fields or [], task.facility_id), raw)
    if errors:
        name, message = next(iter(errors.items()))
        raise DomainError(message, code="invalid", field=name)
    return values


@audited_write(event="workflows.task_done")
def complete_task(*, actor: User, task: Task, data: Mapping[str, Any] | None = None, comment: str = "") -> Task:
    """A task step done with its data (an approval step is approved with `approve_task`)."""
    task, case = _lock_open_task(actor, task)
    if task.step.kind == Step.Kind.APPROVAL:
        raise DomainError(_("This step is an approval: approve it or return it."), code="approval")
    values = _checked_data(task, data or {})
    _finish(task, actor, Task.Outcome.COMPLETED, comment, values)
    if task.step.effect:
        effects.run(task.step.effect, actor, case, task, values)
    _advance(case)
    return task


@audited_write(event="workflows.task_approved")
def approve_task(*, actor: User, task: Task, data: Mapping[str, Any] | None = None, comment: str = "") -> Task:
    task, case = _lock_open_task(actor, task)
    if task.step.kind != Step.Kind.APPROVAL:
        raise DomainError(_("This step is not an approval."), code="not_approval")
    values = _checked_data(task, data or {})
    _finish(task, actor, Task.Outcome.APPROVED, comment, values)
    if task.step.effect:
        effects.run(task.step.effect, actor, case, task, values)
    _advance(case)
    return task


@audited_write(event="workflows.task_returned")
def return_task(*, actor: User, task: Task, to: str, comment: str) -> Task:
    """Send the case back to an earlier step named in the step's `may_return_to`, with a comment:
    that step opens again; the tasks after it are history."""
    task, case = _lock_open_task(actor, task)
    if to not in (task.step.may_return_to or []):
        raise DomainError(_("This step cannot return the case there."), code="invalid_return", field="to")
    if not comment.strip():
        raise DomainError(_("Say why the case is returned."), code="required", field="comment")
    task.status = Task.Status.RETURNED
    task.outcome = Task.Outcome.RETURNED
    task.done_by = actor
    task.done_at = timezone.now()
    task.comment = comment.strip()
    task.save()
    steps = list(case.version.steps.all())
    specs = [rules.spec_of(step) for step in steps]
    stale = rules.descendants_of(specs, to) | {to}
    for old in case.tasks.filter(is_current=True, step__key__in=stale).exclude(pk=task.pk):
        old.is_current = False
        if old.status in (Task.Status.OPEN, Task.Status.WAITING):
            old.status = Task.Status.CANCELLED
        old.save()
    task.is_current = False
    task.save(update_fields=["is_current"])
    target = next(step for step in steps if step.key == to)
    _open_task(case, target, workdays.calendar_for(case.facility_id, clock.today()))
    return task


@audited_write(event="workflows.case_cancelled")
def cancel_case(*, actor: User, case: Case, reason: str) -> Case:
    """The case's starter or its facility's workflow managers cancel it, with the reason."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.started_by_id != actor.pk and not has_capability(actor, DEFINE, case.facility_id):
        raise PermissionDenied
    if not reason.strip():
        raise DomainError(_("Say why the case is cancelled."), code="required", field="reason")
    CASE_STATES.move(case, "cancel")
    case.closed_on = clock.today()
    case.save(update_fields=["status", "closed_on", "updated_at"])
    for task in case.tasks.filter(status__in=[Task.Status.OPEN, Task.Status.WAITING]):
        task.status = Task.Status.CANCELLED
        task.comment = reason.strip()
        task.save()
    return case


def act(*, actor: User, task: Task, action: str, data: Mapping[str, Any], comment: str = "", to: str = "") -> Task:
    """One door for the inbox and the API: complete, approve or return."""
    if action == "complete":
        return complete_task(actor=actor, task=task, data=data, comment=comment)
    if action == "approve":
        return approve_task(actor=actor, task=task, data=data, comment=comment)
    if action == "return":
        return return_task(actor=actor, task=task, to=to, comment=comment)
    raise DomainError(_("Unknown action."), code="unknown_action", field="action")


__all__: Sequence[str] = [
    "CASE_STATES",
    "act",
    "approve_task",
    "cancel_case",
    "complete_task",
    "create_process",
    "delete_step",
    "new_draft",
    "publish",
    "return_task",
    "save_step",
    "start_case",
]


# Public procedures ----------------------------------------------------------------------------

PROCEDURE_FIELDS = (
    "title",
    "process",
    "applicants",
    "requirements",
    "documents",
    "where",
    "fee",
    "time_limit_days",
    "order",
    "is_published",
)


@audited_write(event="workflows.procedure_saved")
def save_procedure(*, actor: User, facility_id: int, procedure: Procedure | None = None, **values: Any) -> Procedure:
    """Add or change a public procedure of the facility; the process that handles it must be the
    facility's own. What is published is what the public reads."""
    _require_define(actor, facility_id)
    unknown = set(values) - set(PROCEDURE_FIELDS)
    if unknown:
        raise ValueError(f"unknown procedure fields: {sorted(unknown)}")
    title = values.get("title", procedure.title if procedure is not None else "")
    if not str(title).strip():
        raise DomainError(_("Give the procedure a title."), code="required", field="title")
    process = values.get("process")
    if process is not None and process.facility_id != facility_id:
        raise DomainError(_("Choose a process of this facility."), code="invalid", field="process")
    if procedure is None:
        procedure = Procedure(facility_id=facility_id)
    elif procedure.facility_id != facility_id:
        raise PermissionDenied
    for name, value in values.items():
        setattr(procedure, name, value.strip() if isinstance(value, str) else value)
    procedure.save()
    return procedure
