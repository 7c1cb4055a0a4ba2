"""Annual plans in the demo: last year's and this year's plan of each facility, approved by its
director, with targets in the shape of a province's plan (Lào Cai's: "307 admissions…"). Each
target is last year's actual figure (computed from the records the demo wrote) give or take a
few percent, so this year's progress reads like a real centre's: some ahead of the pace, some
behind. Synthetic, like the rest."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hoanhap.accounts.models import User
from hoanhap.core import registry
from hoanhap.plans.models import AnnualPlan, Target

from .daily_life import DemoWorld

# The figures a province's plan sets, and the number to plan when last year has no record of it.
SHAPE = {
    "residents.admissions": 307,
    "residents.admissions_voluntary": 60,
    "residents.admissions_compulsory": 247,
    "residents.completions": 250,
    "daily_life.vocational_trainees": 120,
    "daily_life.vocational_certificates": 80,
    "daily_life.labour_hours": 40000,
    "daily_life.life_skills_attendance": 3000,
}


def _director(world: DemoWorld, number: int) -> User | None:
    return world.staff.get("giamdoc" if number == 1 else f"giamdoc{number}") or world.staff.get("giamdoc")


def seed(world: DemoWorld) -> int:
    this_year = world.today.year
    last_year = this_year - 1
    facility_ids = [facility.pk for facility in world.facilities]
    keys = [key for key in SHAPE if key in registry.figures]
    # Last year's figures, one query per figure for every facility.
    actual = {
        key: registry.figures.get(key).compute(facility_ids, date(last_year, 1, 1), date(last_year, 12, 31))
        for key in keys
    }
    plans = []
    for number, facility in enumerate(world.facilities, start=1):
        director = _director(world, number)
        for year, approved_on in ((last_year, date(last_year, 1, 15)), (this_year, date(this_year, 1, 12))):
            plans.append(
                AnnualPlan(
                    facility=facility,
                    year=year,
                    status=AnnualPlan.Status.APPROVED,
                    approved_by=director,
                    approved_on=min(approved_on, world.today),
                    note=f"Kế hoạch công tác cai nghiện năm {year} theo chỉ tiêu Sở Y tế giao.",
                )
            )
    AnnualPlan.objects.bulk_create(plans)
    targets = []
    for plan in plans:
        for key in keys:
            last = Decimal(str(actual[key].get(plan.facility_id) or 0))
            base = last if last > 0 else Decimal(SHAPE[key])
            # Last year: planned near what happened; this year: a little more.
            factor = world.rng.uniform(0.85, 1.1) if plan.year == last_year else world.rng.uniform(1.0, 1.15)
            planned = max(Decimal(1), (base * Decimal(str(round(factor, 3)))).quantize(Decimal("1")))
            targets.append(Target(plan=plan, facility_id=plan.facility_id, figure=key, planned=planned))
    Target.objects.bulk_create(targets)
    return len(plans) + len(targets)
