"""The facility a user is working in. A user of several facilities picks one, or "all my
facilities" (ALL, also the default): what they read (the home page's figures) is scoped to the
chosen one, and new records go to the current one (the chosen, else their first)."""

from django.http import HttpRequest

from hoanhap.accounts.selectors import facilities_of

from .models import Facility

SESSION_KEY = "hoanhap_facility_id"
ALL = "all"


def current_facility(request: HttpRequest) -> Facility | None:
    facilities = facilities_of(request.user)  # type: ignore[arg-type]
    if not facilities:
        return None
    chosen = request.session.get(SESSION_KEY)
    for facility in facilities:
        if facility.pk == chosen:
            return facility
    return facilities[0]


def chosen_facility_id(request: HttpRequest) -> int | None:
    """The facility the user chose to look at; None for all of theirs (chosen, or not chosen yet)."""
    chosen = request.session.get(SESSION_KEY)
    if isinstance(chosen, int) and any(f.pk == chosen for f in facilities_of(request.user)):  # type: ignore[arg-type]
        return chosen
    return None


def choose_all_facilities(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = ALL


def choose_facility(request: HttpRequest, facility_id: int) -> bool:
    if any(f.pk == facility_id for f in facilities_of(request.user)):  # type: ignore[arg-type]
        request.session[SESSION_KEY] = facility_id
        return True
    return False
