from typing import Any


def visits_card(user: Any) -> dict[str, Any]:
    return {"visits": 7}
