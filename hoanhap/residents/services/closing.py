"""Legal events that close an episode: exemption, death, transfer, completion (with its
certificate and the aftercare hand-over), discharge."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.audit.writes import audited_write
from hoanhap.core.locking import bump_version, lock_row, locked
from hoanhap.core.models import Facility

from .. import terms
from ..errors import DomainError
from ..models import Aftercare, CompletionCertificate, Episode, LegalEvent, Resident
from ..release import release_computation
from .admission import open_episode
from .common import decision_summary, months_text, record_timeline_event, refresh_schedule
from .registration import next_record_number
from .specs import EVENT_SPECS, K, S
from .status import begin_event, record_event, run_event


@audited_write(event="residents.exemption_recorded")
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
    return run_event(
        EVENT_SPECS[K.EXEMPTION],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
    )


@audited_write(event="residents.death_recorded")
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
    return run_event(
        EVENT_SPECS[K.DEATH],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        note=note,
        place=place.strip(),
    )


@audited_write(event="residents.transfer_recorded")
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
    spec = EVENT_SPECS[K.TRANSFER]
    episode = begin_event(
        spec,
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
    )
    if to_facility.pk == episode.facility_id or not to_facility.is_active:
        raise DomainError(_("Choose another, active facility."), code="invalid", field="to_facility")
    carried = release_computation(episode, today=occurred_on)
    record_event(
        spec,
        actor=actor,
        episode=episode,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        to_facility=to_facility,
        summary=str(to_facility),
    )
    resident: Resident = locked(episode.resident)
    sending = episode.facility
    lock_row(Facility, to_facility.pk)
    if Resident.objects.filter(facility=to_facility, record_number=resident.record_number).exists():
        resident.record_number = next_record_number(to_facility)
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
    open_episode(continued)
    record_timeline_event(
        actor=actor,
        resident=resident,
        kind="residents.transfer_in",
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


@audited_write(event="residents.episode_completed")
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
    spec = EVENT_SPECS[K.COMPLETION]
    episode = begin_event(
        spec, actor=actor, episode=episode, expected_version=expected_version, occurred_on=occurred_on
    )
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
    lock_row(Facility, episode.facility_id)
    sequence, number = _next_certificate_number(episode.facility_id, occurred_on.year)
    record_event(
        spec,
        actor=actor,
        episode=episode,
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
        kind="residents.aftercare_started",
        occurred_on=occurred_on,
        summary=" · ".join(filter(None, [aftercare.commune, aftercare.province, months_text(months)])),
        episode=episode,
        source=aftercare,
    )
    return certificate


@audited_write(event="residents.discharge_recorded")
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

    def own(episode: Episode) -> dict[str, Any]:
        if discharge_reason == LegalEvent.DischargeReason.VOLUNTARY_REQUEST:
            kind = terms.EpisodeKind(episode.kind)
            if kind != terms.EpisodeKind.VOLUNTARY:
                raise DomainError(
                    _("Only voluntary rehab ends at the person's request."),
                    code="not_voluntary",
                    field="discharge_reason",
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
        return {"summary": str(LegalEvent.DischargeReason(discharge_reason).label)}

    return run_event(
        EVENT_SPECS[K.DISCHARGE],
        actor=actor,
        episode=episode,
        expected_version=expected_version,
        occurred_on=occurred_on,
        decision_number=decision_number,
        decision_on=decision_on,
        decided_by=decided_by,
        note=note,
        own=own,
        discharge_reason=discharge_reason,
    )
