"""User accounts managed in the application: who opens each URL. An account "in facility A" is
one holding a role there; the grants page is also the facility's director's."""

from hoanhap.accounts.models import Membership, RoleGrant
from hoanhap.accounts.roles import Role
from hoanhap.testing import make_user

from ..route_rules import C, Rule, World

MANAGE = C.MANAGE_USERS
DECIDE = frozenset({C.MANAGE_USERS, C.APPROVE_DECISIONS})

RULES: dict[str, Rule] = {
    "accounts/users/": Rule(MANAGE),
    "accounts/users/export/": Rule(MANAGE),
    "accounts/users/new/": Rule(MANAGE, writes=True),
    "accounts/users/grants/": Rule(DECIDE),
    "accounts/users/grants/<int:role_grant_id>/approve/": Rule(DECIDE, names_a_record=True, writes=True),
    "accounts/users/grants/<int:role_grant_id>/refuse/": Rule(DECIDE, names_a_record=True, writes=True),
    "accounts/users/grants/<int:role_grant_id>/withdraw/": Rule(MANAGE, names_a_record=True, writes=True),
    "accounts/users/roles/<int:role_membership_id>/revoke/": Rule(MANAGE, names_a_record=True, writes=True),
    "accounts/users/<int:account_id>/": Rule(MANAGE, names_a_record=True),
    "accounts/users/<int:account_id>/roles/new/": Rule(MANAGE, names_a_record=True, writes=True),
    "accounts/users/<int:account_id>/lock/": Rule(MANAGE, names_a_record=True, writes=True),
    "accounts/users/<int:account_id>/unlock/": Rule(MANAGE, names_a_record=True, writes=True),
    "accounts/users/<int:account_id>/password/": Rule(MANAGE, names_a_record=True, writes=True),
    "accounts/users/<int:account_id>/two-factor/": Rule(MANAGE, names_a_record=True, writes=True),
    "api/accounts/users": Rule(MANAGE, writes=True),
    "api/accounts/users/grants": Rule(DECIDE),
    "api/accounts/users/grants/<role_grant_id>/approve": Rule(DECIDE, names_a_record=True, writes=True),
    "api/accounts/users/grants/<role_grant_id>/refuse": Rule(DECIDE, names_a_record=True, writes=True),
    "api/accounts/users/<account_id>/roles": Rule(MANAGE, names_a_record=True, writes=True),
    "api/accounts/users/<account_id>/lock": Rule(MANAGE, names_a_record=True, writes=True),
    "api/accounts/users/<account_id>/unlock": Rule(MANAGE, names_a_record=True, writes=True),
}


def parameters(world: World) -> dict[str, str]:
    """A counsellor of facility A, a role of theirs, and a grant waiting for approval there."""
    staff = make_user(Role.COUNSELLOR, world.facility)
    proposer = make_user(Role.SYSTEM_ADMIN, world.facility)
    grant = RoleGrant.objects.create(user=staff, facility=world.facility, role=Role.MEDICAL_STAFF, proposed_by=proposer)
    return {
        "account_id": str(staff.pk),
        "role_membership_id": str(Membership.objects.get(user=staff).pk),
        "role_grant_id": str(grant.pk),
    }
