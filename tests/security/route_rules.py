"""The access rule of a URL, shared by the table in test_every_route.py and the modules' own
tables (./routes/<module>.py)."""

from dataclasses import dataclass

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.core.models import Facility
from hoanhap.residents.models import Episode, Resident

C = Capability
PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed-in"  # any signed-in user, whatever the role
SUPERUSER = "superuser"  # no role: the superuser only (the lockout logs, deleting, the task queue)


@dataclass(frozen=True)
class Rule:
    # A Capability, a set of them of which any one opens the URL, PUBLIC or SIGNED_IN.
    opens: str | frozenset[Capability]
    names_a_record: bool = False  # the URL names facility A's record: facility B gets a 404
    writes: bool = False  # also POSTed with an empty body
    may_be_missing: bool = False  # the filled-in id need not exist for this user (a 404 is fine)


@dataclass(frozen=True)
class World:
    """What every route is tried against: facility A's director, resident and open episode. A
    module's `parameters(world)` creates its own records there and names them."""

    facility: Facility
    director: User
    resident: Resident
    episode: Episode


def role_may_open(rule: Rule, role_capabilities: frozenset[Capability]) -> bool:
    if rule.opens in (PUBLIC, SIGNED_IN):
        return True
    if isinstance(rule.opens, frozenset):
        return bool(rule.opens & role_capabilities)
    return rule.opens in role_capabilities  # SUPERUSER is no role's capability
