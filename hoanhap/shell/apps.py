from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShellConfig(AppConfig):
    """The top of the stack: home page, navigation and error pages, drawn from what the apps
    below register (`hoanhap.core.registry`). Listed after every domain app in INSTALLED_APPS, so
    their registrations are in when this runs."""

    name = "hoanhap.shell"
    label = "shell"
    verbose_name = _("Home")

    def ready(self) -> None:
        from .modules import register_planned_modules

        register_planned_modules()
