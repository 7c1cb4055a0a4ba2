"""Annual plans: who opens each URL. The leadership (OVERSEE_FACILITY) and the report readers
(VIEW_REPORTS: the resident manager, the province) read; the director and deputies
(APPROVE_DECISIONS) set the targets and approve."""

from hoanhap.plans.access import READ, WRITE
from hoanhap.plans.models import AnnualPlan

from ..route_rules import Rule, World

RULES: dict[str, Rule] = {
    "plans/": Rule(READ),
    "plans/export/": Rule(READ),
    "plans/new/": Rule(WRITE, writes=True),
    "plans/years/<int:year>/": Rule(READ),
    "plans/years/<int:year>/export/": Rule(READ),
    "plans/<int:plan_id>/": Rule(READ, names_a_record=True),
    "plans/<int:plan_id>/export/": Rule(READ, names_a_record=True),
    "plans/<int:plan_id>/targets/": Rule(WRITE, names_a_record=True, writes=True),
    "plans/<int:plan_id>/targets/remove/": Rule(WRITE, names_a_record=True, writes=True),
    "plans/<int:plan_id>/approve/": Rule(WRITE, names_a_record=True, writes=True),
    "plans/<int:plan_id>/reopen/": Rule(WRITE, names_a_record=True, writes=True),
    "api/plans": Rule(READ),
    "api/plans/<int:plan_id>": Rule(READ, names_a_record=True),
    "api/plans/<int:plan_id>/targets": Rule(WRITE, names_a_record=True, writes=True),
}


def parameters(world: World) -> dict[str, str]:
    plan = AnnualPlan.objects.create(facility=world.facility, year=2026)
    return {"plan_id": str(plan.pk), "year": "2026"}
