"""Writes about user accounts. Each is an audited write whose entries carry the facilities
concerned (the user's, or the role's), so those facilities' auditors read them; an account with no
facility yet is filed under the administrator's facilities, or none (a province auditor's).

A role that sees residents (`roles.sees_residents`), and the system administrator's own role,
take two people: `propose_role` records a proposal, and only `approve_grant` by someone else —
the facility's director or a second administrator — makes the Membership."""

import secrets
import string
from collections.abc import Iterable
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoanhap.accounts.models import Membership, RoleGrant, User
from hoanhap.accounts.roles import Role, sees_residents
from hoanhap.audit.writes import UPDATE, audited_write, record_bulk_write
from hoanhap.core.errors import DomainError
from hoanhap.core.models import Facility
from hoanhap.core.state import Move, StateMachine

from . import access

GRANT_STATES = StateMachine(
    "accounts.role_grant",
    moves={
        "approve": Move(source={RoleGrant.Status.PROPOSED}, target=RoleGrant.Status.APPROVED),
        "refuse": Move(source={RoleGrant.Status.PROPOSED}, target=RoleGrant.Status.REFUSED),
        "withdraw": Move(source={RoleGrant.Status.PROPOSED}, target=RoleGrant.Status.WITHDRAWN),
    },
    status_label=lambda value: RoleGrant.Status(value).label,
    move_label=lambda name: {"approve": _("Approve"), "refuse": _("Refuse"), "withdraw": _("Withdraw")}[name],
)


def needs_second_person(role: str) -> bool:
    """A role that sees residents, or the administrator's (who could otherwise make a second
    administrator alone and approve through them)."""
    return sees_residents(role) or role == Role.SYSTEM_ADMIN


def _temporary_password() -> str:
    alphabet = string.ascii_letters + string.digits
    body = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{body[:4]}-{body[4:8]}-{body[8:]}"


def _facilities_of(user: User) -> list[int]:
    ids = set(Membership.objects.filter(user=user).values_list("facility_id", flat=True))
    ids |= set(RoleGrant.objects.filter(user=user).values_list("facility_id", flat=True))
    return sorted(ids)


def _log(*, user: User, summary: Any, facility_ids: Iterable[int | None], data: dict[str, Any]) -> None:
    """One entry per facility concerned (None: the province's, for an account with none)."""
    for facility_id in facility_ids:
        record_bulk_write(scope=user, action=UPDATE, summary=summary, facility_id=facility_id, data=data)


def _concerned(actor: Any, user: User) -> list[int | None]:
    ids: list[int | None] = list(_facilities_of(user))
    if ids:
        return ids
    administered = access.administered_facility_ids(actor)
    return [*sorted(administered)] if administered else [None]


def _check_manages(actor: Any, user: User) -> None:
    access.require_manager(actor)
    if not access.managed_users(actor).filter(pk=user.pk).exists():
        raise PermissionDenied
    if user.pk == actor.pk:
        raise DomainError(_("You cannot do this to your own account: another administrator does it."), code="self")


@audited_write(event="accounts.account_created")
def create_account(
    *,
    actor: Any,
    username: str,
    full_name: str,
    email: str = "",
    password: str | None = None,
    facility_id: int | None = None,
) -> tuple[User, str]:
    """A new account with no role (roles are granted apart), and its temporary password — typed
    by the administrator, or made here — shown once. `facility_id`: the facility it is made for
    (its auditors see the entry); by default the administrator's facilities."""
    access.require_manager(actor)
    if facility_id is not None and not access.may_administer_facility(actor, facility_id):
        raise PermissionDenied
    username = (username or "").strip()
    full_name = " ".join((full_name or "").split())
    if not username:
        raise DomainError(_("Enter a username."), code="required", field="username")
    try:
        User.username_validator(username)
    except ValidationError:
        raise DomainError(
            _("A username has letters, digits and @ . + - _ only, without spaces."), code="invalid", field="username"
        ) from None
    if len(username) > 150:
        raise DomainError(_("A username has at most 150 characters."), code="too_long", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("The username “%(username)s” is taken."), code="taken", field="username", username=username)
    if not full_name:
        raise DomainError(_("Enter the person's full name."), code="required", field="full_name")
    user = User(username=username, full_name=full_name[:150], email=(email or "").strip())
    temporary = password or _temporary_password()
    try:
        validate_password(temporary, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), code="weak_password", field="password") from None
    user.set_password(temporary)
    user.save()
    concerned: list[int | None] = [facility_id] if facility_id is not None else _concerned(actor, user)
    _log(user=user, summary=_("Account created: %(user)s") % {"user": user}, facility_ids=concerned, data={})
    return user, temporary


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise DomainError(_("Unknown role."), code="unknown_role", field="role")


@audited_write(event="accounts.role_proposed")
def propose_role(*, actor: Any, user: User, facility: Facility, role: str) -> RoleGrant:
    """Propose `role` in `facility` for `user`. A role that needs a second person waits for
    approval; any other takes effect at once (the Membership is made, the grant approved)."""
    _check_role(role)
    access.require_manager(actor)
    if not access.may_administer_facility(actor, facility.pk):
        raise PermissionDenied
    if user.pk == actor.pk:
        raise DomainError(_("You cannot give yourself a role: another administrator does it."), code="self")
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied
    if Membership.objects.filter(user=user, facility=facility, role=role, is_active=True).exists():
        raise DomainError(_("This person already holds this role in this facility."), code="held", field="role")
    if RoleGrant.objects.filter(user=user, facility=facility, role=role, status=RoleGrant.Status.PROPOSED).exists():
        raise DomainError(_("This role is already waiting for approval."), code="pending", field="role")
    grant = RoleGrant.objects.create(user=user, facility=facility, role=role, proposed_by=actor)
    if not needs_second_person(role):
        _approve(actor=actor, grant=grant)
    return grant


def _approve(*, actor: Any, grant: RoleGrant) -> None:
    GRANT_STATES.move(grant, "approve")
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.save()
    membership, created = Membership.objects.get_or_create(
        user_id=grant.user_id, facility_id=grant.facility_id, role=grant.role, defaults={"is_active": True}
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save()


def _open_grant(grant: RoleGrant) -> RoleGrant:
    return RoleGrant.objects.select_for_update().get(pk=grant.pk)


@audited_write(event="accounts.role_granted")
def approve_grant(*, actor: Any, grant: RoleGrant) -> RoleGrant:
    """The second person agrees: the Membership is made now."""
    grant = _open_grant(grant)
    if not access.may_approve(actor, grant):
        if actor.pk in (grant.proposed_by_id, grant.user_id):
            raise DomainError(
                _("The person who proposed a role, or who would receive it, cannot approve it."), code="same_person"
            )
        raise PermissionDenied
    _approve(actor=actor, grant=grant)
    return grant


@audited_write(event="accounts.role_refused")
def refuse_grant(*, actor: Any, grant: RoleGrant, reason: str) -> RoleGrant:
    grant = _open_grant(grant)
    if not access.may_approve(actor, grant):
        if actor.pk in (grant.proposed_by_id, grant.user_id):
            raise DomainError(_("The person who proposed a role cannot refuse it: withdraw it."), code="same_person")
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(_("Say why the role is refused."), code="required", field="reason")
    GRANT_STATES.move(grant, "refuse")
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.reason = reason[:500]
    grant.save()
    return grant


@audited_write(event="accounts.role_withdrawn")
def withdraw_grant(*, actor: Any, grant: RoleGrant) -> RoleGrant:
    """The proposer (or another administrator of the facility) takes the proposal back."""
    grant = _open_grant(grant)
    access.require_manager(actor)
    if not access.may_administer_facility(actor, grant.facility_id):
        raise PermissionDenied
    GRANT_STATES.move(grant, "withdraw")
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.save()
    return grant


@audited_write(event="accounts.role_revoked")
def revoke_role(*, actor: Any, membership: Membership) -> Membership:
    """A role ends at once (kept on record, no longer active)."""
    access.require_manager(actor)
    if not access.may_administer_facility(actor, membership.facility_id):
        raise PermissionDenied
    if membership.user_id == actor.pk:
        raise DomainError(_("You cannot do this to your own account: another administrator does it."), code="self")
    if not membership.is_active:
        raise DomainError(_("This role has already ended."), code="ended")
    membership.is_active = False
    membership.save()
    return membership


@audited_write(event="accounts.locked")
def lock_account(*, actor: Any, user: User) -> User:
    """The account can no longer sign in (its sessions end at the next request)."""
    _check_manages(actor, user)
    if not user.is_active:
        raise DomainError(_("This account is already locked."), code="locked")
    user.is_active = False
    user.save(update_fields=["is_active"])
    _log(
        user=user, summary=_("Account locked: %(user)s") % {"user": user}, facility_ids=_concerned(actor, user), data={}
    )
    return user


@audited_write(event="accounts.unlocked")
def unlock_account(*, actor: Any, user: User) -> User:
    """The account signs in again; failed sign-ins that locked the username are cleared."""
    _check_manages(actor, user)
    cleared = AccessAttempt.objects.filter(username=user.username).delete()[0]
    if user.is_active and not cleared:
        raise DomainError(_("This account is not locked."), code="not_locked")
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    for facility_id in _concerned(actor, user):  # the lockout rows went without a signal: one entry each
        record_bulk_write(
            scope=user,
            action=UPDATE,
            summary=_("Account unlocked: %(user)s") % {"user": user},
            facility_id=facility_id,
            data={"failed_sign_ins_cleared": cleared},
        )
    return user


@audited_write(event="accounts.password_reset")
def reset_password(*, actor: Any, user: User) -> str:
    """A new temporary password, returned to be shown once; the old one stops working."""
    _check_manages(actor, user)
    temporary = _temporary_password()
    user.set_password(temporary)
    user.save(update_fields=["password"])
    _log(
        user=user, summary=_("Password reset: %(user)s") % {"user": user}, facility_ids=_concerned(actor, user), data={}
    )
    return temporary


@audited_write(event="accounts.two_factor_reset")
def reset_two_factor(*, actor: Any, user: User) -> int:
    """Remove the user's authenticator devices (a lost phone): they enrol a new one at next sign-in."""
    _check_manages(actor, user)
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
    if not removed:
        raise DomainError(_("This account has no two-factor device."), code="none")
    for facility_id in _concerned(actor, user):  # the devices went without a signal: one entry each
        record_bulk_write(
            scope=user,
            action=UPDATE,
            summary=_("Two-factor sign-in reset: %(user)s") % {"user": user},
            facility_id=facility_id,
            data={"devices_removed": removed},
        )
    return removed
