from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import capabilities_in, facility_ids_with

from . import events
from .models import AuditEntry

# How the auditor's "Resident" box finds the people it names: the residents app registers a
# function (facility ids, the text typed) → a queryset of resident ids. The trail imports no
# domain app.
ResidentFinder = Callable[[Iterable[int], str], QuerySet]
_resident_finders: list[ResidentFinder] = []


def register_resident_finder(finder: ResidentFinder) -> None:
    _resident_finders.append(finder)


def entries_visible_to(user: User) -> QuerySet[AuditEntry]:
    """An auditor reads the trail of their own facilities only."""
    return AuditEntry.objects.filter(facility_id__in=facility_ids_with(user, Capability.VIEW_AUDIT))


def search_entries(
    user: User,
    *,
    actor: str = "",
    resident: str = "",
    action: int | None = None,
    event: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    entries = entries_visible_to(user).select_related("actor", "content_type")
    if actor:
        entries = entries.filter(Q(actor__username__icontains=actor) | Q(actor__full_name__icontains=actor))
    if resident:
        facility_ids = facility_ids_with(user, Capability.VIEW_AUDIT)
        matching = Q(pk__in=[])
        for finder in _resident_finders:
            matching |= Q(resident_id__in=finder(facility_ids, resident))
        entries = entries.filter(matching)
    if action is not None:
        entries = entries.filter(action=action)
    if event:
        aliases = events.kinds.get(event).aliases if event in events.kinds else ()
        entries = entries.filter(Q(event=event) | Q(event__isnull=True, additional_data__event__in=aliases))
    if date_from is not None:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries.order_by("-id")


HIDDEN = "•••"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def changes_shown_to(user: User, entry: AuditEntry) -> list[Change]:
    """An entry's old and new values, with the sensitive ones (a model's SENSITIVE_FIELDS: ID
    numbers, criminal record, health data) hidden from a reader without that capability in the
    entry's facility. The trail keeps the values; the page shows that they changed."""
    model = entry.content_type.model_class()
    sensitive: dict[str, Capability] = getattr(model, "SENSITIVE_FIELDS", {})
    allowed = capabilities_in(user, entry.facility_id) if entry.facility_id is not None else frozenset()
    changes = []
    for field, values in (entry.changes_dict or {}).items():
        old, new = [*values, None, None][:2] if isinstance(values, list) else (None, values)
        if field in sensitive and sensitive[field] not in allowed:
            old, new = (HIDDEN if old not in (None, "", "None") else old), HIDDEN
        changes.append(Change(field, "" if old is None else str(old), "" if new is None else str(new)))
    return changes
