"""The facility a user is working in. A user of several facilities picks one; lists show all
facilities the user may read, and new records go to the current one."""

from django.http import HttpRequest

from hoanhap.accounts.selectors import facilities_of

from .models import Facility

SESSION_KEY = "hoanhap_facility_id"


def current_facility(request: HttpRequest) -> Facility | None:
    facilities = facilities_of(request.user)  # type: ignore[arg-type]
    if not facilities:
        return None
    chosen = request.session.get(SESSION_KEY)
    for facility in facilities:
        if facility.pk == chosen:
            return facility
    return facilities[0]


def choose_facility(request: HttpRequest, facility_id: int) -> bool:
    if any(f.pk == facility_id for f in facilities_of(request.user)):  # type: ignore[arg-type]
        request.session[SESSION_KEY] = facility_id
        return True
    return False
