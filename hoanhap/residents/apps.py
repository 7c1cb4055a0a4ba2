from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "hoanhap.residents"
    label = "residents"
    verbose_name = _("Residents")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hoanhap.audit import events
        from hoanhap.audit.selectors import register_resident_finder
        from hoanhap.core import registry

        from . import cards, models, selectors, timeline

        # Every write of these rows is logged with its before/after values, in the same
        # transaction (auditlog's signals); TimelineEvent is the journal itself and is not.
        for model in (
            models.Resident,
            models.FamilyContact,
            models.Episode,
            models.ChecklistItem,
            models.StageChange,
            models.ConductGrade,
            models.LegalEvent,
            models.CompletionCertificate,
            models.Aftercare,
            models.AftercareNote,
            models.StagePlan,
        ):
            exclude = ["search_text", "updated_at"] if model is models.Resident else ["updated_at"]
            auditlog.register(model, exclude_fields=exclude)
        events.exempt(models.TimelineEvent, reason="the journal of what the audited services did")
        for key, label in timeline.AUDIT_EVENTS.items():
            events.register(key, label, aliases=timeline.LEGACY_AUDIT_EVENTS.get(key, ()))
        for key, label in timeline.TIMELINE_KINDS.items():
            registry.timeline_kinds.register(registry.TimelineKind(key, label))
        register_resident_finder(selectors.resident_ids_matching)
        from . import figures

        figures.register()
        registry.navigation.register(
            registry.NavEntry(
                slug="residents",
                title=_("Residents"),
                icon="people",
                capabilities=frozenset({"view_residents"}),
                url_name="residents:list",
                description=_(
                    "Intake, identity and family, the rehab episode through its legal stages, leave, "
                    "abscondence, transfer, completion certificate, discharge and aftercare."
                ),
                order=10,
            )
        )
        registry.cards.register(
            registry.Card(
                key="residents.census",
                title=_("Residents"),
                capabilities=frozenset({"view_residents"}),
                template="residents/cards/census.html",
                context=cards.census_card,
                order=10,
            )
        )
        registry.cards.register(
            registry.Card(
                key="residents.work",
                title=_("My work"),
                capabilities=frozenset({"view_residents"}),
                template="residents/cards/work.html",
                context=cards.work_card,
                order=11,
            )
        )
