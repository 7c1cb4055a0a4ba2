"""Family visits, parcels and money: what the area registers."""

from django.utils.translation import gettext_lazy as _

EVENTS = {
    "daily_life.visit_booked": _("Visit booked"),
    "daily_life.visit_checked_in": _("Visit checked in"),
    "daily_life.visit_checked_out": _("Visit checked out"),
    "daily_life.visit_cancelled": _("Visit cancelled"),
    "daily_life.visit_extension_approved": _("Longer visit approved"),
    "daily_life.visits_exported": _("Visits exported"),
    "daily_life.parcel_recorded": _("Parcel recorded"),
    "daily_life.parcels_exported": _("Parcels exported"),
    "daily_life.money_moved": _("Money deposited or withdrawn"),
}
TIMELINE_KINDS = {
    "daily_life.visit_booked": _("Family visit booked"),
    "daily_life.visit_cancelled": _("Family visit cancelled"),
    "daily_life.parcel_recorded": _("Parcel handed in"),
    "daily_life.money_moved": _("Money deposited or withdrawn"),
}


def register() -> None:
    """Timeline kinds, audit events, audited models (or exempt), cards of this area."""
    from auditlog.registry import auditlog

    from hoanhap.audit import events
    from hoanhap.core import registry

    from ..models import Deposit, Parcel, Visit, Visitor

    for key, label in EVENTS.items():
        events.register(key, label)
    for key, label in TIMELINE_KINDS.items():
        registry.timeline_kinds.register(registry.TimelineKind(key, label))
    for model in (Visit, Visitor, Parcel, Deposit):
        auditlog.register(model, exclude_fields=["updated_at"])
