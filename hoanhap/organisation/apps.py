from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "hoanhap.organisation"
    label = "organisation"
    verbose_name = _("Organisation and staff")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hoanhap.audit import events
        from hoanhap.core import registry

        from .access import HOLIDAY_READERS
        from .models import Position, Qualification, Rotation, StaffMember
        from .services import EVENTS

        # Slug "administration": replaces the shell's placeholder of the same slug.
        registry.navigation.register(
            registry.NavEntry(
                slug="administration",
                title=_("Organisation and staff"),
                icon="diagram-3",
                capabilities=frozenset(HOLIDAY_READERS),
                url_name="organisation:home",
                description=_("Departments and their restructurings, positions, staff members, postings, holidays."),
                order=40,
            )
        )
        for key, label in EVENTS.items():
            events.register(key, label)
        for model in (Position, StaffMember, Qualification, Rotation):
            auditlog.register(model, exclude_fields=["updated_at", "search_text", "name_sort_key"])
