"""The annual plans' API (mounted at /api/plans/), with the same selectors and services as the
pages. A refusal is a 400 `{"detail", "code", "field"}`, no capability a 403, another facility's
plan a 404 exactly like a missing one."""

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.audit.access import object_for_request
from hoanhap.core import clock

from . import selectors, services
from .access import READ, WRITE
from .models import AnnualPlan

router = Router(tags=["annual plans"])


class PlanRefusalOut(Schema):
    detail: Any
    code: str | None = None
    field: str | None = None


REFUSED: dict[int, Any] = dict.fromkeys((400, 403, 404, 409, 422), PlanRefusalOut)


class PlanQuery(Schema):
    year: int | None = Field(None, ge=1900, le=9999)


class PlanOut(Schema):
    id: int
    facility_id: int
    year: int
    status: str
    approved_by_id: int | None
    approved_on: date | None
    note: str


class TargetOut(Schema):
    figure: str
    label: str
    unit: str
    planned: Decimal
    actual: Decimal
    percent: Decimal
    expected: Decimal
    gap: Decimal
    note: str
    months: list[Decimal]


class PlanDetailOut(PlanOut):
    figures_to: date
    targets: list[TargetOut]


class TargetIn(Schema):
    figure: str = Field(..., max_length=80)
    planned: Decimal = Field(..., max_digits=12, decimal_places=2)
    note: str = Field("", max_length=300)


def _target(row: selectors.Progress) -> dict[str, Any]:
    return {
        "figure": row.figure,
        "label": str(row.label),
        "unit": str(row.unit),
        "planned": row.planned,
        "actual": row.actual,
        "percent": row.percent,
        "expected": row.expected,
        "gap": row.gap,
        "note": row.note,
        "months": row.months,
    }


def _detail(plan: AnnualPlan) -> dict[str, Any]:
    today = clock.today()
    return {
        **{name: getattr(plan, name) for name in PlanOut.model_fields},
        "figures_to": today,
        "targets": [_target(row) for row in selectors.plan_progress(plan, today)],
    }


@router.get("", response={200: list[PlanOut], **REFUSED}, summary="Annual plans")
def list_plans(request: AuthenticatedRequest, query: Query[PlanQuery]) -> Any:
    require_capability(request.user, READ)
    return list(selectors.plans_visible_to(request.user, year=query.year).order_by("-year", "facility_id")[:500])


@router.get("/{int:plan_id}", response={200: PlanDetailOut, **REFUSED}, summary="A plan, its targets and actuals")
def get_plan(request: AuthenticatedRequest, plan_id: int) -> Any:
    plan = object_for_request(request, AnnualPlan.objects.all(), plan_id, capability=READ)
    return _detail(plan)


@router.put("/{int:plan_id}/targets", response={200: PlanDetailOut, **REFUSED}, summary="Set a target")
def set_target(request: AuthenticatedRequest, plan_id: int, payload: TargetIn) -> Any:
    plan = object_for_request(request, AnnualPlan.objects.all(), plan_id, capability=WRITE)
    services.set_target(
        actor=request.user, plan=plan, figure=payload.figure, planned=payload.planned, note=payload.note
    )
    plan.refresh_from_db()
    return Status(200, _detail(plan))
