"""The annual plans' audited writes. Each checks that the actor writes plans at the facility
(`access.WRITE`) and refuses with a `DomainError` beside the field before writing anything.

An approved plan is not changed: its targets are what the director signed. A mistake is corrected
by reopening the plan (`reopen_plan`, audited as such), changing it and approving it again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from hoanhap.audit.writes import audited_write
from hoanhap.core import clock, registry
from hoanhap.core.errors import DomainError
from hoanhap.core.locking import lock_row, locked
from hoanhap.core.models import Facility
from hoanhap.core.state import Move, StateMachine

from .access import require_write
from .models import AnnualPlan, Target

S = AnnualPlan.Status

# A plan is written for this year, the next, or (recorded late) one of the two years before.
YEARS_BACK = 2
YEARS_AHEAD = 1
MAX_PLANNED = Decimal("9999999999")

MOVE_LABELS = {"approve": _("Approve"), "reopen": _("Reopen")}
PLAN_STATES = StateMachine(
    "plans.plan",
    moves={
        "approve": Move(source={S.DRAFT}, target=S.APPROVED),
        "reopen": Move(source={S.APPROVED}, target=S.DRAFT),
        "edit": Move(source={S.DRAFT}, target=None),
    },
    status_label=lambda value: S(value).label,
    move_label=lambda name: MOVE_LABELS.get(name, _("Change the targets")),
    refusal=_("“%(event)s” is not possible while the plan is “%(status)s”."),
)


def year_range(today: date | None = None) -> range:
    year = (today or clock.today()).year
    return range(year - YEARS_BACK, year + YEARS_AHEAD + 1)


def check_year(year: int) -> None:
    years = year_range()
    if year not in years:
        raise DomainError(
            _("A plan is made for a year from %(first)s to %(last)s."),
            code="year_out_of_range",
            field="year",
            first=years[0],
            last=years[-1],
        )


def check_figure(key: str) -> registry.Figure:
    if key not in registry.figures:
        raise DomainError(_("This figure is not one the application computes."), code="unknown_figure", field="figure")
    return registry.figures.get(key)


def check_planned(value: Any) -> Decimal:
    try:
        planned = Decimal(str(value))
    except (InvalidOperation, ValueError):
        planned = Decimal("NaN")
    if not planned.is_finite():
        raise DomainError(_("Enter a number."), code="not_a_number", field="planned")
    if planned <= 0:
        raise DomainError(_("A target must be more than zero."), code="target_not_positive", field="planned")
    if planned > MAX_PLANNED:
        raise DomainError(_("This target is too large."), code="target_too_large", field="planned")
    return planned.quantize(Decimal("0.01"))


@audited_write(event="plans.plan_created")
def create_plan(*, actor: Any, facility_id: int, year: int, note: str = "", copy_last_year: bool = False) -> AnnualPlan:
    """A draft plan for the year; with `copy_last_year`, last year's targets as a start."""
    require_write(actor, facility_id)
    check_year(year)
    lock_row(Facility, facility_id)
    if AnnualPlan.objects.filter(facility_id=facility_id, year=year).exists():
        raise DomainError(
            _("This facility already has a plan for %(year)s."), code="plan_exists", field="year", year=year
        )
    try:
        with transaction.atomic():
            plan = AnnualPlan.objects.create(facility_id=facility_id, year=year, note=note)
    except IntegrityError:
        raise DomainError(
            _("This facility already has a plan for %(year)s."), code="plan_exists", field="year", year=year
        ) from None
    if copy_last_year:
        previous = AnnualPlan.objects.filter(facility_id=facility_id, year=year - 1).first()
        if previous is None:
            raise DomainError(
                _("There is no plan for %(year)s to copy."),
                code="no_plan_to_copy",
                field="copy_last_year",
                year=year - 1,
            )
        for target in previous.targets.all():
            if target.figure in registry.figures:
                Target.objects.create(
                    plan=plan, facility_id=facility_id, figure=target.figure, planned=target.planned, note=target.note
                )
    return plan


@audited_write(event="plans.target_set")
def set_target(*, actor: Any, plan: AnnualPlan, figure: str, planned: Any, note: str = "") -> Target:
    """The plan's number for one figure, new or changed."""
    require_write(actor, plan.facility_id)
    plan = locked(plan)
    PLAN_STATES.check(plan, "edit")
    check_figure(figure)
    value = check_planned(planned)
    target = Target.objects.filter(plan=plan, figure=figure).first()
    if target is None:
        return Target.objects.create(plan=plan, facility_id=plan.facility_id, figure=figure, planned=value, note=note)
    target.planned = value
    target.note = note
    target.save()
    return target


@audited_write(event="plans.target_removed")
def remove_target(*, actor: Any, plan: AnnualPlan, figure: str) -> None:
    require_write(actor, plan.facility_id)
    plan = locked(plan)
    PLAN_STATES.check(plan, "edit")
    target = Target.objects.filter(plan=plan, figure=figure).first()
    if target is None:
        raise DomainError(_("The plan has no target for this figure."), code="no_such_target", field="figure")
    target.delete()


@audited_write(event="plans.plan_approved")
def approve_plan(*, actor: Any, plan: AnnualPlan, note: str | None = None) -> AnnualPlan:
    require_write(actor, plan.facility_id)
    plan = locked(plan)
    PLAN_STATES.check(plan, "approve")
    if not plan.targets.exists():
        raise DomainError(_("Set at least one target before approving the plan."), code="no_targets")
    plan.status = S.APPROVED
    plan.approved_by = actor
    plan.approved_on = clock.today()
    if note is not None:
        plan.note = note
    plan.save()
    return plan


@audited_write(event="plans.plan_reopened")
def reopen_plan(*, actor: Any, plan: AnnualPlan) -> AnnualPlan:
    """An approved plan back to draft, to correct it; it must be approved again."""
    require_write(actor, plan.facility_id)
    plan = locked(plan)
    PLAN_STATES.check(plan, "reopen")
    plan.status = S.DRAFT
    plan.approved_by = None
    plan.approved_on = None
    plan.save()
    return plan
