"""The rows the residents services would have written for a planned term (`plan.Term`):
Episode, StageChange, LegalEvent, ChecklistItem, ConductGrade, CompletionCertificate, Aftercare
and TimelineEvent, with the same kinds, summaries and dates (services/admission.py, stages.py,
events.py). So every page and rule reads demo data as it reads real data.

The rows are unsaved; `generator.generate` inserts them in bulk, without the services and so
without audit entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import Any

from django.db import models
from django.utils.translation import gettext

from hoanhap.core.models import Zone
from hoanhap.residents import planning, terms
from hoanhap.residents.models import (
    Aftercare,
    ChecklistItem,
    CompletionCertificate,
    ConductGrade,
    Episode,
    FamilyContact,
    LegalEvent,
    Resident,
    StageChange,
    TimelineEvent,
)
from hoanhap.residents.services.common import decision_summary, months_text
from hoanhap.residents.terms import EpisodeKind, Stage

from . import ids, names
from .names import Weighted
from .plan import AWAY_KINDS, Period, Reduction, Term, days, stage_lengths
from .sites import Site, zone_kind

K = LegalEvent.Kind
S = Episode.Status
G = terms.ConductGrade
_AWAY_STATUS: dict[str, str] = {kind: status for status, kind in AWAY_KINDS.items()}
GRADES = {
    "steady": Weighted([(G.EXCELLENT, 20), (G.GOOD, 55), (G.AVERAGE, 22), (G.WEAK, 3)]),
    "difficult": Weighted([(G.EXCELLENT, 3), (G.GOOD, 30), (G.AVERAGE, 45), (G.WEAK, 22)]),
}
CLOSING_EVENTS: dict[str, str] = {
    K.COMPLETION: Episode.Outcome.COMPLETED,
    K.EXEMPTION: Episode.Outcome.EXEMPTED,
    K.DEATH: Episode.Outcome.DIED,
    K.DISCHARGE: Episode.Outcome.RELEASED_EARLY,
}


@dataclass
class Person:
    """Everything about one person, unsaved. `events` are in date order, so a RETURN's `period`
    comes before it."""

    resident: Resident
    contacts: list[FamilyContact] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    stage_changes: list[StageChange] = field(default_factory=list)
    grades: list[ConductGrade] = field(default_factory=list)
    events: list[LegalEvent] = field(default_factory=list)
    certificates: list[CompletionCertificate] = field(default_factory=list)
    aftercares: list[Aftercare] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    # The row each timeline event points to, saved before the timeline.
    timeline_sources: list[models.Model | None] = field(default_factory=list)

    @property
    def is_in_rehab(self) -> bool:
        return self.episodes[-1].status != S.CLOSED


class RowWriter:
    """Writes the rows of planned terms; `sites` are the facilities a term may be served in."""

    def __init__(self, rng: Random, *, sites: Sequence[Site], today: date, detail: bool = True) -> None:
        self.rng = rng
        self.sites = sites
        self.today = today
        # Reception checklists and monthly conduct grades: many rows, left out of lean data sets.
        self.detail = detail

    def _site_of(self, facility_id: int | None) -> Site:
        return next(site for site in self.sites if site.facility_id == facility_id)

    def settle_aftercares(self, person: Person) -> None:
        """An aftercare ends with a relapse when the person is admitted again meanwhile (as
        services.admit_resident records it), else when its months have passed."""
        for aftercare in person.aftercares:
            later = next(
                (e for e in person.episodes if e.admitted_on > aftercare.starts_on and e.transferred_from is None),
                None,
            )
            if later is not None and later.admitted_on < aftercare.ends_on:
                aftercare.status, aftercare.closed_on = Aftercare.Status.RELAPSED, later.admitted_on
                site = self._site_of(later.facility_id)
                self.log(person, site, "relapse", later.admitted_on, episode=later, source=aftercare)
            elif aftercare.ends_on <= self.today:
                aftercare.status, aftercare.closed_on = Aftercare.Status.CLOSED, aftercare.ends_on
                site, episode = self._site_of(aftercare.facility_id), aftercare.episode
                self.log(person, site, "aftercare_closed", aftercare.ends_on, episode=episode, source=aftercare)

    def log(
        self,
        person: Person,
        site: Site,
        kind: str,
        occurred_on: date,
        summary: str = "",
        *,
        episode: Episode | None = None,
        source: models.Model | None = None,
    ) -> None:
        person.timeline.append(
            TimelineEvent(
                facility_id=site.facility_id,
                resident=person.resident,
                episode=episode,
                kind=f"residents.{kind}",
                occurred_on=occurred_on,
                summary=summary[:300],
                actor_id=site.recorder_id,
            )
        )
        person.timeline_sources.append(source)

    def write(self, person: Person, term: Term, *, home: Site) -> None:
        """The rows of `term`: one episode per facility it is served in."""
        rng, today = self.rng, self.today
        resident = person.resident
        segments: list[tuple[Site, date, date | None]] = [
            (home, term.admitted_on, term.transfer[1] if term.transfer else None)
        ]
        if term.transfer:
            segments.append((term.transfer[0], term.transfer[1], None))
        lengths = stage_lengths(start_on=term.admitted_on, term_months=term.term_months)
        away_now = next((p for p in term.periods if p.back_on is None), None)
        # The last day the stages could move: the end, the day before leaving now, or today.
        last_day = term.end[1] if term.end else (away_now.left_on - days(1) if away_now else today)
        grades = GRADES["difficult" if rng.random() < 0.2 else "steady"]
        previous: Episode | None = None

        for site, starts_on, ends_on in segments:
            is_last = ends_on is None
            until = min(ends_on or last_day, last_day)
            stage, stage_since_on = term.stage_on(until)
            lives_in = zone_kind(rng, kind=term.kind, sex=resident.sex, stage=stage)
            if is_last and term.end is None:
                status = _AWAY_STATUS[away_now.kind] if away_now else S.ACTIVE
                room = site.beds.take(lives_in)
            else:
                status = S.CLOSED
                room = site.beds.any_room(lives_in, rng)
            carried = term.release(until=starts_on) if previous else None
            closed_on = ends_on if not is_last else (term.end[1] if term.end else None)
            release = term.release(until=closed_on or today)
            episode = Episode(
                facility_id=site.facility_id,
                resident=resident,
                kind=term.kind,
                stage=stage,
                stage_since_on=stage_since_on,
                # The plan ends on the release date, as the services keep it (release.py).
                stage_planned_end_on=planning.stage_planned_end_on(
                    stage=stage,
                    stage_since_on=stage_since_on,
                    lengths=lengths,
                    ends_on=None if status == S.CLOSED else release.expected_on,
                ),
                status=status,
                outcome="",
                admitted_on=starts_on,
                term_start_on=term.admitted_on if previous else None,
                requested_on=term.requested_on,
                term_months=term.term_months,
                credited_days=term.credited_days,
                prior_compulsory_count=term.prior,
                decision_number=term.decision_number,
                decision_on=term.decision_on,
                decided_by=term.decided_by,
                zone=room.zone,
                room=room,
                # Unknown while the clock stands still (release.stored_release_on).
                expected_release_on=(
                    None
                    if away_now and is_last and terms.stops_the_clock(away_now.kind, on=away_now.left_on)
                    else release.expected_on
                ),
                closed_on=closed_on,
                transferred_from=previous,
                carried_absent_days=carried.absent_days if carried else 0,
                carried_reduction_months=carried.reduction_months if carried else 0,
            )
            person.episodes.append(episode)
            resident.facility_id = site.facility_id
            if previous is None:
                self._admission(person, site, episode, term)
            else:
                self._transfer(person, site, previous, episode, term)
            self._stage_changes(person, site, episode, term, until=until)
            self._room_move(person, site, episode, term, until=until)
            self._periods(person, site, episode, term, ends_on=ends_on)
            if self.detail:
                self._grades(person, site, episode, term, grades, until=until)
            if is_last and term.end:
                self._close(person, site, episode, term)
            previous = episode

    def _admission(self, person: Person, site: Site, episode: Episode, term: Term) -> None:
        self.log(
            person,
            site,
            "admitted",
            episode.admitted_on,
            " · ".join(
                filter(
                    None,
                    [
                        str(term.kind.label),
                        months_text(term.term_months),
                        decision_summary(term.decision_number, term.decision_on),
                    ],
                )
            ),
            episode=episode,
            source=episode,
        )
        if not self.detail:
            return
        detox_on = dict(term.stages)[Stage.DETOX]
        for order, item in enumerate(ChecklistItem.Item):
            # Done during reception; some still open for those in reception today.
            done_during_reception = episode.admitted_on + days(
                self.rng.randint(0, max(0, (detox_on - episode.admitted_on).days - 1))
            )
            still_open = episode.stage == Stage.RECEPTION and (
                done_during_reception > self.today or self.rng.random() < 0.4
            )
            done_on = None if still_open else done_during_reception
            row = ChecklistItem(
                facility_id=site.facility_id,
                episode=episode,
                item=item,
                order=order,
                done_on=done_on,
                done_by_id=site.recorder_id if done_on else None,
            )
            person.checklist.append(row)
            if done_on:
                self.log(person, site, "checklist", done_on, str(row.get_item_display()), episode=episode, source=row)

    def _transfer(self, person: Person, site: Site, previous: Episode, episode: Episode, term: Term) -> None:
        """Out of the first facility, into `site` (services.record_transfer): the resident moves,
        and takes a new record number there."""
        assert term.transfer is not None
        sending = self._site_of(previous.facility_id)
        transfer_on = term.transfer[1]
        number = ids.facility_decision_number(self.rng)
        event = LegalEvent(
            facility_id=sending.facility_id,
            episode=previous,
            kind=K.TRANSFER,
            occurred_on=transfer_on,
            decision_number=number,
            decision_on=transfer_on,
            decided_by=sending.director_title,
            to_facility_id=site.facility_id,
            recorded_by_id=sending.recorder_id,
        )
        person.events.append(event)
        previous.outcome = Episode.Outcome.TRANSFERRED
        self.log(
            person,
            sending,
            "transfer_out",
            transfer_on,
            " · ".join([str(site.facility), decision_summary(number, transfer_on)]),
            episode=previous,
            source=event,
        )
        resident = person.resident
        resident.record_number = site.next_record_number(transfer_on.year)
        resident.build_search_text()
        self.log(
            person,
            site,
            "transfer_in",
            transfer_on,
            " · ".join([str(sending.facility), decision_summary(number, transfer_on)]),
            episode=episode,
            source=episode,
        )

    def _stage_changes(self, person: Person, site: Site, episode: Episode, term: Term, *, until: date) -> None:
        for (from_stage, _since), (to_stage, changed_on) in zip(term.stages, term.stages[1:], strict=False):
            if not episode.admitted_on < changed_on <= until:
                continue
            change = StageChange(
                facility_id=site.facility_id,
                episode=episode,
                from_stage=from_stage,
                to_stage=to_stage,
                changed_on=changed_on,
                changed_by_id=site.recorder_id,
            )
            person.stage_changes.append(change)
            self.log(
                person,
                site,
                "stage_changed",
                changed_on,
                f"{from_stage.label} → {to_stage.label}",
                episode=episode,
                source=change,
            )

    def _room_move(self, person: Person, site: Site, episode: Episode, term: Term, *, until: date) -> None:
        """Men leave the detox zone for their room when stage 3 begins (services.assign_room)."""
        rehabilitation_on = dict(term.stages)[Stage.REHABILITATION]
        assert episode.zone is not None and episode.room is not None
        if (
            episode.zone.kind in (Zone.Kind.GENERAL, Zone.Kind.MEDICAL)
            and episode.admitted_on < rehabilitation_on <= until
        ):
            self.log(
                person,
                site,
                "room_assigned",
                rehabilitation_on,
                f"{episode.zone.name} – {episode.room.name}",
                episode=episode,
                source=episode,
            )

    def _periods(self, person: Person, site: Site, episode: Episode, term: Term, *, ends_on: date | None) -> None:
        """Periods away and the term reduction that fall in this episode, with their returns."""
        rng = self.rng
        happenings: list[Period | Reduction] = [*term.periods, *([term.reduction] if term.reduction else [])]
        for happening in sorted(happenings, key=lambda happening: happening.on):
            day = happening.on
            if day < episode.admitted_on or (ends_on is not None and day >= ends_on):
                continue
            if isinstance(happening, Reduction):
                # Decided by the court at the director's proposal (Decree 116/2021 art. 58).
                number = ids.court_decision_number(rng, day.year)
                self._event(
                    person,
                    site,
                    episode,
                    K.TERM_REDUCTION,
                    day,
                    decision=(number, day, term.decided_by),
                    summary=months_text(happening.months),
                    details={"months": happening.months, "is_meritorious": happening.is_meritorious},
                )
                continue
            by_court = happening.kind == K.SUSPENSION
            number = ids.court_decision_number(rng, day.year) if by_court else ids.facility_decision_number(rng)
            decided_on = day if happening.kind != K.ABSCONDENCE else min(day + days(rng.randint(0, 2)), self.today)
            summary = ""
            if happening.kind == K.LEAVE:
                back_by = day + days(happening.details["days"] + happening.details["travel_days"])
                summary = gettext("back by %(date)s") % {"date": f"{back_by:%d/%m/%Y}"}
            elif happening.kind == K.HOSPITAL:
                summary = happening.details["place"]
            started = self._event(
                person,
                site,
                episode,
                happening.kind,
                day,
                decision=(number, decided_on, term.decided_by if by_court else site.director_title),
                summary=summary,
                details={"ended_on": happening.back_on, **happening.details},
            )
            if happening.back_on is None:
                continue
            manner = rng.choice(LegalEvent.ReturnManner.values) if happening.kind == K.ABSCONDENCE else ""
            self._event(
                person,
                site,
                episode,
                K.RETURN,
                happening.back_on,
                summary=gettext("from “%(event)s” of %(date)s, %(days)s days")
                % {
                    "event": started.get_kind_display(),
                    "date": f"{day:%d/%m/%Y}",
                    "days": (happening.back_on - day).days,
                },
                details={"period": started, "return_manner": manner},
            )

    def _event(
        self,
        person: Person,
        site: Site,
        episode: Episode,
        kind: str,
        occurred_on: date,
        *,
        decision: tuple[str, date | None, str] = ("", None, ""),
        summary: str = "",
        details: dict[str, Any] | None = None,
    ) -> LegalEvent:
        number, decision_on, decided_by = decision
        event = LegalEvent(
            facility_id=site.facility_id,
            episode=episode,
            kind=kind,
            occurred_on=occurred_on,
            decision_number=number,
            decision_on=decision_on,
            decided_by=decided_by,
            recorded_by_id=site.recorder_id,
            **(details or {}),
        )
        person.events.append(event)
        self.log(
            person,
            site,
            kind,
            occurred_on,
            " · ".join(filter(None, [summary, decision_summary(number, decision_on)])),
            episode=episode,
            source=event,
        )
        return event

    def _grades(
        self, person: Person, site: Site, episode: Episode, term: Term, grades: Weighted[G], *, until: date
    ) -> None:
        """A grade for every month ended while in rehab here (Circular 29/2022/TT-BLĐTBXH); the three
        before a term reduction were good or better, as the reduction requires."""
        month = terms.add_months(episode.admitted_on.replace(day=1), 1 if episode.admitted_on.day > 1 else 0)
        reduction_on = term.reduction.on if term.reduction else None
        while terms.add_months(month, 1) <= until:
            grade = grades.pick(self.rng)
            if reduction_on and terms.add_months(reduction_on.replace(day=1), -3) <= month < reduction_on:
                grade = G.GOOD if grade in (G.AVERAGE, G.WEAK) else grade
            row = ConductGrade(
                facility_id=site.facility_id, episode=episode, month=month, grade=grade, recorded_by_id=site.recorder_id
            )
            person.grades.append(row)
            self.log(
                person, site, "conduct_graded", month, f"{month:%m/%Y}: {grade.label}", episode=episode, source=row
            )
            month = terms.add_months(month, 1)

    def _close(self, person: Person, site: Site, episode: Episode, term: Term) -> None:
        assert term.end is not None
        rng = self.rng
        kind, closed_on = term.end
        episode.outcome = CLOSING_EVENTS[kind]
        if kind == K.COMPLETION:
            sequence, number = site.next_certificate(closed_on.year)
            event = self._event(person, site, episode, K.COMPLETION, closed_on, decision=(number, closed_on, ""))
            person.certificates.append(
                CompletionCertificate(
                    facility_id=site.facility_id,
                    episode=episode,
                    number=number,
                    year=closed_on.year,
                    sequence=sequence,
                    issued_on=closed_on,
                    issued_by_id=site.recorder_id,
                    signed_by_name=site.director_name,
                )
            )
            self._aftercare(person, site, episode, term, completion=event)
        elif kind == K.DEATH:
            self._event(person, site, episode, K.DEATH, closed_on, details={"place": rng.choice(names.HOSPITALS)})
        elif kind == K.DISCHARGE:
            reason = (
                LegalEvent.DischargeReason.VOLUNTARY_REQUEST
                if term.kind == EpisodeKind.VOLUNTARY
                else LegalEvent.DischargeReason.DECISION_ANNULLED
            )
            by_court = reason == LegalEvent.DischargeReason.DECISION_ANNULLED
            number = ids.court_decision_number(rng, closed_on.year) if by_court else ids.facility_decision_number(rng)
            self._event(
                person,
                site,
                episode,
                K.DISCHARGE,
                closed_on,
                decision=(number, closed_on, term.decided_by if by_court else site.director_title),
                summary=str(LegalEvent.DischargeReason(reason).label),
                details={"discharge_reason": reason},
            )
        else:
            by = term.decided_by or site.director_title
            self._event(
                person,
                site,
                episode,
                kind,
                closed_on,
                decision=(ids.court_decision_number(rng, closed_on.year), closed_on, by),
            )

    def _aftercare(self, person: Person, site: Site, episode: Episode, term: Term, *, completion: LegalEvent) -> None:
        """Handed over to the commune or ward (Law 73 art. 40). The aftercare ends by itself, or
        with a relapse when the person is admitted again meanwhile (`settle_aftercares`)."""
        resident = person.resident
        completed_on = completion.occurred_on
        months = terms.aftercare_months(kind=term.kind, completed_on=completed_on)
        aftercare = Aftercare(
            facility_id=site.facility_id,
            resident=resident,
            episode=episode,
            province=resident.current_province or resident.permanent_province,
            commune=resident.current_commune or resident.permanent_commune,
            starts_on=completed_on,
            months=months,
            ends_on=terms.aftercare_ends_on(kind=term.kind, completed_on=completed_on),
        )
        person.aftercares.append(aftercare)
        self.log(
            person,
            site,
            "aftercare_started",
            completed_on,
            " · ".join(filter(None, [aftercare.commune, aftercare.province, months_text(months)])),
            episode=episode,
            source=aftercare,
        )
