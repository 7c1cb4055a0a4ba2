"""The audit trail's card on the home page."""

from typing import Any

from .selectors import entries_visible_to


def recent_entries(user: Any, facility_id: int | None = None) -> dict[str, Any]:
    entries = entries_visible_to(user)
    if facility_id is not None:
        entries = entries.filter(facility_id=facility_id)
    return {"entries": list(entries.select_related("actor", "content_type")[:10])}
