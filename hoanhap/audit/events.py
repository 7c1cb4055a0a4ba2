"""Audit event kinds: what a user did, named once, shown to the auditor in their language.

An app registers its kinds in `AppConfig.ready()`:

    from hoanhap.audit import events
    events.register("care.dose_given", _("Dose given"))

and names the event of each service (`@audited_write(event="care.dose_given")`, see
`hoanhap.audit.writes`). Every entry written in that service's transaction carries the kind, so an
auditor reads "Abscondence recorded", not "Episode: status active → absconded". A kind registered
twice, or written without being registered, raises.

Models: every concrete model of Hòa Nhập is either registered with django-auditlog (its changes
are logged with before/after values) or declared exempt here with the reason (`exempt(...)`);
a test walks the models and fails on one that is neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from hoanhap.core.registry import Registry


@dataclass(frozen=True)
class AuditEvent:
    key: str
    label: Any
    # Keys written in `additional_data["event"]` by entries from before the `event` column, which
    # the trail keeps as they were (append-only): searching for the kind finds them too.
    aliases: tuple[str, ...] = ()


kinds: Registry[AuditEvent] = Registry("audit event kind")

# Model label ("app.model") → why its rows are not logged one by one.
EXEMPT_MODELS: dict[str, str] = {}


def register(key: str, label: Any, *, aliases: tuple[str, ...] = ()) -> AuditEvent:
    return kinds.register(AuditEvent(key, label, aliases))


def label_of(key: str | None) -> Any:
    """The kind's label; an entry from before kinds were named shows nothing."""
    if not key:
        return ""
    if key in kinds:
        return kinds.get(key).label
    for event in kinds:
        if key in event.aliases:
            return event.label
    return key


def choices() -> list[tuple[str, Any]]:
    return sorted(((event.key, event.label) for event in kinds), key=lambda choice: str(choice[1]))


def exempt(model: type[models.Model], *, reason: str) -> None:
    """Declare that `model`'s rows are not logged one by one, and why (the journal itself, a
    cache, rows written only inside a service that writes its own entry)."""
    EXEMPT_MODELS[model._meta.label_lower] = reason
