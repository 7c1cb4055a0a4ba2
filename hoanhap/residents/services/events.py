"""Legal events of an episode and the status they lead to.

The status of an episode changes in one place, `_move_status`, after `check_status_move` has
found the move in STATUS_MOVES (the allowed moves, as data). Every event is a LegalEvent row
with the document that decided it, and a timeline row, written in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.core.models import Facility

from .. import terms
from ..errors import DomainError
from ..models import Aftercare, CompletionCertificate, Episode, LegalEvent, Resident
from ..release import release_computation
from ..selectors import last_conduct_grades
from .admission import create_checklist
from .common import (
    as_actor,
    bump_version,
    check_not_before,
    check_not_future,
    decision_summary,
    locked,
    months_text,
    record_timeline_event,
    refresh_schedule,
    require_manage,
)
from .registration import _next_record_number

S = Episode.Status
K = LegalEvent.Kind
OPEN_STATUSES = frozenset(status for status in S if status != S.CLOSED)

# Which events may be recorded in which status, and the status they lead to (None: unchanged).
STATUS_MOVES: Mapping[str, tuple[frozenset[str], str | None]] = {
    K.LEAVE: (frozenset({S.ACTIVE}), S.ON_LEAVE),
    # Not coming back from leave or from hospital is an abscondence too.
    K.ABSCONDENCE: (frozenset({S.ACTIVE, S.ON_LEAVE, S.IN_HOSPITAL}), S.ABSCONDED),
    K.HOSPITAL: (frozenset({S.ACTIVE}), S.IN_HOSPITAL),
    K.POSTPONEMENT: (frozenset({S.ACTIVE, S.IN_HOSPITAL}), S.SUSPENDED),
    K.RETURN: (frozenset({S.ON_LEAVE, S.ABSCONDED, S.IN_HOSPITAL, S.SUSPENDED}), S.ACTIVE),
    K.TERM_REDUCTION: (frozenset({S.ACTIVE, S.ON_LEAVE, S.IN_HOSPITAL}), None),
    K.EXEMPTION: (OPEN_STATUSES, S.CLOSED),
    K.TRANSFER: (frozenset({S.ACTIVE}), S.CLOSED),
    K.DEATH: (OPEN_STATUSES, S.CLOSED),
    K.COMPLETION: (frozenset({S.ACTIVE}), S.CLOSED),
    K.DISCHARGE: (frozenset({S.ACTIVE, S.IN_HOSPITAL, S.SUSPENDED}), S.CLOSED),
}
OUTCOMES: Mapping[str, str] = {
    K.EXEMPTION: Episode.Outcome.EXEMPTED,
    K.TRANSFER: Episode.Outcome.TRANSFERRED,
    K.DEATH: Episode.Outcome.DIED,
    K.COMPLETION: Episode.Outcome.COMPLETED,
    K.DISCHARGE: Episode.Outcome.RELEASED_EARLY,
}
# Events that need the number and date of the decision that ordered them.
DECISION_REQUIRED = frozenset(
    {K.LEAVE, K.ABSCONDENCE, K.TERM_REDUCTION, K.POSTPONEMENT, K.EXEMPTION, K.HOSPITAL, K.TRANSFER, K.DISCHARGE}
)


def allowed_events(episode: Episode) -> list[str]:
    """The events the episode's status allows now, for the page's buttons."""
    return [kind for kind, (allowed, _target) in STATUS_MOVES.items() if episode.status in allowed]


def check_status_move(episode: Episode, kind: str) -> None:
    allowed, _target = STATUS_MOVES[kind]
    if episode.status not in allowed:
        raise DomainError(
            _("“%(event)s” cannot be recorded while the resident's status is “%(status)s”."),
            code="status_not_allowed",
            event=K(kind).label,
            status=episode.get_status_display(),
        )


def _move_status(episode: Episode, kind: str, *, on: date) -> None:
    """The only assignment of Episode.status: ends the running period (leave, hospital…) and, for
    a closing event, sets the outcome and the closing date."""
    check_status_move(episode, kind)
    target = STATUS_MOVES[kind][1]
    if target is None:
        return
    if kind != K.RETURN:
        for period in episode.legal_events.filter(kind__in=LegalEvent.PERIOD_KINDS, ended_on__isnull=True):
            period.ended_on = on
            period.save()
    episode.status = target
    if target == S.CLOSED:
        episode.outcome = OUTCOMES[kind]
        episode.closed_on = on


def _last_event_on(episode: Episode) -> date | None:
    dates = episode.legal_events.aggregate(started=Max("occurred_on"), ended=Max("ended_on"))
    return max(filter(None, dates.values()), default=None)


def _check_event(
    episode: Episode, *, kind: str, occurred_on: date, decision_number: str, decision_on: date | None
) -> None:
    check_status_move(episode, kind)
    check_not_future(occurred_on, field="occurred_on")
    earliest = max(filter(None, [episode.admitted_on, _last_event_on(episode)]))
    check_not_before(occurred_on, earliest, field="occurred_on")
    if kind in DECISION_REQUIRED:
        if not decision_number.strip():
            raise DomainError(_("Enter the number of the decision."), code="required", field="decision_number")
        if decision_on is None:
            raise DomainError(_("Enter the date of the decision."), code="required", field="decision_on")
    check_not_future(decision_on, field="decision_on")


def _record(
    *,
    actor: User,
    episode: Episode,
    kind: str,
    occurred_on: date,
    decision_number: str = "",
    decision_on: date | None = None,
    decided_by: str = "",
    note: str = "",
    timeline_kind: str | None = None,
    summary: str = "",
    **details: Any,
) -> LegalEvent:
    """Move the status, write the event, refresh the release date and plan, and journal it."""
    _move_status(episode, kind, on=occurred_on)
    event = LegalEvent.objects.create(
        facility_id=episode.facility_id,
        episode=episode,
        kind=kind,
        occurred_on=occurred_on,
        decision_number=decision_number.strip(),
        decision_on=decision_on,
        decided_by=decided_by.strip(),
        note=note.strip(),
        recorded_by=actor,
        **details,
    )
    if episode.is_open:
        refresh_schedule(episode)
    bump_version(episode)
    episode.save()
    record_timeline_event(
        actor=actor,
        resident=episode.resident,
        kind=timeline_kind or kind,
        occurred_on=occurred_on,
        summary=" · ".join(filter(None, [summary, decision_summary(event.decision_number, decision_on)])),
        episode=episode,
        source=event,
    )
    return event


def _start(actor: User, episode: Episode, expected_version: int | None) -> Episode:
    require_manage(actor, episode.facility_id)
    return locked(episode, expected_version)


# --- Events while the episode runs -------------------------------------------------------------


@as_actor
@transaction.atomic
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
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.LEAVE, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    if leave_reason not in LegalEvent.LeaveReason.values:
        raise DomainError(_("Choose the reason for the leave."), code="required", field="leave_reason")
    try:
        terms.check_funeral_leave(days=days, travel_days=travel_days, rule_set=terms.rule_set_on(occurred_on))
    except terms.LeaveError as error:
        raise DomainError.from_rule(error, field="travel_days" if error.code == "negative_travel" else "days") from None
    back_on = occurred_on + timedelta(days=days + travel_days)
    return _record(
        actor=actor,
        episode=episode,
        kind=K.LEAVE,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        leave_reason=leave_reason,
        days=days,
        travel_days=travel_days,
        place=place.strip(),
        summary=gettext("back by %(date)s") % {"date": f"{back_on:%d/%m/%Y}"},
    )


@as_actor
@transaction.atomic
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
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.ABSCONDENCE, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    if decision_on is not None and decision_on < occurred_on:
        raise DomainError(
            _("The search decision cannot be dated before the abscondence."), code="invalid", field="decision_on"
        )
    return _record(
        actor=actor,
        episode=episode,
        kind=K.ABSCONDENCE,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
    )


@as_actor
@transaction.atomic
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
    """Back from leave, hospital or postponement, or after an abscondence (came back or brought
    back). Days away by abscondence or postponement extend the release date."""
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.RETURN, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    period = (
        episode.legal_events.filter(kind__in=LegalEvent.PERIOD_KINDS, ended_on__isnull=True)
        .order_by("-occurred_on", "-id")
        .first()
    )
    if period is None:  # pragma: no cover - a status away from ACTIVE always has its open period
        raise DomainError(_("There is nothing to return from."), code="no_open_period")
    if return_manner and return_manner not in LegalEvent.ReturnManner.values:
        raise DomainError(_("Choose how the resident returned."), code="invalid", field="return_manner")
    if period.kind == K.ABSCONDENCE and not return_manner:
        return_manner = LegalEvent.ReturnManner.CAME_BACK
    period.ended_on = occurred_on
    period.save()
    days_away = (occurred_on - period.occurred_on).days
    summary = gettext("from “%(event)s” of %(date)s, %(days)s days") % {
        "event": period.get_kind_display(),
        "date": f"{period.occurred_on:%d/%m/%Y}",
        "days": days_away,
    }
    return _record(
        actor=actor,
        episode=episode,
        kind=K.RETURN,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        note=note,
        period=period,
        return_manner=return_manner if period.kind == K.ABSCONDENCE else "",
        summary=summary,
    )


@as_actor
@transaction.atomic
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
    term is served and the last 3 monthly conduct grades are good or better (terms.check_reduction).

    An approval-type event: needs MANAGE_RESIDENTS for now (APPROVE_DECISIONS may be required later).
    """
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode,
        kind=K.TERM_REDUCTION,
        occurred_on=decision_on,
        decision_number=decision_number,
        decision_on=decision_on,
    )
    so_far = release_computation(episode, today=decision_on)
    try:
        terms.check_reduction(
            start_on=episode.clock_start_on,
            term_months=episode.term_months,
            today=decision_on,
            last_grades=last_conduct_grades(episode, until=decision_on),
            months=months,
            meritorious=is_meritorious,
            credited_days=episode.credited_days,
            absent_days=so_far.absent_days,
        )
    except terms.ReductionRefused as error:
        field = "months" if error.code == terms.RefusalReason.MONTHS_OUT_OF_RANGE else None
        raise DomainError.from_rule(error, field=field) from None
    if so_far.reduction_months + months >= episode.term_months:
        raise DomainError(_("Reductions cannot take away the whole term."), code="too_much", field="months")
    return _record(
        actor=actor,
        episode=episode,
        kind=K.TERM_REDUCTION,
        occurred_on=decision_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        months=months,
        is_meritorious=is_meritorious,
        summary=months_text(months),
    )


@as_actor
@transaction.atomic
def record_postponement(
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
    """The execution is postponed (serious illness, family hardship): the clock stops until the
    resident returns (`record_return`)."""
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.POSTPONEMENT, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    return _record(
        actor=actor,
        episode=episode,
        kind=K.POSTPONEMENT,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
    )


@as_actor
@transaction.atomic
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
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.HOSPITAL, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    if not place.strip():
        raise DomainError(_("Enter the hospital."), code="required", field="place")
    return _record(
        actor=actor,
        episode=episode,
        kind=K.HOSPITAL,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        place=place.strip(),
        summary=place.strip(),
    )


# --- Events that close the episode -------------------------------------------------------------


@as_actor
@transaction.atomic
def record_exemption(
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
    """Exemption from the rest of the term (e.g. a minor of 14–18 sentenced to prison)."""
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.EXEMPTION, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    return _record(
        actor=actor,
        episode=episode,
        kind=K.EXEMPTION,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
    )


@as_actor
@transaction.atomic
def record_death(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    place: str = "",
    decision_number: str = "",
    decision_on: date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> LegalEvent:
    """Death, with the record that attests it (death certificate or minutes) when there is one."""
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.DEATH, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    return _record(
        actor=actor,
        episode=episode,
        kind=K.DEATH,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        note=note,
        place=place.strip(),
    )


@as_actor
@transaction.atomic
def record_transfer(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    to_facility: Facility,
    decision_number: str,
    decision_on: date | None,
    decided_by: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> Episode:
    """Transfer to another facility. The episode here closes (outcome TRANSFERRED) and one at the
    receiving facility continues the same term from the same stage, carrying the days absent and
    the reductions; the resident moves there and that facility sees them from this day. This
    facility keeps reading its own history (selectors.residents_visible_to). Returns the new episode."""
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.TRANSFER, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    if to_facility.pk == episode.facility_id or not to_facility.is_active:
        raise DomainError(_("Choose another, active facility."), code="invalid", field="to_facility")
    carried = release_computation(episode, today=occurred_on)
    _record(
        actor=actor,
        episode=episode,
        kind=K.TRANSFER,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        to_facility=to_facility,
        timeline_kind="transfer_out",
        summary=str(to_facility),
    )
    resident: Resident = locked(episode.resident)
    sending = episode.facility
    Facility.objects.select_for_update().filter(pk=to_facility.pk).first()
    if Resident.objects.filter(facility=to_facility, record_number=resident.record_number).exists():
        resident.record_number = _next_record_number(to_facility)
        resident.build_search_text()
    resident.facility = to_facility
    bump_version(resident)
    resident.save()
    continued = Episode(
        facility=to_facility,
        resident=resident,
        kind=episode.kind,
        stage=episode.stage,
        stage_since_on=episode.stage_since_on,
        status=S.ACTIVE,
        admitted_on=occurred_on,
        term_start_on=episode.clock_start_on,
        requested_on=episode.requested_on,
        term_months=episode.term_months,
        credited_days=episode.credited_days,
        prior_compulsory_count=episode.prior_compulsory_count,
        decision_number=episode.decision_number,
        decision_on=episode.decision_on,
        decided_by=episode.decided_by,
        transferred_from=episode,
        carried_absent_days=carried.absent_days,
        carried_reduction_months=carried.reduction_months,
    )
    refresh_schedule(continued)
    continued.save()
    if continued.stage == terms.Stage.RECEPTION:
        create_checklist(continued)
    record_timeline_event(
        actor=actor,
        resident=resident,
        kind="transfer_in",
        occurred_on=occurred_on,
        summary=" · ".join(filter(None, [str(sending), decision_summary(decision_number, decision_on)])),
        episode=continued,
        source=continued,
    )
    return continued


def _next_certificate_number(facility_id: int, year: int) -> tuple[int, str]:
    # The facility row is locked by the caller: numbers are drawn one at a time.
    last = CompletionCertificate.objects.filter(facility_id=facility_id, year=year).aggregate(n=Max("sequence"))["n"]
    sequence = (last or 0) + 1
    return sequence, CompletionCertificate.format_number(sequence=sequence, year=year)


@as_actor
@transaction.atomic
def complete_episode(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    signed_by_name: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> CompletionCertificate:
    """Completion: only once the term is served (the expected release date has come) and the stage
    allows it (terms.may_finish_after). Issues the numbered certificate ("15/2026/GCN") and hands the
    person over for aftercare at their commune or ward for the period the law sets (Law 73 art. 40).

    An approval-type event: needs MANAGE_RESIDENTS for now (APPROVE_DECISIONS may be required later).
    """
    episode = _start(actor, episode, expected_version)
    _check_event(episode, kind=K.COMPLETION, occurred_on=occurred_on, decision_number="", decision_on=None)
    kind = terms.EpisodeKind(episode.kind)
    if not terms.may_finish_after(kind, terms.Stage(episode.stage), rule_set=terms.rule_set_on(occurred_on)):
        raise DomainError(
            _("This rehab cannot end in the stage “%(stage)s”: the required stages are not completed (%(citation)s)."),
            code="stage_not_finished",
            stage=terms.Stage(episode.stage).label,
            citation=terms.STAGES_CITATION,
        )
    release = release_computation(episode, today=occurred_on)
    if occurred_on < release.expected_on:
        raise DomainError(
            _("The term ends on %(date)s (%(derivation)s): the episode cannot be completed before."),
            code="term_not_served",
            field="occurred_on",
            date=f"{release.expected_on:%d/%m/%Y}",
            derivation=release.derivation(),
        )
    Facility.objects.select_for_update().filter(pk=episode.facility_id).first()
    sequence, number = _next_certificate_number(episode.facility_id, occurred_on.year)
    _record(
        actor=actor,
        episode=episode,
        kind=K.COMPLETION,
        occurred_on=occurred_on,
        decision_number=number,
        decision_on=occurred_on,
        note=note,
    )
    certificate = CompletionCertificate.objects.create(
        facility_id=episode.facility_id,
        episode=episode,
        number=number,
        year=occurred_on.year,
        sequence=sequence,
        issued_on=occurred_on,
        issued_by=actor,
        signed_by_name=signed_by_name.strip(),
    )
    resident = episode.resident
    months = terms.aftercare_months(kind=kind, completed_on=occurred_on)
    aftercare = Aftercare.objects.create(
        facility_id=episode.facility_id,
        resident=resident,
        episode=episode,
        province=resident.current_province or resident.permanent_province,
        commune=resident.current_commune or resident.permanent_commune,
        starts_on=occurred_on,
        months=months,
        ends_on=terms.aftercare_ends_on(kind=kind, completed_on=occurred_on),
    )
    record_timeline_event(
        actor=actor,
        resident=resident,
        kind="aftercare_started",
        occurred_on=occurred_on,
        summary=" · ".join(filter(None, [aftercare.commune, aftercare.province, months_text(months)])),
        episode=episode,
        source=aftercare,
    )
    return certificate


@as_actor
@transaction.atomic
def discharge_episode(
    *,
    actor: User,
    episode: Episode,
    occurred_on: date,
    discharge_reason: str,
    decision_number: str,
    decision_on: date | None,
    decided_by: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> LegalEvent:
    """Release before the term is served, without a certificate: a voluntary resident who asks to
    stop once the required stages are done (Law 73 art. 29 cl. 2), or a decision the court
    cancelled. Any other release before the term ends is refused."""
    episode = _start(actor, episode, expected_version)
    _check_event(
        episode, kind=K.DISCHARGE, occurred_on=occurred_on, decision_number=decision_number, decision_on=decision_on
    )
    if discharge_reason == LegalEvent.DischargeReason.VOLUNTARY_REQUEST:
        kind = terms.EpisodeKind(episode.kind)
        if kind != terms.EpisodeKind.VOLUNTARY:
            raise DomainError(
                _("Only voluntary rehab ends at the person's request."), code="not_voluntary", field="discharge_reason"
            )
        if not terms.may_finish_after(kind, terms.Stage(episode.stage), rule_set=terms.rule_set_on(occurred_on)):
            raise DomainError(
                _("Voluntary rehab may end early only after the first three stages (%(citation)s)."),
                code="stage_not_finished",
                field="discharge_reason",
                citation=terms.STAGES_CITATION,
            )
    elif discharge_reason != LegalEvent.DischargeReason.DECISION_ANNULLED:
        raise DomainError(_("Choose the reason for the discharge."), code="required", field="discharge_reason")
    return _record(
        actor=actor,
        episode=episode,
        kind=K.DISCHARGE,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        discharge_reason=discharge_reason,
        summary=str(LegalEvent.DischargeReason(discharge_reason).label),
    )


EVENT_SERVICES: Mapping[str, Callable[..., Any]] = {
    K.LEAVE: record_leave,
    K.ABSCONDENCE: record_abscondence,
    K.RETURN: record_return,
    K.TERM_REDUCTION: record_term_reduction,
    K.POSTPONEMENT: record_postponement,
    K.EXEMPTION: record_exemption,
    K.HOSPITAL: record_hospital_transfer,
    K.TRANSFER: record_transfer,
    K.DEATH: record_death,
    K.COMPLETION: complete_episode,
    K.DISCHARGE: discharge_episode,
}


def record_legal_event(*, actor: User, episode: Episode, kind: str, **data: Any) -> Any:
    """One entry for the pages and the API: the service of `kind`, with its own checks."""
    try:
        service = EVENT_SERVICES[kind]
    except KeyError:
        raise DomainError(_("Unknown event."), code="unknown_event", field="kind") from None
    return service(actor=actor, episode=episode, **data)
