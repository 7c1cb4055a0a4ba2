from typing import Any


def visits_card(user: Any, facility_id: int | None = None) -> dict[str, Any]:
    return {"visits": 7}
