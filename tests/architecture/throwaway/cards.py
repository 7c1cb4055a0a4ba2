from typing import Any


def visits_card(user: Any, facility_id: int | None = None) -> dict[str, Any]:
    return {"visits": 7}


def next_visit(user: Any, resident: Any) -> dict[str, Any] | None:
    """A card on the resident page; None (no card) for a resident the module knows nothing of."""
    return {"on": "Saturday", "name": resident.full_name} if resident.full_name != "Người Lạ" else None
