"""The residents' cards on the home page: the census (who is here, who leaves soon, who is missing)
and the clerk's reminders with the residents lately opened."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with
from hoanhap.core import clock

from .selectors import census, work
from .selectors.work import recently_viewed


def _facility_ids(user: Any, facility_id: int | None) -> frozenset[int]:
    """The user's facilities, or the one chosen in the facility selector."""
    ids = facility_ids_with(user, Capability.VIEW_RESIDENTS)
    return ids & {facility_id} if facility_id is not None else ids


def census_card(user: Any, facility_id: int | None = None) -> dict[str, Any]:
    return census(_facility_ids(user, facility_id), clock.today())


def work_card(user: Any, facility_id: int | None = None) -> dict[str, Any]:
    """The clerk's reminders and the residents the user opened lately (`selectors.work`)."""
    ids = _facility_ids(user, facility_id)
    return {"lines": work_lines(ids), "recent": list(recently_viewed(user, ids))}


TITLES = {
    "releases_due": _("Releases due in the next 30 days"),
    "leave_overdue": _("Not back from leave by the date set"),
    "stage_overdue": _("Longer in a stage than planned"),
    "reception_open": _("Reception tasks still open after a week"),
    "grade_missing": _("No conduct grade for last month"),
}


def list_url(key: str) -> str:
    # The first two have their own lists already; the others share one page.
    if key == "releases_due":
        return reverse("residents:releases-due")
    if key == "stage_overdue":
        return reverse("residents:overdue")
    return f"{reverse('residents:work-list')}?show={key}"


def work_lines(ids: frozenset[int]) -> list[dict[str, object]]:
    return [
        {"key": item.key, "title": TITLES[item.key], "count": item.count, "url": list_url(item.key)}
        for item in work.reminders(ids, today=clock.today())
    ]
