"""Events, competitions and prizes: the audited writes.

Each checks that the actor records events at the facility (`AREAS["events"].write`), refuses with
a `DomainError` beside the field before writing anything, and writes the residents' timeline:
one row per resident per event they took part in, and one per prize a resident won. A prize to a
team is shown on the team's page (`selectors.events.prizes_of_team`); the team members'
timelines get no row yet (the team's membership is another area's, being built)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, time
from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from hoanhap.accounts.models import User
from hoanhap.audit.writes import audited_write, record_bulk_write
from hoanhap.core import clock
from hoanhap.core.errors import DomainError, RuleError
from hoanhap.residents import selectors as residents
from hoanhap.residents.services import record_timeline_event, record_timeline_events

from ..access import AREAS, require_write
from ..models import Competition, Event, EventParticipant, EventPhoto, Prize, WorkTeam
from ..rules import events as rules
from ..selectors.events import staff_of
from ..selectors.labour import members_on

if TYPE_CHECKING:
    from hoanhap.residents.models import Episode

WRITE = AREAS["events"].write


def _check_happened(day: date, *, field: str | None) -> None:
    try:
        rules.check_happened(held_on=day, today=clock.today())
    except RuleError as error:
        raise DomainError.from_rule(error, field=field) from None


def _check_times(starts_at: time | None, ends_at: time | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at < starts_at:
        raise DomainError(_("An event cannot end before it starts."), code="ends_before_start", field="ends_at")


def _episodes_on(resident_ids: Collection[int], facility_id: int, day: date, *, field: str) -> dict[int, Episode]:
    """Each resident's episode at the facility, present, admitted by `day`, read at once; a
    refusal if one of them is not."""
    found = {
        episode.resident_id: episode
        for episode in residents.open_episodes([facility_id]).filter(resident_id__in=list(resident_ids))
    }
    for resident_id in resident_ids:
        episode = found.get(resident_id)
        if episode is None or not residents.is_present(episode) or episode.admitted_on > day:
            raise DomainError(
                _("This resident was not in rehab at this facility on that day."), code="not_present", field=field
            )
    return found


def _episode_on(resident_id: int, facility_id: int, day: date, *, field: str) -> Episode:
    """The resident's episode at the facility, present, admitted by `day`; else a refusal."""
    episode = residents.open_episode_of(resident_id, facility_id)
    if episode is None or not residents.is_present(episode) or episode.admitted_on > day:
        raise DomainError(
            _("This resident was not in rehab at this facility on that day."), code="not_present", field=field
        )
    return episode


@audited_write(event="daily_life.event_planned")
def plan_event(
    *,
    actor: User,
    facility_id: int,
    kind: str,
    title: str,
    held_on: date,
    starts_at: time | None = None,
    ends_at: time | None = None,
    place: str = "",
    description: str = "",
    organiser: User | None = None,
) -> Event:
    """An event, past or planned. The organiser is the actor unless named."""
    require_write(actor, "events", facility_id)
    if kind not in Event.Kind.values:
        raise DomainError(_("Choose a kind of event."), code="invalid", field="kind")
    if not title.strip():
        raise DomainError(_("Give the event a title."), code="required", field="title")
    _check_times(starts_at, ends_at)
    if organiser is not None and not staff_of(facility_id).filter(pk=organiser.pk).exists():
        raise DomainError(_("The organiser must be on this facility's staff."), code="invalid", field="organiser")
    return Event.objects.create(
        facility_id=facility_id,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        description=description.strip(),
        organiser=organiser or actor,
    )


@audited_write(event="daily_life.participants_added")
def add_participants(
    *,
    actor: User,
    event: Event,
    resident_ids: Collection[int] = (),
    staff_ids: Collection[int] = (),
    role: str = EventParticipant.Role.PARTICIPANT,
) -> list[EventParticipant]:
    """Several people at once: each resident present at the facility on the day (with the episode
    they are in), each staff member of the facility. Those already taking part are left as they
    are; one refused person refuses the whole batch. A timeline row per resident added."""
    require_write(actor, "events", event.facility_id)
    if role not in EventParticipant.Role.values:
        raise DomainError(_("Choose a role."), code="invalid", field="role")
    if not resident_ids and not staff_ids:
        raise DomainError(_("Choose at least one person."), code="required", field="residents")
    _check_happened(event.held_on, field=None)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        taken_residents = set(
            EventParticipant.objects.filter(event=event, resident__isnull=False).values_list("resident_id", flat=True)
        )
        taken_staff = set(
            EventParticipant.objects.filter(event=event, staff__isnull=False).values_list("staff_id", flat=True)
        )
        new_residents = sorted(set(resident_ids) - taken_residents)
        episodes = _episodes_on(new_residents, event.facility_id, event.held_on, field="residents")
        rows = [
            EventParticipant(
                facility_id=event.facility_id,
                event=event,
                resident_id=resident_id,
                episode=episodes[resident_id],
                role=role,
            )
            for resident_id in new_residents
        ]
        new_staff = sorted(set(staff_ids) - taken_staff)
        if new_staff:
            known = set(staff_of(event.facility_id).filter(pk__in=new_staff).values_list("pk", flat=True))
            if known != set(new_staff):
                raise DomainError(
                    _("Each staff member must be on this facility's staff."), code="invalid", field="staff"
                )
            rows.extend(
                EventParticipant(facility_id=event.facility_id, event=event, staff_id=staff_id, role=role)
                for staff_id in new_staff
            )
        if not rows:
            return []
        created = EventParticipant.objects.bulk_create(rows)
        record_bulk_write(
            scope=event,
            action=LogEntry.Action.CREATE,
            summary=_g("%(count)s participants added to %(event)s") % {"count": len(created), "event": event.title},
            facility_id=event.facility_id,
            data={
                "event_id": event.pk,
                "resident_ids": [row.resident_id for row in created if row.resident_id],
                "staff_ids": [row.staff_id for row in created if row.staff_id],
                "role": role,
            },
        )
        summary = f"{event.get_kind_display()}: {event.title}"
        record_timeline_events(
            actor=actor,
            kind="daily_life.event_attended",
            occurred_on=event.held_on,
            facility_id=event.facility_id,
            rows=[(episodes[row.resident_id], summary, row) for row in created if row.resident_id],
        )
        return created


@audited_write(event="daily_life.event_photo_added")
def add_photo(*, actor: User, event: Event, image: UploadedFile, caption: str = "") -> EventPhoto:
    """A photo of the event, once it has happened, in the private store."""
    require_write(actor, "events", event.facility_id)
    _check_happened(event.held_on, field="image")
    image_format = None
    try:
        with Image.open(image) as opened:
            opened.verify()
            image_format = opened.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        image_format = None
    finally:
        image.seek(0)
    try:
        content_type = rules.check_photo(
            size=image.size or 0, image_format=image_format, rule_set=rules.rule_set_on(event.held_on)
        )
    except RuleError as error:
        raise DomainError.from_rule(error, field="image") from None
    photo = EventPhoto(facility_id=event.facility_id, event=event, caption=caption.strip(), content_type=content_type)
    photo.image.save(image.name or "photo.jpg", image, save=False)
    photo.save()
    return photo


@audited_write(event="daily_life.competition_created")
def create_competition(
    *,
    actor: User,
    facility_id: int,
    title: str,
    held_on: date,
    kind: str = Competition.Kind.OTHER,
    event: Event | None = None,
) -> Competition:
    """A competition, during an event (of the same facility) or on its own."""
    require_write(actor, "events", facility_id)
    if kind not in Competition.Kind.values:
        raise DomainError(_("Choose a kind of competition."), code="invalid", field="kind")
    if not title.strip():
        raise DomainError(_("Give the competition a title."), code="required", field="title")
    if event is not None and event.facility_id != facility_id:
        raise DomainError(_("Choose an event of this facility."), code="invalid", field="event")
    return Competition.objects.create(
        facility_id=facility_id, event=event, title=title.strip(), held_on=held_on, kind=kind
    )


@audited_write(event="daily_life.prize_awarded")
def award_prize(
    *,
    actor: User,
    competition: Competition,
    rank: str,
    item: str = "",
    value: int = 0,
    team: WorkTeam | None = None,
    resident_id: int | None = None,
) -> Prize:
    """A prize, on or after the competition's day, to a team of the facility or to a resident
    present there that day — exactly one. It goes onto the winner's timeline: the resident's, or
    that of each member of the team on the competition's day."""
    require_write(actor, "events", competition.facility_id)
    if not rank.strip():
        raise DomainError(_("Name the prize (e.g. first prize)."), code="required", field="rank")
    try:
        rules.check_prize_value(value)
    except RuleError as error:
        raise DomainError.from_rule(error, field="value") from None
    if (team is None) == (resident_id is None):
        raise DomainError(_("Give the prize to a team or to a resident, not both."), code="one_winner", field="team")
    _check_happened(competition.held_on, field=None)
    episode = None
    if team is not None and team.facility_id != competition.facility_id:
        raise DomainError(_("Choose a team of this facility."), code="invalid", field="team")
    if resident_id is not None:
        episode = _episode_on(resident_id, competition.facility_id, competition.held_on, field="resident")
    with transaction.atomic():
        prize = Prize.objects.create(
            facility_id=competition.facility_id,
            competition=competition,
            rank=rank.strip(),
            item=item.strip(),
            value=value,
            team=team,
            resident_id=resident_id,
            episode=episode,
        )
        summary = f"{prize.rank} — {competition.title}"
        if prize.item:
            summary += f" ({prize.item})"
        winners = [episode] if episode is not None else []
        if team is not None:
            summary += f" · {team.name}"
            winners = [membership.episode for membership in members_on(team, competition.held_on)]
        for winner in winners:
            record_timeline_event(
                actor=actor,
                resident=winner.resident,
                episode=winner,
                kind="daily_life.prize_won",
                occurred_on=competition.held_on,
                summary=summary,
                facility_id=competition.facility_id,
                source=prize,
            )
    return prize
