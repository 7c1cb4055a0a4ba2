from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "plans.plan_created": _("Annual plan created"),
    "plans.target_set": _("Plan target set"),
    "plans.target_removed": _("Plan target removed"),
    "plans.plan_approved": _("Annual plan approved"),
    "plans.plan_reopened": _("Annual plan reopened"),
    "plans.plan_exported": _("Annual plan exported"),
    "plans.plans_exported": _("Annual plans exported"),
}


class PlansConfig(AppConfig):
    name = "hoanhap.plans"
    label = "plans"
    verbose_name = _("Annual plans")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hoanhap.audit import events
        from hoanhap.core import registry

        from . import selectors
        from .access import READ, WRITE
        from .models import AnnualPlan, Target

        registry.navigation.register(
            registry.NavEntry(
                slug="plans",
                title=_("Annual plans"),
                icon="bullseye",
                capabilities=frozenset(READ),
                url_name="plans:list",
                description=_(
                    "The year's plan and its targets (admissions, vocational trainees, completions…), "
                    "the actual figures from the records and the gap."
                ),
                order=60,
            )
        )
        registry.cards.register(
            registry.Card(
                key="plans.admissions",
                title=_("Admissions against the plan"),
                capabilities=frozenset({WRITE, *READ}),
                template="plans/cards/admissions.html",
                context=selectors.admissions_card,
                order=15,
            )
        )
        for key, label in AUDIT_EVENTS.items():
            events.register(key, label)
        for model in (AnnualPlan, Target):
            auditlog.register(model, exclude_fields=["updated_at"])
