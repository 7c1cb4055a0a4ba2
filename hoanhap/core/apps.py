from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hoanhap.core"
    label = "core"
    verbose_name = _("Facilities")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (
            models.SupervisingAuthority,
            models.Facility,
            models.Department,
            models.Zone,
            models.Room,
            models.Holiday,
        ):
            auditlog.register(model, exclude_fields=["updated_at"])
