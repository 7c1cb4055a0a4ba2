"""The status machine of an episode and what every legal event shares.

The status changes in one place, `move_status`, through EPISODE_STATES (the allowed moves, built
from the events' specs). Every event is a LegalEvent row with the document that decided it, and a
timeline row, written by `record_event` in the caller's transaction; `run_event` is the body the
event services share.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.core.dates import check_not_before, check_not_future
from hoanhap.core.locking import bump_version, locked

from ..errors import DomainError
from ..models import Episode, LegalEvent
from .common import decision_summary, record_timeline_event, refresh_schedule, require_manage
from .specs import EPISODE_STATES, OUTCOMES, EventSpec

S = Episode.Status
K = LegalEvent.Kind


def allowed_events(episode: Episode) -> list[str]:
    """The events the episode's status allows now, for the page's buttons."""
    return EPISODE_STATES.allowed(episode)


def move_status(episode: Episode, kind: str, *, on: date) -> None:
    """The only assignment of Episode.status: ends the running period (leave, hospital…) and, for
    a closing event, sets the outcome and the closing date."""
    target = EPISODE_STATES.check(episode, kind).target
    if target is None:
        return
    if kind != K.RETURN:
        for period in episode.legal_events.filter(kind__in=LegalEvent.PERIOD_KINDS, ended_on__isnull=True):
            period.ended_on = on
            period.save()
    EPISODE_STATES.move(episode, kind)
    if target == S.CLOSED:
        episode.outcome = OUTCOMES[kind]
        episode.closed_on = on


def last_event_on(episode: Episode) -> date | None:
    dates = episode.legal_events.aggregate(started=Max("occurred_on"), ended=Max("ended_on"))
    return max(filter(None, dates.values()), default=None)


def begin_event(
    spec: EventSpec,
    *,
    actor: User,
    episode: Episode,
    expected_version: int | None,
    occurred_on: date,
    decision_number: str = "",
    decision_on: date | None = None,
) -> Episode:
    """What every event checks first: the actor may write, the episode is locked at the version
    read, its status allows the event, the dates are in order and the decision is given if needed.
    Returns the locked episode."""
    require_manage(actor, episode.facility_id)
    episode = locked(episode, expected_version)
    EPISODE_STATES.check(episode, spec.kind)
    check_not_future(occurred_on, field="occurred_on")
    earliest = max(filter(None, [episode.admitted_on, last_event_on(episode)]))
    check_not_before(occurred_on, earliest, field="occurred_on")
    if spec.decision_required:
        if not decision_number.strip():
            raise DomainError(_("Enter the number of the decision."), code="required", field="decision_number")
        if decision_on is None:
            raise DomainError(_("Enter the date of the decision."), code="required", field="decision_on")
    if decision_on is not None and not decision_number.strip():
        raise DomainError(
            _("Enter the decision number, or leave the decision date empty."),
            code="number_missing",
            field="decision_number",
        )
    check_not_future(decision_on, field="decision_on")
    return episode


def record_event(
    spec: EventSpec,
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    decision_number: str = "",
    decision_on: date | None = None,
    decided_by: str = "",
    note: str = "",
    summary: str = "",
    **details: Any,
) -> LegalEvent:
    """Move the status, write the event, refresh the release date and plan, and journal it."""
    move_status(episode, spec.kind, on=occurred_on)
    event = LegalEvent.objects.create(
        facility_id=episode.facility_id,
        episode=episode,
        kind=spec.kind,
        occurred_on=occurred_on,
        decision_number=decision_number.strip(),
        decision_on=decision_on,
        decided_by=decided_by.strip(),
        note=note.strip(),
        recorded_by=actor,
        **details,
    )
    if episode.is_open:
        refresh_schedule(episode)
    bump_version(episode)
    episode.save()
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        kind=spec.timeline_kind,
        occurred_on=occurred_on,
        summary=" · ".join(filter(None, [summary, decision_summary(event.decision_number, decision_on)])),
        episode=episode,
        source=event,
    )
    return event


def run_event(
    spec: EventSpec,
    *,
    actor: User,
    episode: Episode,
    expected_version: int | None,
    occurred_on: date,
    decision_number: str = "",
    decision_on: date | None = None,
    decided_by: str = "",
    note: str = "",
    own: Callable[[Episode], Mapping[str, Any]] | None = None,
    **details: Any,
) -> LegalEvent:
    """The body the event services share: `begin_event`, then the event's own checks (`own`, given
    the locked episode, returns the event's own fields and `summary`), then `record_event`."""
    episode = begin_event(
        spec,
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
    )
    if own is not None:
        details = {**details, **own(episode)}
    return record_event(
        spec,
        actor=actor,
        episode=episode,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        **details,
    )
