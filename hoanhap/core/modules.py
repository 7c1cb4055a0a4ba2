"""The modules of Hòa Nhập, for navigation: what each is, who sees it, and whether it is built.

A module not built yet still has its page, saying what it will hold, so no link is broken.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Capability as C


@dataclass(frozen=True)
class Module:
    slug: str
    title: Promise
    icon: str
    capabilities: frozenset[C]
    url_name: str | None  # None: not built yet, shows the module's "coming" page
    description: Promise


MODULES: tuple[Module, ...] = (
    Module(
        "residents",
        _("Residents"),
        "people",
        frozenset({C.VIEW_RESIDENTS}),
        "residents:list",
        _(
            "Intake, identity and family, the rehab episode through its legal stages, leave, "
            "abscondence, transfer, completion certificate, discharge and aftercare."
        ),
    ),
    Module(
        "daily-life",
        _("Daily life"),
        "calendar-week",
        frozenset({C.RECORD_EDUCATION, C.RECORD_WORK, C.MANAGE_VISITS, C.OVERSEE_FACILITY}),
        None,
        _(
            "Life-values and behaviour classes, vocational courses, labour-therapy teams and their "
            "hours, events, competitions and prizes, family visits."
        ),
    ),
    Module(
        "care",
        _("Care"),
        "heart-pulse",
        frozenset({C.RECORD_CARE, C.RECORD_COUNSELLING, C.OVERSEE_FACILITY}),
        None,
        _(
            "Health checks, detox, HIV, TB and COVID-19, medication, counselling, state-of-mind notes, "
            "incidents, rewards and discipline."
        ),
    ),
    Module(
        "administration",
        _("Administration"),
        "diagram-3",
        frozenset({C.MANAGE_STAFF, C.MANAGE_WORKFLOWS}),
        None,
        _(
            "Departments, staff and rotations; administrative procedures run as tracked workflows; "
            "annual plans and targets."
        ),
    ),
    Module(
        "party",
        _("Party cell"),
        "flag",
        frozenset({C.MANAGE_PARTY}),
        None,
        _("Members and badges, monthly meetings, study of Directive 05, role models, yearly grading."),
    ),
    Module(
        "reports",
        _("Reports"),
        "bar-chart",
        frozenset({C.VIEW_REPORTS}),
        None,
        _("Census, admissions against plan, outcomes; dashboards with charts; official exports."),
    ),
    Module(
        "portal",
        _("Public portal"),
        "newspaper",
        frozenset({C.EDIT_PORTAL}),
        None,
        _("News articles and visitor statistics on the centre's public site."),
    ),
    Module(
        "audit",
        _("Audit trail"),
        "shield-check",
        frozenset({C.VIEW_AUDIT}),
        "audit:search",
        _("Who changed or viewed which record, when and from where."),
    ),
    Module(
        "users",
        _("Users and roles"),
        "person-gear",
        frozenset({C.MANAGE_USERS}),
        "admin:accounts_user_changelist",
        _("Accounts, roles and facility memberships."),
    ),
)

MODULES_BY_SLUG = {module.slug: module for module in MODULES}
