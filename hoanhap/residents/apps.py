from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "hoanhap.residents"
    label = "residents"
    verbose_name = _("Residents")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Resident, exclude_fields=["search_text", "updated_at"])
        auditlog.register(models.Episode, exclude_fields=["updated_at"])
