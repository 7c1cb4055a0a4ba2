"""Admission: a new episode with its legal basis, term, zone and room, and the reception checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditlog.context import disable_auditlog
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.audit.services import record_creation
from hoanhap.audit.writes import audited_write
from hoanhap.core import clock
from hoanhap.core.dates import check_not_before, check_not_future
from hoanhap.core.locking import bump_version, lock_row, locked
from hoanhap.core.models import Room, Zone

from .. import terms
from ..errors import DomainError
from ..models import Aftercare, ChecklistItem, Episode, LegalEvent, Resident, Sex
from ..selectors import OPEN_STATUSES, room_occupancy
from .aftercare import AFTERCARE_STATES
from .common import decision_summary, months_text, record_timeline_event, refresh_schedule, require_manage

# The reception tasks of stage 1 (Law 73/2021 art. 29 cl. 1a; Decree 116/2021 forms 19 and 20).
RECEPTION_CHECKLIST = tuple(ChecklistItem.Item)


def prior_compulsory_rehabs(resident: Resident) -> int:
    """Compulsory rehabs recorded before: one per placement (a transfer's continuation is the same
    placement), leaving out a placement whose court decision was cancelled (discharged with reason
    DECISION_ANNULLED, at any facility of its chain): a cancelled decision is not a rehab, so it
    does not make a later one the "second" (Law 120/2025; DOMAIN.md, "Legal events")."""
    annulled = LegalEvent.objects.filter(
        episode=OuterRef("pk"),
        kind=LegalEvent.Kind.DISCHARGE,
        discharge_reason=LegalEvent.DischargeReason.DECISION_ANNULLED,
    )
    rows = (
        resident.episodes.exclude(kind=terms.EpisodeKind.VOLUNTARY)
        .annotate(is_annulled=Exists(annulled))
        .values_list("pk", "transferred_from_id", "is_annulled")
    )
    placement_of = {pk: (previous, is_annulled) for pk, previous, is_annulled in rows}

    def first_of(pk: int) -> int:
        while (previous := placement_of[pk][0]) is not None and previous in placement_of:
            pk = previous
        return pk

    cancelled = {first_of(pk) for pk, (_previous, is_annulled) in placement_of.items() if is_annulled}
    return sum(1 for pk, (previous, _) in placement_of.items() if previous is None and pk not in cancelled)


def _episode_counts(resident: Resident) -> dict[str, int]:
    """The resident's open episodes, prior compulsory rehabs and completed episodes."""
    counts = resident.episodes.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        completed=Count("pk", filter=Q(outcome=Episode.Outcome.COMPLETED)),
    )
    return {**counts, "prior_compulsory": prior_compulsory_rehabs(resident)}


def required_zone_kind(resident: Resident, *, on: date) -> str | None:
    """Minors live apart, then women (Law 73/2021 art. 29 cl. 3; Decree 116 art. 36)."""
    if terms.is_minor(resident.date_of_birth, on):
        return Zone.Kind.MINORS
    if resident.sex == Sex.FEMALE:
        return Zone.Kind.WOMEN
    return None


def check_placement(*, resident: Resident, zone: Zone, room: Room, on: date, episode_id: int | None = None) -> None:
    """The zone suits the person and the room has a free bed; the room row is locked meanwhile."""
    if zone.facility_id != resident.facility_id:
        raise DomainError(_("Choose a zone of this facility."), code="zone_other_facility", field="zone")
    if room.zone_id != zone.pk:
        raise DomainError(_("The room must be in the chosen zone."), code="room_not_in_zone", field="room")
    needed = required_zone_kind(resident, on=on)
    if needed == Zone.Kind.MINORS and zone.kind != Zone.Kind.MINORS:
        raise DomainError(
            _("A resident under 18 must live in a minors' zone."), code="minor_needs_minors_zone", field="zone"
        )
    if needed == Zone.Kind.WOMEN and zone.kind != Zone.Kind.WOMEN:
        raise DomainError(_("A woman must live in a women's zone."), code="woman_needs_women_zone", field="zone")
    if needed is None and zone.kind in (Zone.Kind.MINORS, Zone.Kind.WOMEN):
        raise DomainError(
            _("This zone is for %(kind)s only."), code="zone_reserved", field="zone", kind=zone.get_kind_display()
        )
    lock_row(Room, room.pk)
    if room_occupancy(room, excluding_episode_id=episode_id) >= room.capacity:
        raise DomainError(
            _("Room %(room)s is full (%(capacity)s places)."),
            code="room_full",
            field="room",
            room=room.name,
            capacity=room.capacity,
        )


def open_episode(episode: Episode) -> None:
    """Save a new episode and, when it starts in reception, its checklist: one audit entry
    states both (`audit.services.record_creation`)."""
    with disable_auditlog():
        episode.save()
    checklist: list[ChecklistItem] = []
    if episode.stage == terms.Stage.RECEPTION:
        checklist = ChecklistItem.objects.bulk_create(
            ChecklistItem(facility_id=episode.facility_id, episode=episode, item=item, order=order)
            for order, item in enumerate(RECEPTION_CHECKLIST)
        )
    record_creation(episode, rows={"checklist": checklist} if checklist else {})


@dataclass(frozen=True)
class TermBounds:
    low: int
    high: int
    citation: str


def term_bounds(
    *, resident: Resident, compulsory: bool, basis_on: date, prior_compulsory_outside: int = 0
) -> TermBounds | None:
    """The term the rules in force on `basis_on` (the decision or request date) allow for this
    admission, as admit_resident will check it; None when no rule applies (too young, no rules
    yet). A read, for the admission form's hint before it is sent."""
    try:
        kind = _episode_kind(resident=resident, compulsory=compulsory, decision_on=basis_on)
        rule = terms.rule_set_on(basis_on).terms[kind]
    except (DomainError, terms.RuleNotInForce):
        return None
    prior = prior_compulsory_rehabs(resident) + prior_compulsory_outside
    low, high = rule.bounds(prior_compulsory_count=prior)
    return TermBounds(low=low, high=high, citation=rule.citation)


def _episode_kind(*, resident: Resident, compulsory: bool, decision_on: date) -> terms.EpisodeKind:
    if not compulsory:
        return terms.EpisodeKind.VOLUNTARY
    age = terms.age_on(resident.date_of_birth, decision_on)
    youngest, adult = terms.rule_set_on(decision_on).minor_ages
    if age < youngest:
        raise DomainError(
            _("Compulsory rehab applies from the age of %(age)s (%(citation)s)."),
            code="too_young",
            field="decision_on",
            age=youngest,
            citation=terms.rule_set_on(decision_on).minor_citation,
        )
    return terms.EpisodeKind.COMPULSORY_MINOR if age < adult else terms.EpisodeKind.COMPULSORY


@audited_write(event="residents.resident_admitted")
def admit_resident(
    *,
    actor: User,
    resident: Resident,
    compulsory: bool,
    admitted_on: date,
    term_months: int,
    zone: Zone,
    room: Room,
    requested_on: date | None = None,
    decision_number: str = "",
    decision_on: date | None = None,
    decided_by: str = "",
    credited_days: int = 0,
    prior_compulsory_outside: int = 0,
) -> Episode:
    """Open an episode. Voluntary: the request date and the chosen term. Compulsory: the court
    decision (number, date, court, term) and the days held before it, credited; a person of 12 to
    under 18 on the decision date is a minor. The term is checked against the rules in force on
    the decision (or request) date, counting earlier compulsory rehabs (Law 120/2025 from
    01/07/2026). A relapse during aftercare ends the aftercare."""
    require_manage(actor, resident.facility_id)
    # Locked, so that two admissions of the same person cannot both pass the check below.
    resident = locked(resident)
    counts = _episode_counts(resident)
    if counts["open"]:
        raise DomainError(
            _("This resident is already in rehab: close the current episode first."), code="already_admitted"
        )
    check_not_future(admitted_on, field="admitted_on")
    if admitted_on < resident.date_of_birth:
        raise DomainError(_("Check the admission date."), code="invalid", field="admitted_on")
    if compulsory:
        if not decision_number.strip():
            raise DomainError(_("Enter the number of the court decision."), code="required", field="decision_number")
        if decision_on is None:
            raise DomainError(_("Enter the date of the court decision."), code="required", field="decision_on")
        if not decided_by.strip():
            raise DomainError(_("Enter the court that decided."), code="required", field="decided_by")
        check_not_future(decision_on, field="decision_on")
        check_not_before(admitted_on, decision_on, field="admitted_on")
        basis_on = decision_on
    else:
        if requested_on is None:
            raise DomainError(_("Enter the date of the request."), code="required", field="requested_on")
        check_not_future(requested_on, field="requested_on")
        check_not_before(admitted_on, requested_on, field="admitted_on")
        if credited_days:
            raise DomainError(
                _("Only compulsory rehab credits days held before a decision."), code="invalid", field="credited_days"
            )
        basis_on = requested_on
    if credited_days < 0 or prior_compulsory_outside < 0:
        raise DomainError(_("Enter a number of 0 or more."), code="negative", field="credited_days")
    try:
        terms.rule_set_on(basis_on)
    except terms.RuleNotInForce as error:
        raise DomainError.from_rule(error, field="decision_on" if compulsory else "requested_on") from None
    kind = _episode_kind(resident=resident, compulsory=compulsory, decision_on=basis_on)
    prior = counts["prior_compulsory"] + prior_compulsory_outside
    try:
        terms.validate_term(kind=kind, term_months=term_months, decided_on=basis_on, prior_compulsory_count=prior)
    except terms.TermError as error:
        raise DomainError.from_rule(error, field="term_months") from None
    if credited_days >= (terms.add_months(admitted_on, term_months) - admitted_on).days:
        raise DomainError(
            _("The days held before the decision cannot reach the whole term."), code="invalid", field="credited_days"
        )
    check_placement(resident=resident, zone=zone, room=room, on=admitted_on)

    episode = Episode(
        facility_id=resident.facility_id,
        resident=resident,
        kind=kind,
        stage=terms.Stage.RECEPTION,
        stage_since_on=admitted_on,
        status=Episode.Status.ACTIVE,
        admitted_on=admitted_on,
        requested_on=requested_on if not compulsory else None,
        term_months=term_months,
        credited_days=credited_days if compulsory else 0,
        prior_compulsory_count=prior,
        decision_number=decision_number.strip(),
        decision_on=decision_on,
        decided_by=decided_by.strip(),
        zone=zone,
        room=room,
    )
    refresh_schedule(episode)
    open_episode(episode)

    # Aftercare follows a completed episode only (complete_episode).
    aftercare = None
    if counts["completed"]:
        aftercare = Aftercare.objects.filter(resident=resident, status=Aftercare.Status.OPEN).first()
    if aftercare is not None:
        AFTERCARE_STATES.move(aftercare, "relapse")
        aftercare.closed_on = admitted_on
        aftercare.save()
        record_timeline_event(
            actor=actor,
            resident=resident,
            kind="residents.relapse",
            occurred_on=admitted_on,
            episode=episode,
            source=aftercare,
        )
    record_timeline_event(
        actor=actor,
        resident=resident,
        kind="residents.admitted",
        occurred_on=admitted_on,
        summary=" · ".join(
            filter(
                None,
                [str(kind.label), months_text(term_months), decision_summary(episode.decision_number, decision_on)],
            )
        ),
        episode=episode,
        source=episode,
    )
    return episode


@audited_write(event="residents.room_assigned")
def assign_room(
    *, actor: User, episode: Episode, zone: Zone, room: Room, on: date, expected_version: int | None = None
) -> Episode:
    """Move a resident to another room (or give a room to one received by transfer)."""
    require_manage(actor, episode.facility_id)
    episode = locked(episode, expected_version)
    if not episode.is_open:
        raise DomainError(_("This episode is closed."), code="episode_closed")
    check_not_future(on, field="on")
    check_placement(resident=episode.resident, zone=zone, room=room, on=on, episode_id=episode.pk)
    episode.zone, episode.room = zone, room
    bump_version(episode)
    episode.save()
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        kind="residents.room_assigned",
        occurred_on=on,
        summary=f"{zone.name} – {room.name}",
        episode=episode,
        source=episode,
    )
    return episode


@audited_write(event="residents.checklist_item_ticked")
def tick_checklist_item(*, actor: User, item: ChecklistItem, done: bool, done_on: date | None = None) -> ChecklistItem:
    """Mark a reception task done (or not done after all) while the episode is in reception."""
    require_manage(actor, item.facility_id)
    item = locked(item)
    episode = item.episode
    if episode.stage != terms.Stage.RECEPTION or not episode.is_open:
        raise DomainError(_("The reception checklist is closed once reception is over."), code="checklist_closed")
    if done:
        done_on = done_on or clock.today()
        check_not_future(done_on, field="done_on")
        check_not_before(done_on, episode.admitted_on, field="done_on")
        item.done_on, item.done_by = done_on, actor
    else:
        item.done_on, item.done_by = None, None
    item.save()
    if done:
        record_timeline_event(
            actor=actor,
            resident=episode.resident,
            kind="residents.checklist",
            occurred_on=item.done_on,  # type: ignore[arg-type]
            summary=str(item.get_item_display()),
            episode=episode,
            source=item,
        )
    return item
