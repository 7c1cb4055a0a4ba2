"""The director drafts the year's plan, sets its targets and approves it; an approved plan is
changed only by reopening it. Every refusal comes before anything is written."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.core.errors import DomainError
from hoanhap.plans import services
from hoanhap.plans.models import AnnualPlan, Target


@pytest.fixture
def plan(director, facility, today):  # type: ignore[no-untyped-def]
    return services.create_plan(actor=director, facility_id=facility.pk, year=2026)


def test_the_director_creates_a_draft_plan(plan, facility):
    assert plan.facility == facility
    assert plan.status == AnnualPlan.Status.DRAFT


@pytest.mark.parametrize(("year", "allowed"), [(2023, False), (2024, True), (2027, True), (2028, False)])
def test_a_plan_is_made_for_a_year_near_today(director, facility, today, year, allowed):
    if allowed:
        assert services.create_plan(actor=director, facility_id=facility.pk, year=year).year == year
    else:
        with pytest.raises(DomainError, match="from 2024 to 2027"):
            services.create_plan(actor=director, facility_id=facility.pk, year=year)


def test_a_facility_has_one_plan_a_year(plan, director, facility):
    with pytest.raises(DomainError, match="already has a plan for 2026"):
        services.create_plan(actor=director, facility_id=facility.pk, year=2026)


def test_a_new_plan_may_start_from_last_years_targets(plan, director, facility):
    services.set_target(actor=director, plan=plan, figure="residents.admissions", planned=307, note="Chỉ tiêu tỉnh")
    services.approve_plan(actor=director, plan=plan)
    following = services.create_plan(actor=director, facility_id=facility.pk, year=2027, copy_last_year=True)
    assert list(following.targets.values_list("figure", "planned", "note")) == [
        ("residents.admissions", Decimal("307.00"), "Chỉ tiêu tỉnh")
    ]


def test_copying_needs_last_years_plan(director, facility, today):
    with pytest.raises(DomainError, match="no plan for 2025"):
        services.create_plan(actor=director, facility_id=facility.pk, year=2026, copy_last_year=True)
    assert not AnnualPlan.objects.exists()


def test_a_target_is_set_then_changed(plan, director):
    services.set_target(actor=director, plan=plan, figure="residents.admissions", planned=300)
    services.set_target(actor=director, plan=plan, figure="residents.admissions", planned="307")
    assert list(plan.targets.values_list("figure", "planned")) == [("residents.admissions", Decimal("307.00"))]


@pytest.mark.parametrize(
    ("figure", "planned", "message"),
    [
        ("residents.nonsense", 10, "not one the application computes"),
        ("residents.admissions", 0, "more than zero"),
        ("residents.admissions", -5, "more than zero"),
        ("residents.admissions", "abc", "Enter a number"),
        ("residents.admissions", "NaN", "Enter a number"),
        ("residents.admissions", "1e20", "too large"),
    ],
)
def test_a_bad_target_is_refused(plan, director, figure, planned, message):
    with pytest.raises(DomainError, match=message):
        services.set_target(actor=director, plan=plan, figure=figure, planned=planned)
    assert not Target.objects.exists()


def test_the_smallest_target_is_allowed(plan, director):
    assert services.set_target(
        actor=director, plan=plan, figure="residents.admissions", planned="0.01"
    ).planned == Decimal("0.01")


def test_a_target_is_removed(plan, director):
    services.set_target(actor=director, plan=plan, figure="residents.admissions", planned=307)
    services.remove_target(actor=director, plan=plan, figure="residents.admissions")
    assert not Target.objects.exists()
    with pytest.raises(DomainError, match="no target for this figure"):
        services.remove_target(actor=director, plan=plan, figure="residents.admissions")


def test_a_plan_without_targets_is_not_approved(plan, director):
    with pytest.raises(DomainError, match="at least one target"):
        services.approve_plan(actor=director, plan=plan)


def test_an_approved_plan_is_changed_only_once_reopened(plan, director, deputy, today):
    services.set_target(actor=director, plan=plan, figure="residents.admissions", planned=307)
    approved = services.approve_plan(actor=director, plan=plan)
    assert (approved.status, approved.approved_by, approved.approved_on) == ("approved", director, date(2026, 7, 2))
    with pytest.raises(DomainError, match="not possible while the plan is “Approved”"):
        services.set_target(actor=director, plan=approved, figure="residents.admissions", planned=400)
    with pytest.raises(DomainError, match="not possible"):
        services.remove_target(actor=director, plan=approved, figure="residents.admissions")
    with pytest.raises(DomainError, match="not possible"):
        services.approve_plan(actor=director, plan=approved)
    reopened = services.reopen_plan(actor=deputy, plan=approved)
    assert (reopened.status, reopened.approved_by, reopened.approved_on) == ("draft", None, None)
    services.set_target(actor=deputy, plan=reopened, figure="residents.admissions", planned=400)


def test_only_the_leadership_of_the_facility_writes_plans(
    plan, resident_manager, province_viewer, director_of_other_facility, facility
):
    for actor in (resident_manager, province_viewer, director_of_other_facility):
        with pytest.raises(PermissionDenied):
            services.set_target(actor=actor, plan=plan, figure="residents.admissions", planned=1)
        with pytest.raises(PermissionDenied):
            services.create_plan(actor=actor, facility_id=facility.pk, year=2027)
        with pytest.raises(PermissionDenied):
            services.approve_plan(actor=actor, plan=plan)
