"""Roles and what each may do: one table, read by selectors, views and the API alike.

A role is held in a facility (a Membership). Capabilities are checked per facility, so a
province viewer with memberships in several centres reads all of them and changes none.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    RESIDENT_MANAGER = "resident_manager", _("Resident manager")
    MEDICAL_STAFF = "medical_staff", _("Medical staff")
    COUNSELLOR = "counsellor", _("Counsellor")
    EDUCATION_OFFICER = "education_officer", _("Education officer")
    WORK_TEAM_LEADER = "work_team_leader", _("Work-team leader")
    VISIT_OFFICER = "visit_officer", _("Visit officer")
    PARTY_SECRETARY = "party_secretary", _("Party secretary")
    PORTAL_EDITOR = "portal_editor", _("Portal editor")
    AUDITOR = "auditor", _("Auditor (data protection)")
    PROVINCE_VIEWER = "province_viewer", _("Province viewer")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class Capability(StrEnum):
    VIEW_RESIDENTS = "view_residents"
    MANAGE_RESIDENTS = "manage_residents"
    # Sensitive personal data (Law 91/2025/QH15): health data, and legal data (ID numbers,
    # criminal record) are shown only to roles that need them.
    VIEW_HEALTH_DATA = "view_health_data"
    VIEW_LEGAL_DATA = "view_legal_data"
    RECORD_CARE = "record_care"
    RECORD_COUNSELLING = "record_counselling"
    RECORD_EDUCATION = "record_education"
    RECORD_WORK = "record_work"
    MANAGE_VISITS = "manage_visits"
    APPROVE_DECISIONS = "approve_decisions"
    VIEW_REPORTS = "view_reports"
    # The centre's leadership reads every module of its facility (daily life, care…) to oversee it.
    OVERSEE_FACILITY = "oversee_facility"
    MANAGE_STAFF = "manage_staff"
    MANAGE_WORKFLOWS = "manage_workflows"
    MANAGE_PARTY = "manage_party"
    EDIT_PORTAL = "edit_portal"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"


C = Capability
_LEADERSHIP = {
    C.VIEW_RESIDENTS,
    C.MANAGE_RESIDENTS,
    C.VIEW_HEALTH_DATA,
    C.VIEW_LEGAL_DATA,
    C.APPROVE_DECISIONS,
    C.VIEW_REPORTS,
    C.OVERSEE_FACILITY,
    C.MANAGE_STAFF,
    C.MANAGE_WORKFLOWS,
}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.DIRECTOR: frozenset(_LEADERSHIP),
    Role.DEPUTY_DIRECTOR: frozenset(_LEADERSHIP),
    Role.RESIDENT_MANAGER: frozenset(
        {C.VIEW_RESIDENTS, C.MANAGE_RESIDENTS, C.VIEW_LEGAL_DATA, C.VIEW_REPORTS, C.MANAGE_WORKFLOWS}
    ),
    Role.MEDICAL_STAFF: frozenset({C.VIEW_RESIDENTS, C.VIEW_HEALTH_DATA, C.RECORD_CARE}),
    Role.COUNSELLOR: frozenset({C.VIEW_RESIDENTS, C.RECORD_COUNSELLING}),
    Role.EDUCATION_OFFICER: frozenset({C.VIEW_RESIDENTS, C.RECORD_EDUCATION}),
    Role.WORK_TEAM_LEADER: frozenset({C.VIEW_RESIDENTS, C.RECORD_WORK}),
    Role.VISIT_OFFICER: frozenset({C.VIEW_RESIDENTS, C.MANAGE_VISITS}),
    Role.PARTY_SECRETARY: frozenset({C.MANAGE_PARTY}),
    Role.PORTAL_EDITOR: frozenset({C.EDIT_PORTAL}),
    Role.AUDITOR: frozenset({C.VIEW_AUDIT}),
    Role.PROVINCE_VIEWER: frozenset({C.VIEW_RESIDENTS, C.VIEW_REPORTS}),
    # The administrator manages accounts, not residents: privacy by design.
    Role.SYSTEM_ADMIN: frozenset({C.MANAGE_USERS}),
}

# Roles whose holders must use a second factor (TOTP) to sign in.
TWO_FACTOR_ROLES = frozenset({Role.SYSTEM_ADMIN})


def capabilities_of(role: str) -> frozenset[Capability]:
    return ROLE_CAPABILITIES.get(role, frozenset())


# The capabilities that open residents' records. A role holding any of them is granted by two
# people (hoanhap.users: an administrator proposes, the facility's director or a second
# administrator approves); other roles (party secretary, portal editor, auditor, system
# administrator) take effect at once.
RESIDENT_READING_CAPABILITIES = frozenset(
    {C.VIEW_RESIDENTS, C.MANAGE_RESIDENTS, C.VIEW_HEALTH_DATA, C.VIEW_LEGAL_DATA, C.OVERSEE_FACILITY}
)


def sees_residents(role: str) -> bool:
    return bool(capabilities_of(role) & RESIDENT_READING_CAPABILITIES)
