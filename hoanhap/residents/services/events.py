"""Legal events while the episode runs: leave, abscondence and return, term reduction,
suspension, hospital stay."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.audit.writes import audited_write

from .. import terms
from ..errors import DomainError
from ..models import Episode, LegalEvent
from ..release import release_computation
from ..selectors import conduct_grades_by_month
from .common import months_text
from .specs import EVENT_SPECS, K
from .status import run_event


@audited_write(event="residents.leave_recorded")
def record_leave(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    leave_reason: str,
    days: int,
    travel_days: int,
    decision_number: str,
    decision_on: date | None,
    decided_by: str = "",
    place: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> LegalEvent:
    """Funeral leave for a parent, spouse or child, decided by the director: up to the legal
    days plus travel (terms.check_funeral_leave). It counts as served."""

    def own(episode: Episode) -> dict[str, Any]:
        if leave_reason not in LegalEvent.LeaveReason.values:
            raise DomainError(_("Choose the reason for the leave."), code="required", field="leave_reason")
        try:
            terms.check_funeral_leave(days=days, travel_days=travel_days, rule_set=terms.rule_set_on(occurred_on))
        except terms.LeaveError as error:
            field = "travel_days" if error.code == "negative_travel" else "days"
            raise DomainError.from_rule(error, field=field) from None
        back_on = occurred_on + timedelta(days=days + travel_days)
        return {"summary": gettext("back by %(date)s") % {"date": f"{back_on:%d/%m/%Y}"}}

    return run_event(
        EVENT_SPECS[K.LEAVE],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        own=own,
        leave_reason=leave_reason,
        days=days,
        travel_days=travel_days,
        place=place.strip(),
    )


@audited_write(event="residents.abscondence_recorded")
def record_abscondence(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    decision_number: str,
    decision_on: date | None,
    decided_by: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> LegalEvent:
    """The resident left without leave; the director's search decision is recorded. The clock
    stops until the return (Decree 116/2021 art. 56): the release date is unknown meanwhile."""

    def own(episode: Episode) -> dict[str, Any]:
        if decision_on is not None and decision_on < occurred_on:
            raise DomainError(
                _("The search decision cannot be dated before the abscondence."), code="invalid", field="decision_on"
            )
        return {}

    return run_event(
        EVENT_SPECS[K.ABSCONDENCE],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        own=own,
    )


def late_return_warning(days: int) -> str:
    return ngettext(
        "back %(days)s day late: counted as served (to be confirmed by a lawyer)",
        "back %(days)s days late: counted as served (to be confirmed by a lawyer)",
        days,
    ) % {"days": days}


@audited_write(event="residents.return_recorded")
def record_return(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    return_manner: str = "",
    decision_number: str = "",
    decision_on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> LegalEvent:
    """Back from leave, hospital or suspension, or after an abscondence (came back or brought
    back). Days away by abscondence or suspension extend the release date."""

    def own(episode: Episode) -> dict[str, Any]:
        period = (
            episode.legal_events.filter(kind__in=LegalEvent.PERIOD_KINDS, ended_on__isnull=True)
            .order_by("-occurred_on", "-id")
            .first()
        )
        if period is None:  # pragma: no cover - a status away from ACTIVE always has its open period
            raise DomainError(_("There is nothing to return from."), code="no_open_period")
        if return_manner and return_manner not in LegalEvent.ReturnManner.values:
            raise DomainError(_("Choose how the resident returned."), code="invalid", field="return_manner")
        manner = return_manner or LegalEvent.ReturnManner.CAME_BACK
        period.ended_on = occurred_on
        period.save()
        days_away = (occurred_on - period.occurred_on).days
        summary = gettext("from “%(event)s” of %(date)s, %(days)s days") % {
            "event": period.get_kind_display(),
            "date": f"{period.occurred_on:%d/%m/%Y}",
            "days": days_away,
        }
        late = 0
        if period.kind == K.LEAVE:
            late = terms.days_late_from_leave(
                left_on=period.occurred_on,
                back_on=occurred_on,
                days=period.days or 0,
                travel_days=period.travel_days or 0,
            )
        if late:
            # DOMAIN.md: funeral leave counts as served; days beyond it are not leave, but no
            # article we hold makes them absence, so they count as served, recorded on the return
            # (`days`) and shown with a warning until a lawyer confirms (terms.days_late_from_leave).
            summary = f"{summary} · {late_return_warning(late)}"
        return {
            "period": period,
            "return_manner": manner if period.kind == K.ABSCONDENCE else "",
            "days": late or None,
            "summary": summary,
        }

    return run_event(
        EVENT_SPECS[K.RETURN],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        note=note,
        own=own,
    )


# The refusals a smaller number of months may cure: shown beside the months.
MONTHS_REFUSALS = frozenset(
    {
        terms.RefusalReason.MONTHS_OUT_OF_RANGE,
        terms.RefusalReason.TOTAL_EXCEEDED,
        terms.RefusalReason.RELEASE_BEFORE_DECISION,
    }
)


@audited_write(event="residents.term_reduction_recorded")
def record_term_reduction(
    *,
    actor: User,
    episode: Episode,
    decision_number: str,
    decision_on: date,
    months: int,
    is_meritorious: bool = False,
    decided_by: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> LegalEvent:
    """A reduction of the term (Decree 116/2021 art. 58), refused with the reason unless half the
    term is served, each of the 3 calendar months before the decision is graded good or better,
    the months fit this decision and the 6 months in all (counting reductions at a facility the
    resident was transferred from), and the release date stays on or after the decision
    (terms.check_reduction).

    An approval-type event: needs MANAGE_RESIDENTS for now (APPROVE_DECISIONS may be required later).
    """

    def own(episode: Episode) -> dict[str, Any]:
        so_far = release_computation(episode, today=decision_on)
        try:
            terms.check_reduction(
                start_on=episode.clock_start_on,
                term_months=episode.term_months,
                decided_on=decision_on,
                grades=conduct_grades_by_month(episode, until=decision_on),
                months=months,
                meritorious=is_meritorious,
                credited_days=episode.credited_days,
                absent_days=so_far.absent_days,
                reduced_months=so_far.reduction_months,
            )
        except terms.ReductionRefused as error:
            field = "months" if error.code in MONTHS_REFUSALS else None
            raise DomainError.from_rule(error, field=field) from None
        return {}

    return run_event(
        EVENT_SPECS[K.TERM_REDUCTION],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=decision_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        own=own,
        months=months,
        is_meritorious=is_meritorious,
        summary=months_text(months),
    )


@audited_write(event="residents.suspension_recorded")
def record_suspension(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    decision_number: str,
    decision_on: date | None,
    decided_by: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> LegalEvent:
    """The execution is suspended (serious illness, family hardship): the clock stops until the
    resident returns (`record_return`)."""
    return run_event(
        EVENT_SPECS[K.SUSPENSION],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
    )


@audited_write(event="residents.hospital_transfer_recorded")
def record_hospital_transfer(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    place: str,
    decision_number: str,
    decision_on: date | None,
    decided_by: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> LegalEvent:
    """Treatment at a hospital, decided by the director; the time counts as served."""

    def own(episode: Episode) -> dict[str, Any]:
        if not place.strip():
            raise DomainError(_("Enter the hospital."), code="required", field="place")
        return {}

    return run_event(
        EVENT_SPECS[K.HOSPITAL],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        own=own,
        place=place.strip(),
        summary=place.strip(),
    )
