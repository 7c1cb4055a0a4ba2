"""Reads for user administration: the list (one query for the page, memberships prefetched),
the grants waiting for someone, an account's history from the audit trail."""

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoanhap.accounts.models import Membership, RoleGrant, User
from hoanhap.audit.models import AuditEntry

from . import access

STATUSES = ("active", "locked")


def users_for_list(
    actor: Any, *, facility_id: int | None = None, role: str = "", status: str = "", q: str = ""
) -> QuerySet[User]:
    """The accounts the actor manages, filtered; each with its active roles (facility named),
    whether it signs in with a second factor and whether failed sign-ins locked it out."""
    users = access.managed_users(actor)
    # One filter() for both, so that "a counsellor in facility A" is one and the same membership.
    held: dict[str, Any] = {}
    if facility_id is not None:
        held["memberships__facility_id"] = facility_id
    if role:
        held["memberships__role"] = role
    if held:
        users = users.filter(memberships__is_active=True, **held)
    if status == "active":
        users = users.filter(is_active=True)
    elif status == "locked":
        users = users.filter(is_active=False)
    if q:
        users = users.filter(Q(username__icontains=q) | Q(full_name__icontains=q) | Q(email__icontains=q))
    locked_out = AccessAttempt.objects.filter(
        username=OuterRef("username"), failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    return (
        users.distinct()
        .annotate(
            two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            locked_out=Exists(locked_out),
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(is_active=True)
                .select_related("facility")
                .order_by("facility__name", "role"),
                to_attr="active_roles",
            )
        )
    )


def roles_text(user: User) -> str:
    return "; ".join(f"{m.get_role_display()} – {m.facility.name}" for m in getattr(user, "active_roles", []))


def grants_waiting_for(actor: Any) -> QuerySet[RoleGrant]:
    """Proposals the actor may decide: in facilities they direct or administer, not proposed by
    them, not for themselves."""
    grants = RoleGrant.objects.filter(status=RoleGrant.Status.PROPOSED).exclude(proposed_by=actor).exclude(user=actor)
    ids = access.approver_facility_ids(actor)
    if ids is not None:
        grants = grants.filter(facility_id__in=ids)
    return grants.select_related("user", "facility", "proposed_by").order_by("proposed_at", "pk")


def grants_of(user: User) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(user=user)
        .select_related("facility", "proposed_by", "decided_by")
        .order_by("-proposed_at", "-pk")
    )


def memberships_of(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user).select_related("facility").order_by("-is_active", "facility__name", "role")
    )


def history_of(user: User, limit: int = 50) -> list[AuditEntry]:
    """The account's entries in the audit trail: the account itself, its roles and grants."""
    types = ContentType.objects.get_for_models(User, Membership, RoleGrant)
    membership_ids = [str(pk) for pk in Membership.objects.filter(user=user).values_list("pk", flat=True)]
    grant_ids = [str(pk) for pk in RoleGrant.objects.filter(user=user).values_list("pk", flat=True)]
    query = Q(content_type=types[User], object_pk=str(user.pk))
    if membership_ids:
        query |= Q(content_type=types[Membership], object_pk__in=membership_ids)
    if grant_ids:
        query |= Q(content_type=types[RoleGrant], object_pk__in=grant_ids)
    return list(AuditEntry.objects.filter(query).select_related("actor").order_by("-timestamp", "-pk")[:limit])


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
