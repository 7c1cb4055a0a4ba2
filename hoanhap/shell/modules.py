"""The modules planned but not built yet: each still has its menu entry and a page saying what it
will hold, so no link is broken. A module that registers its own navigation entry (with the same
slug) replaces its placeholder without any edit here."""

from django.utils.translation import gettext_lazy as _

from hoanhap.core import registry
from hoanhap.core.registry import NavEntry

PLANNED: tuple[NavEntry, ...] = (
    NavEntry(
        slug="daily-life",
        title=_("Daily life"),
        icon="calendar-week",
        capabilities=frozenset({"record_education", "record_work", "manage_visits", "oversee_facility"}),
        url_name=None,
        description=_(
            "Life-values and behaviour classes, vocational courses, labour-therapy teams and their "
            "hours, events, competitions and prizes, family visits."
        ),
        order=20,
    ),
    NavEntry(
        slug="care",
        title=_("Care"),
        icon="heart-pulse",
        capabilities=frozenset({"record_care", "record_counselling", "oversee_facility"}),
        url_name=None,
        description=_(
            "Health checks, detox, HIV, TB and COVID-19, medication, counselling, state-of-mind notes, "
            "incidents, rewards and discipline."
        ),
        order=30,
    ),
    NavEntry(
        slug="administration",
        title=_("Administration"),
        icon="diagram-3",
        capabilities=frozenset({"manage_staff", "manage_workflows"}),
        url_name=None,
        description=_(
            "Departments, staff and rotations; administrative procedures run as tracked workflows; "
            "annual plans and targets."
        ),
        order=40,
    ),
    NavEntry(
        slug="party",
        title=_("Party cell"),
        icon="flag",
        capabilities=frozenset({"manage_party"}),
        url_name=None,
        description=_("Members and badges, monthly meetings, study of Directive 05, role models, yearly grading."),
        order=50,
    ),
    NavEntry(
        slug="reports",
        title=_("Reports"),
        icon="bar-chart",
        capabilities=frozenset({"view_reports"}),
        url_name=None,
        description=_("Census, admissions against plan, outcomes; dashboards with charts; official exports."),
        order=60,
    ),
    NavEntry(
        slug="portal",
        title=_("Public portal"),
        icon="newspaper",
        capabilities=frozenset({"edit_portal"}),
        url_name=None,
        description=_("News articles and visitor statistics on the centre's public site."),
        order=70,
    ),
)


def register_planned_modules() -> None:
    for entry in PLANNED:
        if entry.slug not in registry.navigation:
            registry.navigation.register(entry)
