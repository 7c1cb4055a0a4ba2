"""Who uses workflows. Anyone holding a role in a facility may hold a task there: the module's
readers are every capability of every facility role. Defining processes (drafts, publishing)
takes MANAGE_WORKFLOWS (director, deputy director, resident manager); the director's board takes
OVERSEE_FACILITY."""

from hoanhap.accounts.roles import ROLE_CAPABILITIES, Capability, Role

C = Capability

# Every role but the province viewer works in a facility and may own a step.
READERS: frozenset[Capability] = frozenset().union(
    *(caps for role, caps in ROLE_CAPABILITIES.items() if role != Role.PROVINCE_VIEWER)
)
DEFINE = C.MANAGE_WORKFLOWS
BOARD = C.OVERSEE_FACILITY
