"""The workflows API, on the same selectors and services as the pages: my inbox, act on a task,
start a case, a case with its history, the processes. A refusal is a 400 `{"detail", "code",
"field"}`; another facility's record a 404; no permission a 403."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.core.errors import DomainError
from hoanhap.residents import selectors as residents

from . import selectors, services
from .access import READERS
from .models import Case, Process, Task

router = Router(tags=["workflows"])


class RefusalOut(Schema):
    detail: Any
    code: str | None = None
    field: str | None = None


REFUSED: dict[int, Any] = dict.fromkeys((400, 403, 404, 409, 422), RefusalOut)


class TaskOut(Schema):
    id: int
    case_id: int
    case_title: str
    process: str
    step_key: str
    step_title: str
    kind: str
    status: str
    due_on: date | None
    done_at: datetime | None
    done_by: str
    outcome: str
    comment: str
    data: dict[str, Any]


class ActIn(Schema):
    action: str = Field(..., description="complete, approve or return", max_length=20)
    data: dict[str, Any] = {}
    comment: str = Field("", max_length=2000)
    to: str = Field("", max_length=60, description="the step to return to")


class StartIn(Schema):
    process_id: int
    title: str = Field(..., max_length=200)
    resident_id: int | None = None


class CaseOut(Schema):
    id: int
    title: str
    process: str
    version: int
    status: str
    started_on: date
    resident_id: int | None
    tasks: list[TaskOut]


class StepOut(Schema):
    key: str
    title: str
    kind: str
    owner_role: str
    deadline_days: int
    after: list[str]
    may_return_to: list[str]
    fields: list[dict[str, Any]]


class ProcessOut(Schema):
    id: int
    code: str
    title: str
    version: int | None
    steps: list[StepOut]


def task_out(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        "case_id": task.case_id,
        "case_title": task.case.title,
        "process": task.case.version.process.title,
        "step_key": task.step.key,
        "step_title": task.step.title,
        "kind": task.step.kind,
        "status": task.status,
        "due_on": task.due_on,
        "done_at": task.done_at,
        "done_by": (task.done_by.full_name or task.done_by.username) if task.done_by else "",
        "outcome": task.outcome,
        "comment": task.comment,
        "data": task.data or {},
    }


def _require_reader(request: AuthenticatedRequest) -> None:
    if not has_capability(request.user, READERS):
        raise PermissionDenied


@router.get("/inbox", response={200: list[TaskOut], **REFUSED}, summary="My open tasks, the soonest due first")
def inbox(request: AuthenticatedRequest, overdue: bool = False, q: str = "") -> Any:
    _require_reader(request)
    tasks = selectors.inbox(request.user, selectors.InboxFilters(q=q[:100], overdue=overdue))
    return [task_out(task) for task in tasks.select_related("done_by").order_by("due_on", "pk")[:500]]


@router.post(
    "/tasks/{task_id}", response={200: TaskOut, **REFUSED}, summary="Act on a task: complete, approve or return"
)
def act(request: AuthenticatedRequest, task_id: int, payload: ActIn) -> Any:
    task = object_for_request(
        request, Task.objects.select_related("step", "case__version__process"), task_id, capability=READERS
    )
    services.act(
        actor=request.user, task=task, action=payload.action, data=payload.data, comment=payload.comment, to=payload.to
    )
    task = Task.objects.select_related("step", "case__version__process", "done_by").get(pk=task.pk)
    return task_out(task)


def _case_out(case: Case) -> dict[str, Any]:
    tasks = selectors.case_tasks(case)
    for task in tasks:
        task.case = case
    return {
        "id": case.pk,
        "title": case.title,
        "process": case.version.process.title,
        "version": case.version.number,
        "status": case.status,
        "started_on": case.started_on,
        "resident_id": case.resident_id,
        "tasks": [task_out(task) for task in tasks],
    }


@router.post("/cases", response={201: CaseOut, **REFUSED}, summary="Start a case of a process")
def start(request: AuthenticatedRequest, payload: StartIn) -> Any:
    process = object_for_request(request, Process.objects.all(), payload.process_id, capability=READERS)
    resident = episode = None
    if payload.resident_id is not None:
        try:
            resident = residents.resident_for(request.user, payload.resident_id)
        except Http404:
            raise DomainError(_("Choose a resident you may see."), code="invalid", field="resident_id") from None
        episode = residents.open_episode_of(resident.pk, process.facility_id)
    case = services.start_case(
        actor=request.user, process=process, title=payload.title, resident=resident, episode=episode
    )
    return Status(201, _case_out(Case.objects.select_related("version__process").get(pk=case.pk)))


@router.get("/cases/{case_id}", response={200: CaseOut, **REFUSED}, summary="A case with its steps and history")
def case_detail(request: AuthenticatedRequest, case_id: int) -> Any:
    case = object_for_request(request, Case.objects.select_related("version__process"), case_id, capability=READERS)
    return _case_out(case)


@router.get("/processes", response={200: list[ProcessOut], **REFUSED}, summary="The processes and their current steps")
def processes(request: AuthenticatedRequest) -> Any:
    _require_reader(request)
    found = []
    # Every version and step read in two queries, the current version chosen here.
    for process in selectors.processes(request.user).order_by("title").prefetch_related("versions__steps"):
        published = [v for v in process.versions.all() if not v.is_draft]
        version = max(published, key=lambda v: v.number) if published else None
        steps = sorted(version.steps.all(), key=lambda s: (s.position, s.pk)) if version else []
        found.append(
            {
                "id": process.pk,
                "code": process.code,
                "title": process.title,
                "version": version.number if version else None,
                "steps": [
                    {
                        "key": s.key,
                        "title": s.title,
                        "kind": s.kind,
                        "owner_role": s.owner_role,
                        "deadline_days": s.deadline_days,
                        "after": s.after,
                        "may_return_to": s.may_return_to,
                        "fields": s.fields,
                    }
                    for s in steps
                ],
            }
        )
    return found
