"""Daily life's cards on the resident page (`core.registry.resident_sections`): the work team and
this week's hours, the courses, the prizes, this month's supplies. Each reads the resident's rows
at the resident's facility in a fixed number of queries, and is left out when it has nothing to say."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoanhap.core import clock, registry

from .access import AREAS
from .models import Deposit, Enrolment, Prize, SupplyIssue, TeamMembership, Visit, WorkLog
from .rules import labour as labour_rules


def labour(user: Any, resident: Any) -> dict[str, Any] | None:
    """Two queries: the team now, and the hours of this week and this month."""
    today = clock.today()
    membership = (
        TeamMembership.objects.filter(resident=resident, facility_id=resident.facility_id, left_on__isnull=True)
        .select_related("team")
        .first()
    )
    monday, sunday = labour_rules.week_of(today)
    first = today.replace(day=1)
    # Only this week's and this month's rows: the (resident, day) index reads a month, not years.
    logs = WorkLog.objects.filter(
        resident=resident, facility_id=resident.facility_id, worked_on__gte=min(monday, first), worked_on__lte=sunday
    )
    totals = logs.aggregate(
        week=Sum("hours", filter=_between(monday, sunday)), month=Sum("hours", filter=_between(first, today))
    )
    if membership is None and not totals["month"]:
        return None
    return {
        "team": membership.team if membership else None,
        "week": totals["week"] or 0,
        "week_cap": labour_rules.rule_set_on(today).max_hours_per_week,
        "month": totals["month"] or 0,
        "url": reverse("daily_life:resident-hours", args=[resident.pk]),
    }


def courses(user: Any, resident: Any) -> dict[str, Any] | None:
    """One query: the resident's courses at the facility, the current ones first."""
    enrolments = list(
        Enrolment.objects.filter(resident=resident, facility_id=resident.facility_id)
        .select_related("course", "certificate")
        .order_by("left_on", "-course__starts_on")[:6]
    )
    return {"enrolments": enrolments} if enrolments else None


def prizes(user: Any, resident: Any) -> dict[str, Any] | None:
    """One query: the prizes the resident won at the facility, latest first."""
    won = list(
        Prize.objects.filter(resident=resident, facility_id=resident.facility_id)
        .select_related("competition")
        .order_by("-competition__held_on", "-pk")[:5]
    )
    return {"prizes": won} if won else None


def supplies(user: Any, resident: Any) -> dict[str, Any] | None:
    """One query: what was issued to the resident this month and this year, by item."""
    today = clock.today()
    issued = (
        SupplyIssue.objects.filter(
            resident=resident,
            facility_id=resident.facility_id,
            period__gte=today.replace(month=1, day=1),
            period__lte=today.replace(month=12, day=31),
        )
        .values("item", "episode_id")
        .annotate(total=Sum("quantity"))
        .order_by("item")
    )
    labels = dict(SupplyIssue._meta.get_field("item").choices or [])
    rows = [{"label": labels.get(row["item"], row["item"]), "total": row["total"]} for row in issued]
    if not rows:
        return None
    # The page of what is due and issued is the episode's: the one the latest issues count towards.
    episode_id = max(row["episode_id"] for row in issued)
    return {"rows": rows, "year": today.year, "url": reverse("daily_life:supplies-resident", args=[episode_id])}


def visits(user: Any, resident: Any) -> dict[str, Any] | None:
    """Three queries: the last and the next visit, and the money held (the ledger's last row)."""
    now = timezone.now()
    here = Visit.objects.filter(resident=resident, facility_id=resident.facility_id).exclude(
        status=Visit.Status.CANCELLED
    )
    last = here.filter(starts_at__lte=now).order_by("-starts_at").first()
    upcoming = here.filter(starts_at__gt=now).order_by("starts_at").first()
    ledger = Deposit.objects.filter(resident=resident, facility_id=resident.facility_id).order_by("-pk").first()
    if last is None and upcoming is None and ledger is None:
        return None
    return {
        "last": last,
        "next": upcoming,
        "balance": ledger.balance_after if ledger else 0,
        "url": reverse("daily_life:visit-resident", args=[resident.pk]),
    }


def _between(start: Any, end: Any) -> Q:
    return Q(worked_on__gte=start, worked_on__lte=end)


def register() -> None:
    for key, title, area, context, order in (
        ("daily_life.labour", _("Work team and hours"), "labour", labour, 20),
        ("daily_life.courses", _("Classes and courses"), "courses", courses, 21),
        ("daily_life.prizes", _("Prizes"), "events", prizes, 22),
        ("daily_life.visits", _("Visits and money held"), "visits", visits, 23),
        ("daily_life.supplies", _("Supplies issued this year"), "entitlements", supplies, 24),
    ):
        registry.resident_sections.register(
            registry.ResidentSection(
                key=key,
                title=title,
                capabilities=frozenset(str(capability) for capability in AREAS[area].read),
                template=f"daily_life/sections/{key.split('.')[1]}.html",
                context=context,
                order=order,
            )
        )
