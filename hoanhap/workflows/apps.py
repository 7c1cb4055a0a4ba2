from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "hoanhap.workflows"
    label = "workflows"
    verbose_name = _("Tasks and procedures")

    def ready(self) -> None:
        from . import registrations

        registrations.register()
