"""The audit trail's card on the home page."""

from typing import Any

from .selectors import entries_visible_to


def recent_entries(user: Any) -> dict[str, Any]:
    return {"entries": list(entries_visible_to(user).select_related("actor", "content_type")[:10])}
