"""Entitlements (the material regime): what the area registers."""

from django.utils.translation import gettext_lazy as _

from hoanhap.audit import events
from hoanhap.core import registry

TIMELINE_KIND = "daily_life.supplies_issued"


def register() -> None:
    """Timeline kinds, audit events, audited models (or exempt), cards of this area."""
    from auditlog.registry import auditlog

    from ..models import SupplyIssue

    auditlog.register(SupplyIssue, exclude_fields=["updated_at"])
    # On the resident's timeline: yearly items only (clothes, bedding): a line a month for the food
    # money and the soap of every resident would bury what matters.
    registry.timeline_kinds.register(registry.TimelineKind(TIMELINE_KIND, _("Clothing or bedding issued")))
    events.register("daily_life.supplies_issued", _("Supplies issued"))
    events.register("daily_life.supply_sheet_saved", _("Monthly supply sheet saved"))
    events.register("daily_life.supply_issue_corrected", _("Supply issue corrected"))
    events.register("daily_life.supply_shortfalls_exported", _("Supply shortfalls exported"))
