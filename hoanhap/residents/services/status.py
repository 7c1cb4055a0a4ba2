"""The status machine of an episode and what every legal event shares.

The status changes in one place, `move_status`, after `check_status_move` has found the move in
STATUS_MOVES (the allowed moves, as data). Every event is a LegalEvent row with the document that
decided it, and a timeline row, written by `record_event` in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.core.dates import check_not_before, check_not_future
from hoanhap.core.locking import bump_version, locked

from ..errors import DomainError
from ..models import Episode, LegalEvent
from ..selectors import OPEN_STATUSES
from .common import decision_summary, record_timeline_event, refresh_schedule, require_manage

S = Episode.Status
K = LegalEvent.Kind

# Which events may be recorded in which status, and the status they lead to (None: unchanged).
STATUS_MOVES: Mapping[str, tuple[frozenset[str], str | None]] = {
    K.LEAVE: (frozenset({S.ACTIVE}), S.ON_LEAVE),
    # Not coming back from leave or from hospital is an abscondence too.
    K.ABSCONDENCE: (frozenset({S.ACTIVE, S.ON_LEAVE, S.IN_HOSPITAL}), S.ABSCONDED),
    K.HOSPITAL: (frozenset({S.ACTIVE}), S.IN_HOSPITAL),
    K.POSTPONEMENT: (frozenset({S.ACTIVE, S.IN_HOSPITAL}), S.SUSPENDED),
    K.RETURN: (frozenset({S.ON_LEAVE, S.ABSCONDED, S.IN_HOSPITAL, S.SUSPENDED}), S.ACTIVE),
    K.TERM_REDUCTION: (frozenset({S.ACTIVE, S.ON_LEAVE, S.IN_HOSPITAL}), None),
    K.EXEMPTION: (frozenset(OPEN_STATUSES), S.CLOSED),
    K.TRANSFER: (frozenset({S.ACTIVE}), S.CLOSED),
    K.DEATH: (frozenset(OPEN_STATUSES), S.CLOSED),
    K.COMPLETION: (frozenset({S.ACTIVE}), S.CLOSED),
    K.DISCHARGE: (frozenset({S.ACTIVE, S.IN_HOSPITAL, S.SUSPENDED}), S.CLOSED),
}
OUTCOMES: Mapping[str, str] = {
    K.EXEMPTION: Episode.Outcome.EXEMPTED,
    K.TRANSFER: Episode.Outcome.TRANSFERRED,
    K.DEATH: Episode.Outcome.DIED,
    K.COMPLETION: Episode.Outcome.COMPLETED,
    K.DISCHARGE: Episode.Outcome.RELEASED_EARLY,
}
# Events that need the number and date of the decision that ordered them.
DECISION_REQUIRED = frozenset(
    {K.LEAVE, K.ABSCONDENCE, K.TERM_REDUCTION, K.POSTPONEMENT, K.EXEMPTION, K.HOSPITAL, K.TRANSFER, K.DISCHARGE}
)


def allowed_events(episode: Episode) -> list[str]:
    """The events the episode's status allows now, for the page's buttons."""
    return [kind for kind, (allowed, _target) in STATUS_MOVES.items() if episode.status in allowed]


def check_status_move(episode: Episode, kind: str) -> None:
    allowed, _target = STATUS_MOVES[kind]
    if episode.status not in allowed:
        raise DomainError(
            _("“%(event)s” cannot be recorded while the resident's status is “%(status)s”."),
            code="status_not_allowed",
            event=K(kind).label,
            status=episode.get_status_display(),
        )


def move_status(episode: Episode, kind: str, *, on: date) -> None:
    """The only assignment of Episode.status: ends the running period (leave, hospital…) and, for
    a closing event, sets the outcome and the closing date."""
    check_status_move(episode, kind)
    target = STATUS_MOVES[kind][1]
    if target is None:
        return
    if kind != K.RETURN:
        for period in episode.legal_events.filter(kind__in=LegalEvent.PERIOD_KINDS, ended_on__isnull=True):
            period.ended_on = on
            period.save()
    episode.status = target
    if target == S.CLOSED:
        episode.outcome = OUTCOMES[kind]
        episode.closed_on = on


def last_event_on(episode: Episode) -> date | None:
    dates = episode.legal_events.aggregate(started=Max("occurred_on"), ended=Max("ended_on"))
    return max(filter(None, dates.values()), default=None)


def check_event(
    episode: Episode, *, kind: str, occurred_on: date, decision_number: str, decision_on: date | None
) -> None:
    check_status_move(episode, kind)
    check_not_future(occurred_on, field="occurred_on")
    earliest = max(filter(None, [episode.admitted_on, last_event_on(episode)]))
    check_not_before(occurred_on, earliest, field="occurred_on")
    if kind in DECISION_REQUIRED:
        if not decision_number.strip():
            raise DomainError(_("Enter the number of the decision."), code="required", field="decision_number")
        if decision_on is None:
            raise DomainError(_("Enter the date of the decision."), code="required", field="decision_on")
    check_not_future(decision_on, field="decision_on")


def record_event(
    *,
    actor: User,
    episode: Episode,
    kind: str,
    occurred_on: date,
    decision_number: str = "",
    decision_on: date | None = None,
    decided_by: str = "",
    note: str = "",
    timeline_kind: str | None = None,
    summary: str = "",
    **details: Any,
) -> LegalEvent:
    """Move the status, write the event, refresh the release date and plan, and journal it."""
    move_status(episode, kind, on=occurred_on)
    event = LegalEvent.objects.create(
        facility_id=episode.facility_id,
        episode=episode,
        kind=kind,
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
        kind=f"residents.{timeline_kind or kind}",
        occurred_on=occurred_on,
        summary=" · ".join(filter(None, [summary, decision_summary(event.decision_number, decision_on)])),
        episode=episode,
        source=event,
    )
    return event


def start_event(actor: User, episode: Episode, expected_version: int | None) -> Episode:
    require_manage(actor, episode.facility_id)
    return locked(episode, expected_version)
