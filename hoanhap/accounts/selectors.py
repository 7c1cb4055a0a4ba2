"""Who may do what, where. Every scoped query in Hòa Nhập starts from these functions."""

from typing import TypeVar

from django.db import models

from hoanhap.core.models import Facility, FacilityScopedQuerySet

from .models import Membership, User
from .roles import TWO_FACTOR_ROLES, Capability, capabilities_of

_CACHE_ATTR = "_hoanhap_memberships"


def active_memberships(user: User) -> list[Membership]:
    """The user's active memberships, fetched once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # The facilities themselves are read only where shown (`facilities_of`): a province viewer
        # holds a membership in every centre, and every request checks capabilities.
        memberships = Membership.objects.filter(user=user, is_active=True, facility__is_active=True)
        cached = list(memberships.only("id", "user_id", "facility_id", "role", "is_active"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


# One capability, or a set of them of which any one will do (a module's page that its recorders
# write and the centre's leadership reads: `frozenset({C.RECORD_WORK, C.OVERSEE_FACILITY})`).
AnyCapability = Capability | frozenset[Capability]


def facility_ids_with(user: User, capability: AnyCapability) -> frozenset[int]:
    wanted = frozenset({capability}) if isinstance(capability, str) else capability
    return frozenset(m.facility_id for m in active_memberships(user) if wanted & capabilities_of(m.role))


_Scoped = TypeVar("_Scoped", bound=models.Model)


def visible_to(
    queryset: FacilityScopedQuerySet[_Scoped], user: User, capability: AnyCapability
) -> FacilityScopedQuerySet[_Scoped]:
    """The rows of `queryset` in the facilities where the user holds `capability`."""
    return queryset.in_facilities(facility_ids_with(user, capability))


def has_capability(user: User, capability: AnyCapability, facility_id: int | None = None) -> bool:
    ids = facility_ids_with(user, capability)
    return bool(ids) if facility_id is None else facility_id in ids


def capabilities_in(user: User, facility_id: int) -> frozenset[Capability]:
    caps: set[Capability] = set()
    for membership in active_memberships(user):
        if membership.facility_id == facility_id:
            caps |= capabilities_of(membership.role)
    return frozenset(caps)


def all_capabilities(user: User) -> frozenset[Capability]:
    caps: set[Capability] = set()
    for membership in active_memberships(user):
        caps |= capabilities_of(membership.role)
    return frozenset(caps)


def roles_of(user: User) -> list[str]:
    return sorted({m.role for m in active_memberships(user)})


_FACILITIES_ATTR = "_hoanhap_facilities"


def facilities_of(user: User) -> list[Facility]:
    """The facilities of the user's active memberships, by name, read once per request."""
    cached = getattr(user, _FACILITIES_ATTR, None)
    if cached is None:
        ids = {membership.facility_id for membership in active_memberships(user)}
        cached = list(Facility.objects.filter(pk__in=ids).order_by("name")) if ids else []
        setattr(user, _FACILITIES_ATTR, cached)
    return cached


def requires_two_factor(user: User) -> bool:
    return user.is_superuser or any(m.role in TWO_FACTOR_ROLES for m in active_memberships(user))
