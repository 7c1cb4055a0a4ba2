from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "hoanhap.residents"
    label = "residents"
    verbose_name = _("Residents")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Every write of these rows is logged with its before/after values, in the same
        # transaction (auditlog's signals); TimelineEvent is the journal itself and is not.
        auditlog.register(models.Resident, exclude_fields=["search_text", "updated_at"])
        auditlog.register(models.FamilyContact, exclude_fields=["updated_at"])
        auditlog.register(models.Episode, exclude_fields=["updated_at"])
        auditlog.register(models.ChecklistItem, exclude_fields=["updated_at"])
        auditlog.register(models.StageChange, exclude_fields=["updated_at"])
        auditlog.register(models.ConductGrade, exclude_fields=["updated_at"])
        auditlog.register(models.LegalEvent, exclude_fields=["updated_at"])
        auditlog.register(models.CompletionCertificate, exclude_fields=["updated_at"])
        auditlog.register(models.Aftercare, exclude_fields=["updated_at"])
        auditlog.register(models.AftercareNote, exclude_fields=["updated_at"])
        auditlog.register(models.StagePlan, exclude_fields=["updated_at"])
