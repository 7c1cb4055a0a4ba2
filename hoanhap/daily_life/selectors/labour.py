"""Labour therapy: the reads, scoped to what the user may see (`AREAS["labour"].read`), one query
each: the teams with this week's hours, a team's members with their hours of a period, the hours of
each team and of each resident in a week or a month, a resident's hours week by week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncWeek

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import visible_to
from hoanhap.core.text import fold

from ..access import AREAS
from ..models import Produce, TeamMembership, WorkLog, WorkTeam
from ..rules.labour import week_of

READ = AREAS["labour"].read
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=8, decimal_places=2))


def month_of(day: date) -> tuple[date, date]:
    """The calendar month holding `day`: its first and last days."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def teams(user: User, *, week_of_day: date) -> QuerySet[WorkTeam]:
    """The user's teams with `member_count` (active members) and `week_hours` (the calendar week of
    `week_of_day`)."""
    monday, sunday = week_of(week_of_day)
    return (
        visible_to(WorkTeam.objects.all(), user, READ)
        .select_related("leader", "facility")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True), distinct=True),
            week_hours=Coalesce(Sum("logs__hours", filter=Q(logs__worked_on__range=(monday, sunday))), ZERO),
        )
        .order_by("facility", "name")
    )


def team_totals(user: User, start: date, end: date) -> dict[int, Decimal]:
    """Hours per team between `start` and `end` (a week, a month): {team id: hours}."""
    rows = (
        visible_to(WorkLog.objects.all(), user, READ)
        .filter(worked_on__range=(start, end))
        .values("team_id")
        .annotate(total=Sum("hours"))
        .values_list("team_id", "total")
    )
    return dict(rows)


def resident_totals(team: WorkTeam, start: date, end: date) -> dict[int, Decimal]:
    """Hours per resident of the team between `start` and `end`: {resident id: hours}."""
    rows = (
        WorkLog.objects.filter(team=team, worked_on__range=(start, end))
        .values("resident_id")
        .annotate(total=Sum("hours"))
        .values_list("resident_id", "total")
    )
    return dict(rows)


def active_members(team: WorkTeam) -> QuerySet[TeamMembership]:
    return (
        TeamMembership.objects.filter(team=team, left_on__isnull=True)
        .select_related("resident", "episode")
        .order_by("resident__name_sort_key", "pk")
    )


@dataclass(frozen=True)
class WeekHours:
    monday: date
    hours: Decimal
    cap: Decimal
    index: int = 0

    @property
    def percent(self) -> int:
        """The week's hours as a share of the weekly cap (the bar's height in the chart)."""
        return min(100, int(self.hours * 100 / self.cap)) if self.cap else 0

    @property
    def gap(self) -> int:
        return 100 - self.percent

    @property
    def x(self) -> int:
        """The bar's place in the chart: 10 units a week, oldest on the left."""
        return self.index * 10 + 1


def weekly_hours(user: User, resident_id: int, *, until: date, weeks: int = 12) -> list[WeekHours]:
    """The resident's hours per calendar week, the last `weeks` weeks up to `until` (weeks without
    work at 0), oldest first. One query."""
    from ..rules.labour import rule_set_on

    last_monday, last_sunday = week_of(until)
    first_monday = last_monday - timedelta(weeks=weeks - 1)
    rows = (
        visible_to(WorkLog.objects.all(), user, READ)
        .filter(resident_id=resident_id, worked_on__range=(first_monday, last_sunday))
        .annotate(week=TruncWeek("worked_on"))
        .values("week")
        .annotate(total=Sum("hours"))
        .values_list("week", "total")
    )
    by_week = {(week.date() if hasattr(week, "date") else week): total for week, total in rows}
    cap = rule_set_on(until).max_hours_per_week
    return [
        WeekHours(monday, by_week.get(monday, Decimal(0)), cap, n)
        for n, monday in enumerate(first_monday + timedelta(weeks=n) for n in range(weeks))
    ]


def resident_logs(user: User, resident_id: int) -> QuerySet[WorkLog]:
    return visible_to(WorkLog.objects.all(), user, READ).filter(resident_id=resident_id).select_related("team")


def work_logs(user: User, *, team_id: int | None, start: date, end: date, q: str = "") -> QuerySet[WorkLog]:
    """The work log entries of the user's facilities between `start` and `end`, of one team or
    all, of residents whose name holds every word of `q` (without diacritics)."""
    logs = (
        visible_to(WorkLog.objects.all(), user, READ)
        .filter(worked_on__range=(start, end))
        .select_related("resident", "team", "recorded_by")
    )
    if team_id is not None:
        logs = logs.filter(team_id=team_id)
    for word in fold(q).split():
        logs = logs.filter(resident__search_text__contains=word)
    return logs


def hours_of(logs: QuerySet[WorkLog]) -> Decimal:
    return logs.aggregate(total=Coalesce(Sum("hours"), ZERO))["total"]


def produce(user: User) -> QuerySet[Produce]:
    return visible_to(Produce.objects.all(), user, READ).select_related("team", "recorded_by")


def team_choices(facility_id: int) -> list[tuple[int, str]]:
    """The facility's active teams, offered by pages that work on a team's residents at once (the
    monthly grading sheet: `core.registry.resident_groups`)."""
    teams = WorkTeam.objects.filter(facility_id=facility_id, is_active=True).order_by("name")
    return list(teams.values_list("pk", "name"))


def team_episode_ids(facility_id: int, team_id: int) -> QuerySet[TeamMembership, int]:
    """The episodes of the team's present members; none for another facility's team."""
    members = TeamMembership.objects.filter(team_id=team_id, team__facility_id=facility_id, left_on__isnull=True)
    return members.values_list("episode_id", flat=True)


def members_on(team: WorkTeam, day: date) -> QuerySet[TeamMembership]:
    """Who was in the team on `day` (joined by then, not left before), with their episodes."""
    return (
        TeamMembership.objects.filter(team=team, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .select_related("episode__resident")
    )
