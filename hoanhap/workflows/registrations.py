"""What workflows registers: the navigation entry, audit events, logged models, the home card."""

from django.utils.translation import gettext_lazy as _

EVENTS = {
    "workflows.process_created": _("Process created"),
    "workflows.draft_started": _("Process draft started"),
    "workflows.draft_changed": _("Process draft changed"),
    "workflows.version_published": _("Process version published"),
    "workflows.case_started": _("Case started"),
    "workflows.task_done": _("Task done"),
    "workflows.task_approved": _("Task approved"),
    "workflows.task_returned": _("Task returned"),
    "workflows.case_cancelled": _("Case cancelled"),
    "workflows.defaults_installed": _("Default processes installed"),
    "workflows.tasks_exported": _("Tasks exported"),
    "workflows.procedure_saved": _("Administrative procedure saved"),
}


def register() -> None:
    from auditlog.registry import auditlog

    from hoanhap.audit import events
    from hoanhap.core import registry

    from . import cards
    from .access import READERS
    from .models import Case, Procedure, Process, ProcessVersion, Step, Task

    registry.navigation.register(
        registry.NavEntry(
            slug="workflows",
            title=_("Tasks and procedures"),
            icon="list-check",
            capabilities=frozenset(READERS),
            url_name="workflows:inbox",
            description=_("What waits for me and when it is due; the centre's processes, their cases and steps."),
            order=30,
        )
    )
    registry.cards.register(
        registry.Card(
            key="workflows.reminders",
            title=_("My tasks due"),
            capabilities=frozenset(READERS),
            template="workflows/cards/reminders.html",
            context=cards.reminders,
            order=15,
        )
    )
    for key, label in EVENTS.items():
        events.register(key, label)
    for model in (Process, ProcessVersion, Step, Case, Task, Procedure):
        auditlog.register(model, exclude_fields=["updated_at"])
