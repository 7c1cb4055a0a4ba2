"""Labour therapy: the writes. A team leader forms a team, adds and removes members (residents in
rehab at the facility, one active team each), saves a team's day in one go (every row checked by
`rules.labour`, all saved or none), corrects an entry, records produce sent to the kitchen.

Joining and leaving a team go on the resident's timeline; the daily logs do not (a row a day per
resident would bury everything else there): the resident's hours page shows them week by week."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Sum
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.writes import CREATE, audited_write, record_bulk_write
from hoanhap.core import clock
from hoanhap.core.errors import DomainError, RuleError
from hoanhap.core.locking import locked
from hoanhap.residents import selectors as residents
from hoanhap.residents.services import record_timeline_event

from ..access import AREAS, require_write
from ..models import Produce, TeamMembership, WorkLog, WorkTeam
from ..rules import labour as rules

if TYPE_CHECKING:
    from hoanhap.residents.models import Episode


class SheetRefused(DomainError):
    """Some rows of a day's sheet are refused: `errors` maps each resident id to its message."""

    def __init__(self, message: Any, *, errors: Mapping[int, Any], code: str = "rows_refused") -> None:
        super().__init__(message, code=code)
        self.errors = dict(errors)


@dataclass(frozen=True)
class SheetRow:
    resident_id: int
    hours: Decimal | None
    task: str = ""
    output: str = ""
    output_quantity: Decimal | None = None
    output_unit: str = ""


@audited_write(event="daily_life.team_formed")
def form_team(
    *, actor: User, facility_id: int, name: str, default_task: str = "", leader: User | None = None
) -> WorkTeam:
    require_write(actor, "labour", facility_id)
    name = name.strip()
    if not name:
        raise DomainError(_("Give the team a name."), code="required", field="name")
    if WorkTeam.objects.filter(facility_id=facility_id, name__iexact=name).exists():
        raise DomainError(_("A team of this facility already has this name."), code="duplicate", field="name")
    return WorkTeam.objects.create(
        facility_id=facility_id, name=name, default_task=default_task.strip(), leader=leader or actor
    )


@audited_write(event="daily_life.team_edited")
def edit_team(
    *, actor: User, team: WorkTeam, name: str, default_task: str, leader: User | None, is_active: bool
) -> WorkTeam:
    """Rename the team, change its usual task or its leader, or stand it down (`is_active`
    False) once its members have moved: its logs stay, it takes no new member or sheet."""
    require_write(actor, "labour", team.facility_id)
    team = locked(team)
    name = name.strip()
    if not name:
        raise DomainError(_("Give the team a name."), code="required", field="name")
    if WorkTeam.objects.filter(facility_id=team.facility_id, name__iexact=name).exclude(pk=team.pk).exists():
        raise DomainError(_("A team of this facility already has this name."), code="duplicate", field="name")
    if leader is not None and not has_capability(leader, AREAS["labour"].write, team.facility_id):
        raise DomainError(_("The leader must be a team leader of this facility."), code="invalid", field="leader")
    members = team.memberships.filter(left_on__isnull=True).count()
    if not is_active and members:
        raise DomainError(
            _("%(count)s residents are still in this team: move them to another team first."),
            code="team_not_empty",
            field="is_active",
            count=members,
        )
    team.name, team.default_task, team.leader, team.is_active = name, default_task.strip(), leader, is_active
    team.save()
    return team


def _check_active(team: WorkTeam) -> None:
    if not WorkTeam.objects.filter(pk=team.pk, is_active=True).exists():
        raise DomainError(
            _("This team has been stood down: it takes no new member and no work log."), code="team_inactive"
        )


@audited_write(event="daily_life.team_member_added")
def add_member(*, actor: User, team: WorkTeam, resident_id: int, joined_on: date | None = None) -> TeamMembership:
    require_write(actor, "labour", team.facility_id)
    _check_active(team)
    joined_on = joined_on or clock.today()
    _check_not_future(joined_on, field="joined_on")
    episode = residents.open_episode_of(resident_id, team.facility_id)
    if episode is None:
        raise DomainError(_("This resident is not in rehab at this facility."), code="not_in_rehab", field="resident")
    if joined_on < episode.admitted_on:
        raise DomainError(
            _("The resident was admitted on %(day)s: they cannot join a team before."),
            code="before_admission",
            field="joined_on",
            day=episode.admitted_on.strftime("%d/%m/%Y"),
        )
    current = (
        TeamMembership.objects.filter(resident_id=resident_id, left_on__isnull=True).select_related("team").first()
    )
    if current is not None:
        raise DomainError(
            _("This resident is already a member of the team %(team)s: remove them from it first."),
            code="already_in_a_team",
            field="resident",
            team=current.team.name,
        )
    membership = TeamMembership.objects.create(
        facility_id=team.facility_id, team=team, resident_id=resident_id, episode=episode, joined_on=joined_on
    )
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        kind="daily_life.team_joined",
        occurred_on=joined_on,
        summary=gettext("Joined the work team %(team)s") % {"team": team.name},
        episode=episode,
        facility_id=team.facility_id,
        source=membership,
    )
    return membership


@audited_write(event="daily_life.team_member_removed")
def remove_member(*, actor: User, membership: TeamMembership, left_on: date | None = None) -> TeamMembership:
    require_write(actor, "labour", membership.facility_id)
    left_on = left_on or clock.today()
    _check_not_future(left_on, field="left_on")
    if membership.left_on is not None:
        raise DomainError(_("This resident has already left the team."), code="already_left")
    if left_on < membership.joined_on:
        raise DomainError(
            _("The resident joined on %(day)s: they cannot leave before."),
            code="before_joining",
            field="left_on",
            day=membership.joined_on.strftime("%d/%m/%Y"),
        )
    membership.left_on = left_on
    membership.save(update_fields=["left_on", "updated_at"])
    record_timeline_event(
        actor=actor,
        resident=membership.episode.resident,
        kind="daily_life.team_left",
        occurred_on=left_on,
        summary=gettext("Left the work team %(team)s") % {"team": membership.team.name},
        episode=membership.episode,
        facility_id=membership.facility_id,
        source=membership,
    )
    return membership


@audited_write(event="daily_life.work_day_recorded")
def save_day_sheet(*, actor: User, team: WorkTeam, worked_on: date, rows: Sequence[SheetRow]) -> int:
    """Record the team's work on `worked_on`: one entry per member with hours (a row without hours
    is a member who did not work). Every row is checked first; one refused row refuses the sheet,
    naming the resident and the rule. A member who already has an entry that day has it replaced.
    Returns how many entries were written."""
    require_write(actor, "labour", team.facility_id)
    try:
        _check_active(team)
        _check_not_future(worked_on, field="worked_on")
    except DomainError as error:
        raise SheetRefused(error.message, errors={}, code=error.code, **error.params) from None
    wanted = [row for row in rows if row.hours is not None]
    members = {m.resident_id: m for m in members_on(team, worked_on)}
    ids = [row.resident_id for row in wanted]
    absences = residents.absences_between([m.episode_id for m in members.values()], worked_on, worked_on)
    monday, sunday = rules.week_of(worked_on)
    other_hours = dict(
        WorkLog.objects.filter(resident_id__in=ids, worked_on__range=(monday, sunday))
        .exclude(worked_on=worked_on)
        .values("resident_id")
        .annotate(total=Sum("hours"))
        .values_list("resident_id", "total")
    )
    existing = {log.resident_id: log for log in WorkLog.objects.filter(resident_id__in=ids, worked_on=worked_on)}
    errors: dict[int, Any] = {}
    for row in wanted:
        member = members.get(row.resident_id)
        try:
            if member is None:
                raise DomainError(_("Not a member of this team on this day."), code="not_a_member")
            _check_episode_day(member.episode, worked_on, absences.get(member.episode_id, []))
            other = existing.get(row.resident_id)
            if other is not None and other.team_id != team.pk:
                raise DomainError(
                    _("Already recorded in the team %(team)s that day."), code="other_team", team=other.team.name
                )
            assert row.hours is not None
            rules.check_hours(
                row.hours, day=worked_on, other_hours_that_week=other_hours.get(row.resident_id, Decimal(0))
            )
        except RuleError as error:
            errors[row.resident_id] = _named(member, str(error))
        except DomainError as error:
            errors[row.resident_id] = _named(member, str(error))
    if errors:
        raise SheetRefused(_("Some rows are refused: nothing was saved. Correct them and save again."), errors=errors)
    now = timezone.now()
    WorkLog.objects.filter(pk__in=[log.pk for log in existing.values()]).delete()
    logs = [
        WorkLog(
            facility_id=team.facility_id,
            resident_id=row.resident_id,
            episode_id=members[row.resident_id].episode_id,
            team=team,
            worked_on=worked_on,
            task=(row.task.strip() or team.default_task or gettext("Labour"))[:200],
            hours=row.hours or Decimal(0),  # every row of `wanted` has hours
            output=row.output.strip()[:200],
            output_quantity=row.output_quantity,
            output_unit=row.output_unit.strip()[:20],
            recorded_by=actor,
            created_at=now,
            updated_at=now,
        )
        for row in wanted
    ]
    WorkLog.objects.bulk_create(logs, batch_size=500)
    if logs:
        summary = {"team": team.name, "day": worked_on.strftime("%d/%m/%Y"), "count": len(logs)}
        record_bulk_write(
            scope=team,
            action=CREATE,
            summary=lazy(lambda: gettext("Work log of %(team)s for %(day)s: %(count)s residents") % summary, str)(),
            facility_id=team.facility_id,
            data={
                "worked_on": worked_on.isoformat(),
                "count": len(logs),
                "replaced": len(existing),
                "hours": {str(log.resident_id): str(log.hours) for log in logs},
            },
        )
    return len(logs)


@audited_write(event="daily_life.work_log_corrected")
def correct_entry(
    *,
    actor: User,
    log: WorkLog,
    hours: Decimal,
    task: str,
    output: str = "",
    output_quantity: Decimal | None = None,
    output_unit: str = "",
) -> WorkLog:
    """Correct one day's entry: the same caps apply (the week counts the resident's other days)."""
    require_write(actor, "labour", log.facility_id)
    monday, sunday = rules.week_of(log.worked_on)
    other = (
        WorkLog.objects.filter(resident_id=log.resident_id, worked_on__range=(monday, sunday))
        .exclude(pk=log.pk)
        .aggregate(total=Sum("hours"))["total"]
    ) or Decimal(0)
    try:
        rules.check_hours(hours, day=log.worked_on, other_hours_that_week=other)
    except RuleError as error:
        raise DomainError.from_rule(error, field="hours") from None
    if not task.strip():
        raise DomainError(_("Say what the work was."), code="required", field="task")
    log.hours, log.task, log.output = hours, task.strip(), output.strip()
    log.output_quantity, log.output_unit, log.recorded_by = output_quantity, output_unit.strip(), actor
    log.save()
    return log


@audited_write(event="daily_life.produce_recorded")
def record_produce(
    *,
    actor: User,
    facility_id: int,
    produced_on: date,
    item: str,
    quantity: Decimal,
    unit: str = "kg",
    team: WorkTeam | None = None,
    description: str = "",
    sent_to_kitchen_on: date | None = None,
    received_by: str = "",
) -> Produce:
    require_write(actor, "labour", facility_id)
    _check_not_future(produced_on, field="produced_on")
    if team is not None and team.facility_id != facility_id:
        raise DomainError(_("Choose a team of this facility."), code="invalid", field="team")
    if item not in Produce.Item.values:
        raise DomainError(_("Choose an item from the list."), code="invalid", field="item")
    if quantity <= 0:
        raise DomainError(_("The quantity must be more than 0."), code="invalid", field="quantity")
    if sent_to_kitchen_on is not None:
        _check_not_future(sent_to_kitchen_on, field="sent_to_kitchen_on")
        if sent_to_kitchen_on < produced_on:
            raise DomainError(
                _("Produce cannot go to the kitchen before it was produced."),
                code="invalid",
                field="sent_to_kitchen_on",
            )
    return Produce.objects.create(
        facility_id=facility_id,
        team=team,
        produced_on=produced_on,
        item=item,
        quantity=quantity,
        unit=unit.strip() or "kg",
        description=description.strip(),
        sent_to_kitchen_on=sent_to_kitchen_on,
        received_by=received_by.strip(),
        recorded_by=actor,
    )


def members_on(team: WorkTeam, day: date) -> list[TeamMembership]:
    """The team's members on `day`, with their residents and episodes."""
    return list(
        TeamMembership.objects.filter(team=team, joined_on__lte=day)
        .exclude(left_on__lt=day)
        .select_related("resident", "episode")
        .order_by("resident__name_sort_key", "pk")
    )


def _check_episode_day(episode: Episode, day: date, absences: list[tuple[date, date | None]]) -> None:
    """No work before admission, after the episode closed, or on a day away."""
    if day < episode.admitted_on or (episode.closed_on is not None and day > episode.closed_on):
        raise DomainError(_("Not in rehab here on this day."), code="outside_episode")
    for start, end in absences:
        # The day one comes back counts as present; the day one leaves, as away.
        if start <= day and (end is None or day < end):
            raise DomainError(_("Away on this day (leave, abscondence, hospital or suspension)."), code="not_present")


def _check_not_future(day: date, *, field: str) -> None:
    if day > clock.today():
        raise DomainError(_("This date is in the future."), code="future", field=field)


def _named(member: TeamMembership | None, message: str) -> str:
    return message if member is None else f"{member.resident.full_name}: {message}"


__all__ = [
    "SheetRefused",
    "SheetRow",
    "add_member",
    "correct_entry",
    "form_team",
    "members_on",
    "record_produce",
    "remove_member",
    "save_day_sheet",
]
