"""The expected release date of an episode, from its rows: start, term, days credited, days the
clock stood still (abscondence, suspension) and term reductions (terms.expected_release_on)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from . import planning, terms
from .models import Episode, LegalEvent


def release_computation(episode: Episode, *, today: date) -> terms.ReleaseComputation:
    """Live computation; reads `episode.legal_events.all()`, so prefetch it for lists."""
    events = list(episode.legal_events.all()) if episode.pk else []
    stopped = [
        (event.occurred_on, event.ended_on)
        for event in events
        if terms.stops_the_clock(event.kind, on=event.occurred_on)
    ]
    reductions = [event for event in events if event.kind == LegalEvent.Kind.TERM_REDUCTION]
    reduced = sum(event.months or 0 for event in reductions)
    return terms.expected_release_on(
        start_on=episode.clock_start_on,
        term_months=episode.term_months,
        credited_days=episode.credited_days,
        absent_days=episode.carried_absent_days + terms.days_between_absences(stopped, today=today),
        reduction_months=min(episode.carried_reduction_months + reduced, episode.term_months),
        latest_reduction_on=max((event.occurred_on for event in reductions), default=None),
    )


def is_clock_stopped(episode: Episode) -> bool:
    return episode.status in (Episode.Status.ABSCONDED, Episode.Status.SUSPENDED)


def stored_release_on(episode: Episode, *, today: date) -> date | None:
    """What `Episode.expected_release_on` holds: unknown (None) while the clock stands still,
    since every day away moves the date."""
    if is_clock_stopped(episode):
        return None
    return release_computation(episode, today=today).expected_on


def stage_plan(
    episode: Episode, *, today: date, lengths: Mapping[terms.Stage, int] | None = None
) -> list[planning.PlannedStage]:
    """The current stage and those to come, ending on the expected release date computed by the
    same clock as the date itself (reductions, days absent, transfers): while the clock stands
    still, the date as it would be if the resident came back today."""
    if lengths is None:
        from .selectors import stage_lengths_for

        lengths = stage_lengths_for(episode)
    return planning.plan_from(
        stage=episode.stage,
        stage_since_on=episode.stage_since_on,
        lengths=lengths,
        today=today,
        ends_on=release_computation(episode, today=today).expected_on,
    )
