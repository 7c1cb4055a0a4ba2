"""The facility a user is working in. A user of several facilities picks one, or "all my
facilities" (ALL, also the default): what they read (the home page's figures) is scoped to the
chosen one, and new records go to the current one (the chosen, else their first)."""

from django.http import HttpRequest

from hoanhap.accounts.selectors import active_memberships, facilities_of

from .models import Facility

SESSION_KEY = "hoanhap_facility_id"
ALL = "all"


_CURRENT_ATTR = "_hoanhap_current_facility"
# A user of up to this many facilities has them all read at once (the selector shows them); a
# province viewer of dozens has only the current one read.
FEW_FACILITIES = 10


def _member_of(request: HttpRequest) -> set[int]:
    return {membership.facility_id for membership in active_memberships(request.user)}  # type: ignore[arg-type]


def current_facility(request: HttpRequest) -> Facility | None:
    """The chosen facility, else the user's first by name: one row read, once per request (a
    province viewer is a member of every centre, and the live search asks at every keystroke)."""
    if hasattr(request, _CURRENT_ATTR):
        return getattr(request, _CURRENT_ATTR)
    ids = _member_of(request)
    chosen = request.session.get(SESSION_KEY)
    if len(ids) <= FEW_FACILITIES:
        # The one query that also fills the facility selector.
        mine = facilities_of(request.user)  # type: ignore[arg-type]
        found = next((f for f in mine if f.pk == chosen), mine[0] if mine else None)
    else:
        facilities = Facility.objects.filter(pk__in=ids)
        found = facilities.filter(pk=chosen).first() if chosen in ids else facilities.order_by("name", "pk").first()
    setattr(request, _CURRENT_ATTR, found)
    return found


def chosen_facility_id(request: HttpRequest) -> int | None:
    """The facility the user chose to look at; None for all of theirs (chosen, or not chosen yet)."""
    chosen = request.session.get(SESSION_KEY)
    if isinstance(chosen, int) and chosen in _member_of(request):
        return chosen
    return None


def choose_all_facilities(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = ALL


def choose_facility(request: HttpRequest, facility_id: int) -> bool:
    if any(f.pk == facility_id for f in facilities_of(request.user)):  # type: ignore[arg-type]
        request.session[SESSION_KEY] = facility_id
        return True
    return False
