"""Labour therapy: what the area registers."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    """Timeline kinds, audit events, audited models (or exempt), cards of this area."""
    from auditlog.registry import auditlog

    from hoanhap.audit import events
    from hoanhap.core import registry

    from ..models import Produce, TeamMembership, WorkLog, WorkTeam
    from ..selectors.labour import team_choices, team_episode_ids

    for model in (WorkTeam, TeamMembership, WorkLog, Produce):
        auditlog.register(model, exclude_fields=["updated_at"])
    # The grading sheet (and any page over many residents) offers a work team beside the zones.
    registry.resident_groups.register(
        registry.ResidentGroup(
            key="daily_life.work_team", label=_("Work team"), choices=team_choices, episode_ids=team_episode_ids
        )
    )
    registry.timeline_kinds.register(registry.TimelineKind("daily_life.team_joined", _("Joined a work team")))
    registry.timeline_kinds.register(registry.TimelineKind("daily_life.team_left", _("Left a work team")))
    for key, label in (
        ("daily_life.team_formed", _("Work team formed")),
        ("daily_life.team_edited", _("Work team edited")),
        ("daily_life.work_log_exported", _("Work log exported")),
        ("daily_life.team_member_added", _("Member added to a work team")),
        ("daily_life.team_member_removed", _("Member removed from a work team")),
        ("daily_life.work_day_recorded", _("Team's work day recorded")),
        ("daily_life.work_log_corrected", _("Work log entry corrected")),
        ("daily_life.produce_recorded", _("Produce recorded")),
        ("daily_life.work_logs_exported", _("Work hours exported")),
        ("daily_life.produce_exported", _("Produce list exported")),
    ):
        events.register(key, label)
