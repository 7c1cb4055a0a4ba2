"""Who manages which accounts: a system administrator the accounts of the facilities they
administer (and new accounts with no role yet), a superuser every account but never through a
lone grant of a role that sees residents. A facility's director approves the grants of their
facility."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from hoanhap.accounts.models import RoleGrant, User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with, has_capability

MANAGE = Capability.MANAGE_USERS
APPROVE = Capability.APPROVE_DECISIONS


def may_manage(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or has_capability(user, MANAGE)))


def administered_facility_ids(user: Any) -> frozenset[int] | None:
    """The facilities whose accounts the user administers; None for all (a superuser)."""
    if user.is_superuser:
        return None
    return facility_ids_with(user, MANAGE)


def may_administer_facility(user: Any, facility_id: int) -> bool:
    ids = administered_facility_ids(user)
    return ids is None or facility_id in ids


def managed_users(actor: Any) -> QuerySet[User]:
    """The accounts the actor manages: those holding (or proposed for) a role in a facility the
    actor administers, and new accounts with none yet. Superusers are managed only by superusers."""
    ids = administered_facility_ids(actor)
    if ids is None:
        return User.objects.all()
    return User.objects.filter(
        Q(memberships__facility_id__in=ids)
        | Q(role_grants__facility_id__in=ids)
        | Q(memberships__isnull=True, role_grants__isnull=True),
        is_superuser=False,
    ).distinct()


def require_manager(actor: Any) -> None:
    if not may_manage(actor):
        raise PermissionDenied


def managed_user(actor: Any, user_id: int) -> User:
    """One account the actor manages; 404 for any other, exactly as for a missing one."""
    require_manager(actor)
    user = managed_users(actor).filter(pk=user_id).first()
    if user is None:
        raise Http404
    return user


def may_approve(actor: Any, grant: RoleGrant) -> bool:
    """The facility's director (APPROVE_DECISIONS there) or a second administrator of the
    facility — never the one who proposed, never the one who would receive the role."""
    if not (actor.is_authenticated and actor.is_active):
        return False
    if actor.pk in (grant.proposed_by_id, grant.user_id):
        return False
    return (
        actor.is_superuser
        or has_capability(actor, APPROVE, grant.facility_id)
        or has_capability(actor, MANAGE, grant.facility_id)
    )


def approver_facility_ids(actor: Any) -> frozenset[int] | None:
    if actor.is_superuser:
        return None
    return facility_ids_with(actor, frozenset({APPROVE, MANAGE}))
