from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyLifeConfig(AppConfig):
    name = "hoanhap.daily_life"
    label = "daily_life"
    verbose_name = _("Daily life")

    def ready(self) -> None:
        from hoanhap.core import registry

        from .access import READERS
        from .registrations import AREAS

        registry.navigation.register(
            registry.NavEntry(
                slug="daily-life",
                title=_("Daily life"),
                icon="calendar-week",
                capabilities=frozenset(READERS),
                url_name="daily_life:home",
                description=_(
                    "Life-values and behaviour classes, vocational courses, labour-therapy teams and their "
                    "hours, events, competitions and prizes, family visits, parcels and money, entitlements."
                ),
                order=20,
            )
        )
        for area in AREAS:
            import_module(f"{__package__}.registrations.{area}").register()
        from . import figures, sections

        sections.register()
        figures.register()
