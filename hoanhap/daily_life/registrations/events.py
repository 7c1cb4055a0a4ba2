"""Events, competitions and prizes: what the area registers."""

from django.utils.translation import gettext_lazy as _

AUDIT_EVENTS = {
    "daily_life.event_planned": _("Event planned"),
    "daily_life.participants_added": _("Event participants added"),
    "daily_life.event_photo_added": _("Event photo added"),
    "daily_life.competition_created": _("Competition created"),
    "daily_life.prize_awarded": _("Prize awarded"),
    "daily_life.events_exported": _("Event list exported"),
    "daily_life.prizes_exported": _("Prize list exported"),
}


def register() -> None:
    """Timeline kinds, audit events, audited models (or exempt), cards of this area."""
    from auditlog.registry import auditlog

    from hoanhap.audit import events
    from hoanhap.core import registry

    from ..models import Competition, Event, EventParticipant, EventPhoto, Prize

    registry.timeline_kinds.register(registry.TimelineKind("daily_life.event_attended", _("Took part in an event")))
    registry.timeline_kinds.register(registry.TimelineKind("daily_life.prize_won", _("Won a prize")))
    for key, label in AUDIT_EVENTS.items():
        events.register(key, label)
    for model in (Event, EventParticipant, EventPhoto, Competition, Prize):
        auditlog.register(model, exclude_fields=["updated_at"])
