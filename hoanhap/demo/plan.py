"""The plan of one rehab term: its legal basis, the stages, periods away, a term reduction, a
transfer, and how and when it ends — or that it still runs today. Dates only; `rows.py` turns a
plan into the rows the residents services would have written.

The shares below are demo figures, not law; every legal number comes from `residents.terms`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING, Any

from hoanhap.residents import planning, terms
from hoanhap.residents.models import Episode, LegalEvent
from hoanhap.residents.terms import EpisodeKind, Stage

from . import ids, names

if TYPE_CHECKING:
    from .sites import Site

K = LegalEvent.Kind
S = Episode.Status
STAGES = terms.STAGE_ORDER

# Terms courts and applicants usually choose; only those the rule set in force allows are drawn.
USUAL_TERMS: dict[EpisodeKind, Sequence[tuple[int, float]]] = {
    EpisodeKind.COMPULSORY: ((12, 55), (24, 30), (18, 10), (15, 5)),
    EpisodeKind.VOLUNTARY: ((6, 50), (12, 30), (9, 20)),
    EpisodeKind.COMPULSORY_MINOR: ((12, 45), (6, 30), (9, 25)),
}
CREDITED_SHARE = 0.65
REDUCTION_SHARE = 0.10
TRANSFER_SHARE = 0.025
# Terms that end before they are served, per term.
EARLY_ENDS = ((K.EXEMPTION, 0.025), (K.DEATH, 0.003))
VOLUNTARY_DISCHARGE_SHARE = 0.15
ANNULLED_SHARE = 0.005
# One period away in the past, per term.
PAST_PERIODS = ((K.ABSCONDENCE, 0.05), (K.HOSPITAL, 0.04), (K.LEAVE, 0.03))
# Where people in rehab are today, besides at the facility.
AWAY_NOW = ((S.ABSCONDED, 0.015), (S.ON_LEAVE, 0.015), (S.IN_HOSPITAL, 0.01), (S.SUSPENDED, 0.004))
AWAY_KINDS: dict[str, str] = {
    S.ABSCONDED: K.ABSCONDENCE,
    S.ON_LEAVE: K.LEAVE,
    S.IN_HOSPITAL: K.HOSPITAL,
    S.SUSPENDED: K.SUSPENSION,
}
_LONGEST_AWAY_NOW: dict[str, int] = {K.ABSCONDENCE: 90, K.HOSPITAL: 20, K.SUSPENSION: 120}
OVERDUE_SHARE = 0.04


def days(n: int) -> timedelta:
    return timedelta(days=n)


def pick_event(rng: Random, shares: Sequence[tuple[str, float]]) -> str | None:
    """One of the events, each with its share, or None for the rest."""
    draw = rng.random()
    for value, share in shares:
        if draw < share:
            return value
        draw -= share
    return None


@dataclass
class Period:
    """Away from the facility: funeral leave, hospital, abscondence or suspension."""

    kind: str
    left_on: date
    back_on: date | None  # None: still away today
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def on(self) -> date:
        return self.left_on


@dataclass
class Reduction:
    months: int
    is_meritorious: bool
    on: date


@dataclass
class Term:
    """One term from admission to its end, whichever facilities it is served in."""

    kind: EpisodeKind
    admitted_on: date
    requested_on: date | None
    decision_on: date | None
    decision_number: str
    decided_by: str
    term_months: int
    credited_days: int
    prior: int
    stages: list[tuple[Stage, date]] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    reduction: Reduction | None = None
    transfer: tuple[Site, date] | None = None
    end: tuple[str, date] | None = None  # the closing event; None while in rehab

    @property
    def is_compulsory(self) -> bool:
        return self.kind != EpisodeKind.VOLUNTARY

    @property
    def basis_on(self) -> date:
        """The date the term was set: the court decision, or the request for voluntary rehab."""
        basis = self.decision_on or self.requested_on
        assert basis is not None
        return basis

    @property
    def away_now(self) -> Period | None:
        return next((period for period in self.periods if period.back_on is None), None)

    def release(self, *, until: date) -> terms.ReleaseComputation:
        """What `release.release_computation` gives on `until` from the rows written before it:
        days absconded (a period still open runs to `until`) and reductions decided before."""
        absent = terms.days_between_absences(
            [
                (p.left_on, p.back_on if p.back_on is None or p.back_on <= until else until)
                for p in self.periods
                if terms.stops_the_clock(p.kind, on=p.left_on) and p.left_on < until
            ],
            today=until,
        )
        reduction = self.reduction.months if self.reduction and self.reduction.on < until else 0
        return terms.expected_release_on(
            start_on=self.admitted_on,
            term_months=self.term_months,
            credited_days=self.credited_days,
            absent_days=absent,
            reduction_months=reduction,
        )

    def stage_on(self, day: date) -> tuple[Stage, date]:
        reached = [(stage, since) for stage, since in self.stages if since <= day]
        return reached[-1]


def term_months(rng: Random, *, kind: EpisodeKind, on: date, prior: int) -> int:
    """A usual term the rule set in force on `on` allows (fixed terms from 01/07/2026)."""
    low, high = terms.rule_set_on(on).terms[kind].bounds(prior_compulsory_count=prior)
    usual = [(months, weight) for months, weight in USUAL_TERMS[kind] if low <= months <= high]
    if not usual:
        return low
    return rng.choices([months for months, _ in usual], weights=[weight for _, weight in usual])[0]


def stage_lengths(*, start_on: date, term_months: int) -> dict[Stage, int]:
    """The facility's plan for the stages (the default split: the demo stores no StagePlan)."""
    return planning.stage_lengths(term_days=planning.term_days(start_on=start_on, term_months=term_months))


class TermPlanner:
    def __init__(self, rng: Random, *, today: date) -> None:
        self.rng = rng
        self.today = today

    def plan(self, *, kind: EpisodeKind, admitted_on: date, prior: int, home: Site, others: Sequence[Site]) -> Term:
        """A term admitted at `home` on `admitted_on`, after `prior` compulsory rehabs."""
        rng, today = self.rng, self.today
        if kind != EpisodeKind.VOLUNTARY:
            decision_on = admitted_on - days(rng.randint(1, 10))
            term = self._term(kind, admitted_on, prior, decision_on=decision_on)
            term.decision_number = ids.court_decision_number(rng, decision_on.year)
            term.decided_by = names.court(rng, decision_on)
            term.credited_days = rng.randint(3, 30) if rng.random() < CREDITED_SHARE else 0
        else:
            term = self._term(kind, admitted_on, prior, requested_on=admitted_on - days(rng.randint(0, 10)))
        term_days = planning.term_days(start_on=admitted_on, term_months=term.term_months)
        past = pick_event(rng, PAST_PERIODS if term.is_compulsory else PAST_PERIODS[1:])
        if past is not None:
            period = self._period(past, admitted_on + days(rng.randint(30, max(31, int(term_days * 0.6)))))
            if period.back_on is not None and period.back_on < today:
                term.periods.append(period)
        # The first day after any period away: later events fall after it.
        settled_on = max([admitted_on, *(p.back_on for p in term.periods if p.back_on)]) + days(1)
        release_on = term.release(until=date.max).expected_on

        end_kind = self._end_kind(kind)
        end_on = release_on
        if end_kind == K.COMPLETION and kind == EpisodeKind.COMPULSORY and rng.random() < REDUCTION_SHARE:
            end_on = self._reduce(term, term_days=term_days, settled_on=settled_on) or release_on
        term.stages = self._stages(term, end_on=end_on if end_kind == K.COMPLETION else release_on)
        early_on: date | None = None
        if end_kind == K.DISCHARGE and not term.is_compulsory:
            # Voluntary rehab may end at the person's request once stage 3 is reached (art. 29 cl. 2).
            rehabilitation_on = dict(term.stages)[Stage.REHABILITATION]
            early_on = self._date_between(max(rehabilitation_on, settled_on) + days(14), release_on - days(14))
        elif end_kind != K.COMPLETION:
            early_on = self._date_between(max(admitted_on + days(20), settled_on), release_on - days(10))
        if early_on is not None:
            end_on = early_on
        elif end_kind != K.COMPLETION:
            end_kind, end_on = K.COMPLETION, release_on
        if end_on <= today:
            term.end = (end_kind, end_on)
        else:
            self._away_now(term, settled_on=settled_on)
        self._transfer(term, home=home, others=others, settled_on=settled_on, end_on=end_on)
        return term

    def _term(
        self,
        kind: EpisodeKind,
        admitted_on: date,
        prior: int,
        *,
        decision_on: date | None = None,
        requested_on: date | None = None,
    ) -> Term:
        basis_on = decision_on or requested_on
        assert basis_on is not None
        months = term_months(self.rng, kind=kind, on=basis_on, prior=prior)
        # Demo data passes the rule it would meet at the counter.
        terms.validate_term(kind=kind, term_months=months, decided_on=basis_on, prior_compulsory_count=prior)
        return Term(
            kind=kind,
            admitted_on=admitted_on,
            requested_on=requested_on,
            decision_on=decision_on,
            decision_number="",
            decided_by="",
            term_months=months,
            credited_days=0,
            prior=prior,
        )

    def _reduce(self, term: Term, *, term_days: int, settled_on: date) -> date | None:
        """A reduction of 1–3 months (3–6 for a meritorious act) once half the term is served
        (Decree 116/2021 art. 58); returns the new release date, or None if none was granted."""
        rng = self.rng
        meritorious = rng.random() < 0.1
        low, high = (3, 6) if meritorious else (1, 3)
        months = rng.randint(low, min(high, term.term_months - 1))
        half_served_on = term.admitted_on + days(math.ceil(term_days / 2) - term.credited_days)
        decided_on = max(half_served_on, settled_on) + days(rng.randint(3, 48))
        reduced_on = terms.expected_release_on(
            start_on=term.admitted_on,
            term_months=term.term_months,
            credited_days=term.credited_days,
            absent_days=term.release(until=date.max).absent_days,
            reduction_months=months,
        ).expected_on
        if decided_on > min(self.today, reduced_on - days(14)):
            return None
        term.reduction = Reduction(months, meritorious, decided_on)
        return reduced_on

    def _transfer(self, term: Term, *, home: Site, others: Sequence[Site], settled_on: date, end_on: date) -> None:
        """Now and then to another facility. A small facility sends a larger share of its people
        to a large one than the other way round, so that as many go each way and sizes hold."""
        draw = self.rng.random()
        destination = None
        for other in others:
            share = TRANSFER_SHARE * min(1.0, other.size / max(home.size, 1)) / len(others)
            if draw < share:
                destination = other
                break
            draw -= share
        if destination is None:
            return
        # Transferred while at the facility: before a reduction or a period away now.
        latest = min(end_on, self.today) - days(10)
        if term.reduction:
            latest = min(latest, term.reduction.on - days(1))
        if term.away_now:
            latest = min(latest, term.away_now.left_on - days(1))
        transfer_on = self._date_between(max(settled_on, term.admitted_on + days(30)), latest)
        if transfer_on is not None:
            term.transfer = (destination, transfer_on)

    def _date_between(self, first: date, last: date) -> date | None:
        if last < first:
            return None
        return first + days(self.rng.randint(0, (last - first).days))

    def _end_kind(self, kind: EpisodeKind) -> str:
        rng = self.rng
        early = pick_event(rng, EARLY_ENDS)
        if early == K.DEATH or (early == K.EXEMPTION and kind != EpisodeKind.VOLUNTARY):
            return early
        if kind == EpisodeKind.VOLUNTARY and rng.random() < VOLUNTARY_DISCHARGE_SHARE:
            return K.DISCHARGE
        if kind != EpisodeKind.VOLUNTARY and rng.random() < ANNULLED_SHARE:
            return K.DISCHARGE
        return K.COMPLETION

    def _period(self, kind: str, left_on: date) -> Period:
        """A period away from `left_on`, with the day it ends."""
        rng = self.rng
        details: dict[str, Any] = {}
        if kind == K.LEAVE:
            # Funeral leave: up to 5 days plus travel (terms.check_funeral_leave); counts as served.
            leave_days, travel_days = rng.randint(1, 5), rng.randint(0, 2)
            reason = rng.choices(LegalEvent.LeaveReason.values, weights=(70, 15, 15))[0]
            details = {"leave_reason": reason, "days": leave_days, "travel_days": travel_days}
            length = leave_days + travel_days
        elif kind == K.ABSCONDENCE:
            length = rng.randint(2, 45)
        elif kind == K.HOSPITAL:
            details = {"place": rng.choice(names.HOSPITALS)}
            length = rng.randint(2, 20)
        else:
            length = rng.randint(30, 120)
        return Period(kind, left_on, left_on + days(length), details)

    def _away_now(self, term: Term, *, settled_on: date) -> None:
        rng, today = self.rng, self.today
        status = pick_event(rng, AWAY_NOW)
        if status is None or (status == S.ABSCONDED and not term.is_compulsory):
            return
        kind = AWAY_KINDS[status]
        period = self._period(kind, today)
        assert period.back_on is not None
        # Left fewer days ago than the leave lasts, or up to a few months for the others.
        longest = (period.back_on - today).days - 1 if kind == K.LEAVE else _LONGEST_AWAY_NOW[kind]
        left_on = today - days(rng.randint(0 if kind in (K.LEAVE, K.HOSPITAL) else 1, longest))
        if left_on > max(settled_on, term.admitted_on + days(14)) and (
            not term.reduction or left_on > term.reduction.on
        ):
            term.periods.append(Period(kind, left_on, None, period.details))

    def _stages(self, term: Term, *, end_on: date) -> list[tuple[Stage, date]]:
        """The start of each stage: the facility's plan fitted to the days actually served, a
        little early or late, and now and then much later (the "overdue in a stage" list). A
        stage changes on a day at the facility, never during a period away."""
        rng = self.rng
        lengths = stage_lengths(start_on=term.admitted_on, term_months=term.term_months)
        span = (end_on - term.admitted_on).days
        scale = span / sum(lengths.values())
        offsets = [0]
        for stage in STAGES[:-1]:
            factor = rng.uniform(1.15, 1.4) if rng.random() < OVERDUE_SHARE else rng.uniform(0.9, 1.1)
            offsets.append(offsets[-1] + max(1, round(lengths[stage] * scale * factor)))
        # Reintegration starts at least a week before the end: compulsory rehab ends in stage 5.
        latest = span - 7
        if offsets[-1] > latest:
            offsets = [round(offset * latest / offsets[-1]) for offset in offsets]
        starts: list[date] = []
        for offset in offsets:
            day = term.admitted_on + days(offset)
            for period in term.periods:
                if period.back_on is not None and period.left_on <= day < period.back_on:
                    day = period.back_on
            if starts and day <= starts[-1]:
                day = starts[-1] + days(1)
            starts.append(day)
        return list(zip(STAGES, starts, strict=True))
