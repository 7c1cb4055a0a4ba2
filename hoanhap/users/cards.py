"""The home card of the grants waiting for the user's approval (a director, a second administrator)."""

from typing import Any

from . import selectors


def grants_waiting(user: Any, facility_id: int | None = None) -> dict[str, Any] | None:
    grants = selectors.grants_waiting_for(user)
    if facility_id is not None:
        grants = grants.filter(facility_id=facility_id)
    count = grants.count()
    if not count:
        return None
    return {"count": count, "grants": list(grants[:5])}
