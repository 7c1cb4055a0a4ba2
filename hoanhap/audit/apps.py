from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "hoanhap.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from hoanhap.core import registry

        from . import cards, events
        from .models import AuditEntry

        events.register("audit.record_viewed", _("Record viewed"))
        events.exempt(AuditEntry, reason="the trail itself")
        registry.navigation.register(
            registry.NavEntry(
                slug="audit",
                title=_("Audit trail"),
                icon="shield-check",
                capabilities=frozenset({"view_audit"}),
                url_name="audit:search",
                description=_("Who changed or viewed which record, when and from where."),
                order=80,
            )
        )
        registry.cards.register(
            registry.Card(
                key="audit.recent",
                title=_("Latest audit entries"),
                capabilities=frozenset({"view_audit"}),
                template="audit/cards/recent.html",
                context=cards.recent_entries,
                order=90,
            )
        )
