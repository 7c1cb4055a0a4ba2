"""The residents' card on the home page: who is here, who leaves soon, who is missing."""

from typing import Any

from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock

from .selectors import census


def census_card(user: Any) -> dict[str, Any]:
    return census(facility_ids_with(user, Capability.VIEW_RESIDENTS), clock.today())
