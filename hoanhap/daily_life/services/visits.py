"""Family visits, parcels and money: the audited writes.

Each service checks the visit officer's capability (`AREAS["visits"].write`) in the record's
facility, applies the dated rules (`rules/visits.py`, Decree 116/2021/NĐ-CP art. 69) and refuses
with a `DomainError` naming the rule before anything is written. Writes about one resident lock the
resident's row first, so two officers booking the same week, or two withdrawals at once, are
serialised and the second sees the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.writes import audited_write
from hoanhap.core import clock
from hoanhap.core.dates import check_not_future
from hoanhap.core.errors import DomainError, RuleError
from hoanhap.core.locking import bump_version, lock_row, locked
from hoanhap.core.state import Move, StateMachine
from hoanhap.residents import selectors as residents_selectors
from hoanhap.residents.services import record_timeline_event

from ..access import require_write
from ..models import Deposit, Parcel, Visit, Visitor
from ..models.visits import normalise_id_number, validate_id_number
from ..rules import visits as rules

if TYPE_CHECKING:
    from hoanhap.residents.models import Episode

MOVE_LABELS: dict[str, Any] = {
    "check_in": _("Check in"),
    "check_out": _("Check out"),
    "cancel": _("Cancel"),
    "approve": _("Approve a longer visit"),
}

VISIT_STATES = StateMachine(
    "daily_life.visit",
    moves={
        "check_in": Move(source={Visit.Status.BOOKED}, target=Visit.Status.CHECKED_IN),
        "check_out": Move(source={Visit.Status.CHECKED_IN}, target=Visit.Status.DONE),
        "cancel": Move(source={Visit.Status.BOOKED}, target=Visit.Status.CANCELLED),
        "approve": Move(source={Visit.Status.BOOKED, Visit.Status.CHECKED_IN}, target=None),
    },
    status_label=lambda value: Visit.Status(value).label,
    move_label=lambda name: MOVE_LABELS[name],
)


@dataclass(frozen=True)
class VisitorData:
    full_name: str
    id_number: str
    relation: str


def _lock_resident(resident_id: int) -> None:
    lock_row(Deposit._meta.get_field("resident").related_model, resident_id)  # type: ignore[arg-type]


def _refuse(error: RuleError, field: str | None = None) -> DomainError:
    return DomainError.from_rule(error, field=field)


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _check_visitors(visitors: Sequence[VisitorData]) -> list[VisitorData]:
    cleaned = []
    for index, visitor in enumerate(visitors, start=1):
        name = " ".join(visitor.full_name.split())
        if not name:
            raise DomainError(_("Visitor %(n)s: enter the full name."), code="visitor_name", field="visitors", n=index)
        if not visitor.id_number.strip():
            raise DomainError(
                _("Visitor %(n)s (%(name)s) has no identity paper: a visitor is identified (%(citation)s)."),
                code="visitor_without_id",
                field="visitors",
                n=index,
                name=name,
                citation=rules.DECREE_116_ART_69,
            )
        try:
            validate_id_number(visitor.id_number)
        except ValidationError as error:
            raise DomainError(
                _("Visitor %(n)s (%(name)s): %(problem)s"),
                code="visitor_invalid_id",
                field="visitors",
                n=index,
                name=name,
                problem=" ".join(str(m) for m in error.messages),
            ) from None
        if visitor.relation not in Visitor.Relation.values:
            raise DomainError(
                _("Visitor %(n)s: choose the relation."), code="visitor_relation", field="visitors", n=index
            )
        cleaned.append(VisitorData(name, normalise_id_number(visitor.id_number), visitor.relation))
    numbers = [visitor.id_number for visitor in cleaned]
    if len(set(numbers)) != len(numbers):
        raise DomainError(_("The same ID number is entered twice."), code="visitor_twice", field="visitors")
    return cleaned


def check_booking(
    *,
    episode: Episode,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    visitors: Sequence[VisitorData],
    approved: bool = False,
    excluding: int | None = None,
) -> list[VisitorData]:
    """Every rule of a booking, in the order a visit officer reads them; the first broken one is
    refused with a DomainError naming it. Returns the visitors, cleaned."""
    try:
        rules.check_times(starts_at, ends_at)
    except RuleError as error:
        raise _refuse(error, "ends_at") from None
    day = _local_day(starts_at)
    try:
        rule_set = rules.rule_set_on(day)
    except RuleError as error:
        raise _refuse(error, "starts_at") from None
    if not residents_selectors.is_present(episode):
        raise DomainError(
            _("This resident is not at the facility now (on leave, in hospital or away)."),
            code="not_present",
            field="resident",
        )
    cleaned = _check_visitors(visitors)
    try:
        rules.check_relatives(rule_set, len(cleaned))
    except RuleError as error:
        raise _refuse(error, "visitors") from None
    others = Visit.objects.filter(resident_id=episode.resident_id).exclude(status=Visit.Status.CANCELLED)
    if excluding is not None:
        others = others.exclude(pk=excluding)
    overlapping = others.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if overlapping is not None:
        start, end = timezone.localtime(overlapping.starts_at), timezone.localtime(overlapping.ends_at)
        raise DomainError(
            _("This resident already has a visit booked from %(start)s to %(end)s: the times overlap."),
            code="double_booking",
            field="starts_at",
            start=f"{start:%d/%m/%Y %H:%M}",
            end=f"{end:%d/%m/%Y %H:%M}",
        )
    try:
        if kind == Visit.Kind.SPOUSE_STAY:
            rules.check_spouse_present(any(v.relation == Visitor.Relation.SPOUSE for v in cleaned))
            rules.check_spouse_stay_length(rule_set, starts_at, ends_at)
            days = [
                _local_day(moment)
                for moment in others.filter(kind=Visit.Kind.SPOUSE_STAY).values_list("starts_at", flat=True)
            ]
            rules.check_spouse_stays_this_month(rule_set, day, days)
        else:
            rules.check_ordinary_length(rule_set, starts_at, ends_at, approved=approved)
            days = [
                _local_day(moment)
                for moment in others.filter(kind=Visit.Kind.ORDINARY).values_list("starts_at", flat=True)
            ]
            rules.check_visits_this_week(rule_set, day, days)
    except RuleError as error:
        field = {
            "weekly_visit_used": "starts_at",
            "monthly_spouse_stay_used": "starts_at",
            "spouse_missing": "visitors",
        }
        raise _refuse(error, field.get(error.code, "ends_at")) from None
    return cleaned


@audited_write(event="daily_life.visit_booked")
def book_visit(
    *,
    actor: User,
    episode: Episode,
    kind: str = Visit.Kind.ORDINARY,
    starts_at: datetime,
    ends_at: datetime,
    visitors: Sequence[VisitorData],
    note: str = "",
) -> Visit:
    """Book a visit. An ordinary visit longer than the rule's hours is booked only by the director
    (APPROVE_DECISIONS), who approves it in doing so; a visit officer books up to the rule's hours
    and asks the director to approve a longer one (`approve_visit_extension`)."""
    require_write(actor, "visits", episode.facility_id)
    _lock_resident(episode.resident_id)
    approved = has_capability(actor, Capability.APPROVE_DECISIONS, episode.facility_id)
    cleaned = check_booking(
        episode=episode, kind=kind, starts_at=starts_at, ends_at=ends_at, visitors=visitors, approved=approved
    )
    is_long = kind == Visit.Kind.ORDINARY and ends_at - starts_at > _ordinary_length(starts_at)
    visit = Visit.objects.create(
        facility_id=episode.facility_id,
        resident_id=episode.resident_id,
        episode=episode,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        booked_by=actor,
        approved_by=actor if is_long else None,
        note=note.strip(),
    )
    for visitor in cleaned:
        Visitor.objects.create(
            facility_id=episode.facility_id,
            visit=visit,
            full_name=visitor.full_name,
            id_number=visitor.id_number,
            relation=visitor.relation,
        )
    local = timezone.localtime(starts_at)
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        episode=episode,
        kind="daily_life.visit_booked",
        occurred_on=local.date(),
        summary=f"{visit.get_kind_display()} {local:%H:%M}, {len(cleaned)} {_('visitors')}",
        facility_id=episode.facility_id,
        source=visit,
    )
    return visit


def _ordinary_length(starts_at: datetime) -> timedelta:
    return timedelta(hours=rules.rule_set_on(_local_day(starts_at)).visit_hours)


def _move(actor: User, visit: Visit, move: str, expected_version: int | None) -> Visit:
    require_write(actor, "visits", visit.facility_id)
    visit = locked(visit, expected_version)
    VISIT_STATES.move(visit, move)
    if move == "check_in":
        visit.checked_in_at = timezone.now()
    elif move == "check_out":
        visit.checked_out_at = timezone.now()
    bump_version(visit)
    visit.save()
    return visit


@audited_write(event="daily_life.visit_checked_in")
def check_in_visit(*, actor: User, visit: Visit, expected_version: int | None = None) -> Visit:
    """The visitors are at the gate, their papers checked: the visit begins."""
    return _move(actor, visit, "check_in", expected_version)


@audited_write(event="daily_life.visit_checked_out")
def check_out_visit(*, actor: User, visit: Visit, expected_version: int | None = None) -> Visit:
    return _move(actor, visit, "check_out", expected_version)


@audited_write(event="daily_life.visit_cancelled")
def cancel_visit(*, actor: User, visit: Visit, expected_version: int | None = None, reason: str = "") -> Visit:
    visit = _move(actor, visit, "cancel", expected_version)
    if reason.strip():
        visit.note = f"{visit.note} · {reason.strip()}".strip(" ·")[:300]
        visit.save(update_fields=["note", "updated_at"])
    record_timeline_event(
        actor=actor,
        resident=visit.episode.resident,
        episode=visit.episode,
        kind="daily_life.visit_cancelled",
        occurred_on=_local_day(visit.starts_at),
        summary=str(visit.get_kind_display()),
        facility_id=visit.facility_id,
        source=visit,
    )
    return visit


@audited_write(event="daily_life.visit_extension_approved")
def approve_visit_extension(
    *, actor: User, visit: Visit, ends_at: datetime, expected_version: int | None = None
) -> Visit:
    """The director lets an ordinary visit run past the rule's hours, up to the approved hours."""
    if not has_capability(actor, Capability.APPROVE_DECISIONS, visit.facility_id):
        raise PermissionDenied
    visit = locked(visit, expected_version)
    VISIT_STATES.check(visit, "approve")
    if visit.kind != Visit.Kind.ORDINARY:
        raise DomainError(_("Only an ordinary visit is extended."), code="not_ordinary", field="ends_at")
    rule_set = rules.rule_set_on(_local_day(visit.starts_at))
    try:
        rules.check_times(visit.starts_at, ends_at)
        rules.check_ordinary_length(rule_set, visit.starts_at, ends_at, approved=True)
    except RuleError as error:
        raise _refuse(error, "ends_at") from None
    clash = (
        Visit.objects.filter(resident_id=visit.resident_id, starts_at__lt=ends_at, ends_at__gt=visit.starts_at)
        .exclude(Q(pk=visit.pk) | Q(status=Visit.Status.CANCELLED))
        .exists()
    )
    if clash:
        raise DomainError(
            _("This resident has another visit in that time: the times overlap."),
            code="double_booking",
            field="ends_at",
        )
    visit.ends_at = ends_at
    visit.approved_by = actor
    bump_version(visit)
    visit.save()
    return visit


@audited_write(event="daily_life.parcel_recorded")
def record_parcel(
    *,
    actor: User,
    episode: Episode,
    received_on: date,
    handed_in_by: str,
    handed_in_relation: str = Visitor.Relation.OTHER,
    items: str,
    status: str,
    refusal_reason: str = "",
) -> Parcel:
    """Items handed in for a resident, inspected: accepted, partly accepted or refused. What is
    refused is recorded with the reason (Decree 116/2021/NĐ-CP art. 69: parcels are inspected)."""
    require_write(actor, "visits", episode.facility_id)
    check_not_future(received_on, field="received_on")
    if not items.strip():
        raise DomainError(_("List the items handed in."), code="required", field="items")
    if not handed_in_by.strip():
        raise DomainError(_("Enter who handed the items in."), code="required", field="handed_in_by")
    if status != Parcel.Status.ACCEPTED and not refusal_reason.strip():
        raise DomainError(
            _("Say why items were refused (which items, which rule)."), code="reason_required", field="refusal_reason"
        )
    parcel = Parcel.objects.create(
        facility_id=episode.facility_id,
        resident_id=episode.resident_id,
        received_on=received_on,
        handed_in_by=" ".join(handed_in_by.split()),
        handed_in_relation=handed_in_relation,
        items=items.strip(),
        status=status,
        refusal_reason=refusal_reason.strip() if status != Parcel.Status.ACCEPTED else "",
        inspected_by=actor,
    )
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        episode=episode,
        kind="daily_life.parcel_recorded",
        occurred_on=received_on,
        summary=str(parcel.get_status_display()),
        facility_id=episode.facility_id,
        source=parcel,
    )
    return parcel


def current_balance(resident_id: int) -> int:
    latest = Deposit.objects.filter(resident_id=resident_id).order_by("-pk").values_list("balance_after", flat=True)
    return latest.first() or 0


@audited_write(event="daily_life.money_moved")
def record_money_movement(
    *,
    actor: User,
    episode: Episode,
    kind: str,
    amount: int,
    occurred_on: date | None = None,
    reason: str = "",
) -> Deposit:
    """A deposit or a withdrawal of the money kept for the resident, signed by `actor`. The
    resident's row is locked first: two withdrawals at once are serialised and the second sees
    the first's balance; a withdrawal above the balance is refused and nothing is written."""
    require_write(actor, "visits", episode.facility_id)
    if kind not in Deposit.Kind.values:
        raise DomainError(_("Choose deposit or withdrawal."), code="invalid", field="kind")
    occurred_on = occurred_on or clock.today()
    check_not_future(occurred_on, field="occurred_on")
    _lock_resident(episode.resident_id)
    try:
        balance = rules.balance_after(current_balance(episode.resident_id), kind=kind, amount=amount)
    except RuleError as error:
        raise _refuse(error, "amount") from None
    movement = Deposit.objects.create(
        facility_id=episode.facility_id,
        resident_id=episode.resident_id,
        kind=kind,
        amount=amount,
        balance_after=balance,
        occurred_on=occurred_on,
        reason=reason.strip(),
        recorded_by=actor,
    )
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        episode=episode,
        kind="daily_life.money_moved",
        occurred_on=occurred_on,
        summary=str(movement.get_kind_display()),  # the amount is kept off the timeline
        facility_id=episode.facility_id,
        source=movement,
    )
    return movement
