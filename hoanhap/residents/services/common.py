"""What every residents service shares beyond the kernel (hoanhap.audit.writes, hoanhap.core):
who may write, the timeline journal, the release date and plan kept current."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import ngettext

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import has_capability
from hoanhap.core import clock, registry
from hoanhap.core.dates import dmy

from ..models import Episode, Resident, TimelineEvent


def require_manage(actor: User, facility_id: int) -> None:
    """Writing needs MANAGE_RESIDENTS in the record's facility. Approval-type events (term
    reduction, completion) need no more for now; APPROVE_DECISIONS may be required later."""
    if not has_capability(actor, Capability.MANAGE_RESIDENTS, facility_id):
        raise PermissionDenied


def record_timeline_event(
    *,
    actor: User | None,
    resident: Resident,
    kind: str,
    occurred_on: date,
    summary: str = "",
    episode: Episode | None = None,
    facility_id: int | None = None,
    source: models.Model | None = None,
) -> TimelineEvent:
    """Append to the resident's journal. Every module's services call this in their own
    transaction; `kind` is a registered, namespaced kind (`hoanhap.core.registry.timeline_kinds`):
    an unregistered one raises NotRegistered."""
    registry.timeline_kinds.get(kind)
    if facility_id is None:
        facility_id = episode.facility_id if episode is not None else resident.facility_id
    return TimelineEvent.objects.create(
        facility_id=facility_id,
        resident=resident,
        episode=episode,
        kind=kind,
        occurred_on=occurred_on,
        summary=summary[:300],
        actor=actor,
        source_type=source._meta.label_lower if source is not None else "",
        source_id=source.pk if source is not None else None,
    )


def record_timeline_events(
    *,
    actor: User | None,
    kind: str,
    occurred_on: date,
    facility_id: int,
    rows: Iterable[tuple[Episode, str, models.Model | None]],
) -> list[TimelineEvent]:
    """`record_timeline_event` for many residents at once (an event's 200 participants): one
    insert. Each row is (the resident's episode, the summary, the source row)."""
    registry.timeline_kinds.get(kind)
    return TimelineEvent.objects.bulk_create(
        TimelineEvent(
            facility_id=facility_id,
            resident_id=episode.resident_id,
            episode=episode,
            kind=kind,
            occurred_on=occurred_on,
            summary=summary[:300],
            actor=actor,
            source_type=source._meta.label_lower if source is not None else "",
            source_id=source.pk if source is not None else None,
        )
        for episode, summary, source in rows
    )


def decision_summary(number: str, on: date | None) -> str:
    """ "15/QĐ, 06/12/2026"; nothing without a number: a date alone names no decision."""
    return ", ".join(filter(None, [number, dmy(on)])) if number else ""


def refresh_schedule(episode: Episode) -> None:
    """Recompute the denormalised dates lists filter on: the expected release date (None while
    the clock stands still) and the planned end of the current stage, from the plan that ends on
    the release date (release.stage_plan). The caller saves."""
    from ..release import stage_plan, stored_release_on

    today = clock.today()
    episode.expected_release_on = stored_release_on(episode, today=today)
    episode.stage_planned_end_on = stage_plan(episode, today=today)[0].ends_on


def months_text(months: int) -> str:
    """For timeline summaries, written in the language of the page that made the change."""
    return ngettext("%(months)s month", "%(months)s months", months) % {"months": months}
