"""The residents' card on the home page: who is here, who leaves soon, who is missing."""

from typing import Any

from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock

from .selectors import census


def census_card(user: Any, facility_id: int | None = None) -> dict[str, Any]:
    ids = facility_ids_with(user, Capability.VIEW_RESIDENTS)
    if facility_id is not None:
        ids = ids & {facility_id}
    return census(ids, clock.today())
