"""Legal events, the status machine and the release date (services/events.py, release.py)."""

from datetime import date
from typing import Any

import pytest
from auditlog.models import AbstractLogEntry
from django.core.exceptions import PermissionDenied

from hoanhap.audit.models import AuditEntry
from hoanhap.residents import services
from hoanhap.residents.errors import DomainError, StaleVersion
from hoanhap.residents.models import Aftercare, CompletionCertificate, Episode, LegalEvent, Resident, TimelineEvent
from hoanhap.residents.release import release_computation, stage_plan
from hoanhap.residents.terms import STAGE_ORDER, Stage

from .builders import admit, make_room, make_zone, register, tick_all

pytestmark = pytest.mark.django_db
K = LegalEvent.Kind
DECISION: dict[str, Any] = {"decision_number": "15/QĐ-CSCN", "decision_on": date(2026, 2, 1)}


@pytest.fixture
def episode(director, facility, men_room, today):
    """Compulsory, 24 months from 05/01/2026 (release 05/01/2028), in detox since 01/02/2026."""
    episode = admit(director, register(director, facility), men_room)
    tick_all(director, episode)
    return services.move_stage(actor=director, episode=episode, to_stage=Stage.DETOX, changed_on=date(2026, 2, 1))


def fresh(episode: Episode) -> Episode:
    return Episode.objects.get(pk=episode.pk)


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as error:
        call(**kwargs)
    assert str(error.value)
    return error.value


def through_stages(actor, episode, stages, dates):
    for stage, on in zip(stages, dates, strict=True):
        if episode.stage == Stage.RECEPTION:
            tick_all(actor, episode)
        episode = services.move_stage(actor=actor, episode=episode, to_stage=stage, changed_on=on)
    return episode


def abscond(actor, episode, on, decided_on=None):
    return services.record_abscondence(
        actor=actor, episode=episode, occurred_on=on, decision_number="7/QĐ-TN", decision_on=decided_on or on
    )


def come_back(actor, episode, on, manner=""):
    return services.record_return(actor=actor, episode=episode, occurred_on=on, return_manner=manner)


# --- Leave ---------------------------------------------------------------------------------------


def test_funeral_leave_counts_as_served(director, episode):
    leave = services.record_leave(
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        leave_reason="funeral_parent",
        days=5,
        travel_days=2,
        **DECISION,
    )
    assert fresh(episode).status == Episode.Status.ON_LEAVE
    assert fresh(episode).expected_release_on == date(2028, 1, 5)
    back = come_back(director, episode, date(2026, 3, 8))
    leave.refresh_from_db()
    assert (leave.ended_on, back.period) == (date(2026, 3, 8), leave)
    assert (fresh(episode).status, fresh(episode).expected_release_on) == ("active", date(2028, 1, 5))
    assert list(
        TimelineEvent.objects.filter(episode=episode, kind__in=["residents.leave", "residents.return"]).values_list(
            "kind", flat=True
        )
    )


def test_a_late_return_from_funeral_leave_is_recorded_and_warned(director, episode):
    """5 days + 2 of travel from 01/03/2026: due back 08/03, back 11/03, 3 days late. The days
    count as served (no article found that says otherwise; a lawyer must confirm)."""
    services.record_leave(
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        leave_reason="funeral_parent",
        days=5,
        travel_days=2,
        **DECISION,
    )
    back = come_back(director, episode, date(2026, 3, 11))
    assert back.days == 3
    assert fresh(episode).expected_release_on == date(2028, 1, 5)
    summary = TimelineEvent.objects.get(episode=episode, kind="residents.return").summary
    assert "back 3 days late: counted as served (to be confirmed by a lawyer)" in summary


def test_a_return_on_time_from_leave_records_no_late_days(director, episode):
    services.record_leave(
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        leave_reason="funeral_parent",
        days=5,
        travel_days=2,
        **DECISION,
    )
    assert come_back(director, episode, date(2026, 3, 8)).days is None
    assert "late" not in TimelineEvent.objects.get(episode=episode, kind="residents.return").summary


@pytest.mark.parametrize(
    ("days", "travel", "reason", "field"),
    [
        (6, 0, "funeral_parent", "days"),
        (0, 0, "funeral_parent", "days"),
        (3, -1, "funeral_parent", "travel_days"),
        (3, 0, "", "leave_reason"),
    ],
)
def test_leave_outside_the_rules_is_refused(director, episode, days, travel, reason, field):
    error = refused(
        services.record_leave,
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        leave_reason=reason,
        days=days,
        travel_days=travel,
        **DECISION,
    )
    assert error.field == field
    assert not LegalEvent.objects.exists()
    assert fresh(episode).status == "active"


# --- Abscondence and the release date ------------------------------------------------------------


def test_abscondence_stops_the_clock_until_the_return(director, episode):
    abscond(director, episode, date(2026, 2, 20), date(2026, 2, 21))
    assert (fresh(episode).status, fresh(episode).expected_release_on) == ("absconded", None)
    come_back(director, episode, date(2026, 4, 15), "brought_back")
    # 20/02 → 15/04 is 54 days away, spanning two month ends.
    episode = fresh(episode)
    assert (episode.status, episode.expected_release_on) == ("active", date(2028, 2, 28))
    computation = release_computation(episode, today=date(2026, 11, 10))
    assert computation.absent_days == 54
    assert "+54 days absent" in computation.derivation()
    assert LegalEvent.objects.get(kind=K.RETURN).return_manner == "brought_back"


def test_several_absences_add_up(director, episode):
    abscond(director, episode, date(2026, 2, 20))
    come_back(director, episode, date(2026, 3, 1))
    abscond(director, episode, date(2026, 5, 10))
    come_back(director, episode, date(2026, 6, 20))
    assert fresh(episode).expected_release_on == date(2028, 2, 24)  # +9 +41 days


def test_while_absconded_the_live_date_moves_every_day(director, episode, today):
    abscond(director, episode, date(2026, 11, 1))
    episode = fresh(episode)
    assert release_computation(episode, today=today.value).absent_days == 9
    assert release_computation(episode, today=date(2026, 11, 20)).absent_days == 19


def test_the_search_decision_is_not_dated_before_the_abscondence(director, episode):
    error = refused(
        services.record_abscondence,
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 2),
        decision_number="1",
        decision_on=date(2026, 3, 1),
    )
    assert error.field == "decision_on"


def test_not_coming_back_from_leave_is_an_abscondence_and_ends_the_leave(director, episode):
    leave = services.record_leave(
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        leave_reason="funeral_child",
        days=3,
        travel_days=1,
        **DECISION,
    )
    abscond(director, episode, date(2026, 3, 6))
    leave.refresh_from_db()
    assert leave.ended_on == date(2026, 3, 6)
    come_back(director, episode, date(2026, 3, 16))
    assert fresh(episode).expected_release_on == date(2028, 1, 15)


# --- Hospital and suspension -----------------------------------------------------------------------


def test_a_hospital_stay_counts_as_served(director, episode):
    services.record_hospital_transfer(
        actor=director, episode=episode, occurred_on=date(2026, 3, 1), place="Bệnh viện Đa khoa tỉnh", **DECISION
    )
    assert fresh(episode).status == Episode.Status.IN_HOSPITAL
    come_back(director, episode, date(2026, 3, 21))
    assert (fresh(episode).status, fresh(episode).expected_release_on) == ("active", date(2028, 1, 5))


def test_a_hospital_transfer_names_the_hospital(director, episode):
    error = refused(
        services.record_hospital_transfer,
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        place=" ",
        **DECISION,
    )
    assert error.field == "place"


def test_a_suspension_stops_the_clock(director, episode):
    services.record_suspension(actor=director, episode=episode, occurred_on=date(2026, 3, 1), **DECISION)
    assert (fresh(episode).status, fresh(episode).expected_release_on) == ("suspended", None)
    come_back(director, episode, date(2026, 3, 31))
    assert fresh(episode).expected_release_on == date(2028, 2, 4)


def test_a_decision_date_without_its_number_is_refused_beside_the_number(director, episode):
    services.record_hospital_transfer(
        actor=director, episode=episode, occurred_on=date(2026, 3, 1), place="BV", **DECISION
    )
    error = refused(
        services.record_return,
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 5),
        decision_on=date(2026, 3, 5),
    )
    assert (error.code, error.field) == ("number_missing", "decision_number")


def test_a_timeline_summary_never_shows_a_date_without_its_decision_number():
    assert services.common.decision_summary("", date(2026, 12, 6)) == ""
    assert services.common.decision_summary("8/QĐ", date(2026, 12, 6)) == "8/QĐ, 06/12/2026"


# --- Term reduction ------------------------------------------------------------------------------------


@pytest.fixture
def long_served(director, facility, men_room, today):
    """Compulsory, 24 months from 01/01/2025 (release 01/01/2027); half served on 01/01/2026."""
    episode = admit(director, register(director, facility, "Phạm Văn Đức"), men_room, admitted_on=date(2025, 1, 1))
    return through_stages(director, episode, STAGE_ORDER[1:4], [date(2025, 2, 1), date(2025, 4, 1), date(2025, 8, 1)])


def grade(actor, episode, *grades, first_month=date(2025, 10, 1)):
    for n, value in enumerate(grades):
        month = date(first_month.year + (first_month.month - 1 + n) // 12, (first_month.month - 1 + n) % 12 + 1, 1)
        services.record_conduct_grade(actor=actor, episode=episode, month=month, grade=value)


def reduce(actor, episode, on, months, meritorious=False):
    return services.record_term_reduction(
        actor=actor,
        episode=episode,
        decision_number="99/QĐ-TA",
        decision_on=on,
        months=months,
        is_meritorious=meritorious,
    )


def test_a_term_is_reduced_once_half_is_served_with_three_good_grades(director, long_served):
    grade(director, long_served, "good", "excellent", "good")
    reduce(director, long_served, date(2026, 1, 15), 3)
    assert fresh(long_served).expected_release_on == date(2026, 10, 1)
    assert "−3 months reduced" in release_computation(fresh(long_served), today=date(2026, 1, 15)).derivation()
    assert TimelineEvent.objects.filter(kind="residents.term_reduction").exists()


def test_a_meritorious_act_allows_up_to_6_months(director, long_served):
    grade(director, long_served, "good", "good", "good")
    reduce(director, long_served, date(2026, 1, 15), 6, meritorious=True)
    assert fresh(long_served).expected_release_on == date(2026, 7, 1)


@pytest.mark.parametrize(
    ("decided_on", "grades", "months", "code", "field"),
    [
        (date(2025, 12, 31), ("good", "good", "good"), 2, "half_term_not_served", None),
        (date(2026, 1, 15), ("good", "good"), 2, "grade_missing", None),
        # Grades of 10, 11 and 12/2025 judge a decision of January 2026, not one of February.
        (date(2026, 2, 15), ("good", "good", "good"), 2, "grade_missing", None),
        (date(2026, 1, 15), ("good", "average", "good"), 2, "grade_too_low", None),
        (date(2026, 1, 15), ("good", "good", "good"), 4, "months_out_of_range", "months"),
    ],
)
def test_a_term_reduction_is_refused_with_its_reason(director, long_served, decided_on, grades, months, code, field):
    grade(director, long_served, *grades)
    error = refused(
        services.record_term_reduction,
        actor=director,
        episode=long_served,
        decision_number="99/QĐ-TA",
        decision_on=decided_on,
        months=months,
    )
    assert (error.code, error.field) == (code, field)
    assert fresh(long_served).expected_release_on == date(2027, 1, 1)
    assert not LegalEvent.objects.filter(kind=K.TERM_REDUCTION).exists()


def test_days_absconded_do_not_count_as_served_for_a_reduction(director, long_served):
    abscond(director, long_served, date(2025, 9, 1))
    come_back(director, long_served, date(2025, 9, 21))
    grade(director, long_served, "good", "good", "good")
    assert (
        refused(reduce, actor=director, episode=long_served, on=date(2026, 1, 15), months=2).code
        == "half_term_not_served"
    )
    reduce(director, long_served, date(2026, 1, 21), 2)


def test_a_month_without_a_grade_is_named_when_a_reduction_is_refused(director, long_served):
    grade(director, long_served, "good", "good", "good", first_month=date(2025, 9, 1))
    error = refused(reduce, actor=director, episode=long_served, on=date(2026, 1, 15), months=2)
    assert error.code == "grade_missing"
    assert "12/2025" in str(error) and "11/2025" not in str(error)


def test_reductions_stop_at_6_months_in_all_across_a_transfer(
    director, director_of_other_facility, long_served, other_facility
):
    """24 months from 01/01/2025: 3 months off on 15/01/2026 here, 3 on 15/02/2026 at the
    receiving facility; a third, of 1 month, is refused."""
    grade(director, long_served, "good", "good", "good", "good")
    reduce(director, long_served, date(2026, 1, 15), 3)
    continued = services.record_transfer(
        actor=director, episode=long_served, occurred_on=date(2026, 2, 1), to_facility=other_facility, **DECISION
    )
    grade(director_of_other_facility, continued, "excellent", first_month=date(2026, 2, 1))
    reduce(director_of_other_facility, continued, date(2026, 2, 15), 3)
    assert fresh(continued).expected_release_on == date(2026, 7, 1)
    grade(director_of_other_facility, continued, "excellent", first_month=date(2026, 3, 1))
    error = refused(reduce, actor=director_of_other_facility, episode=continued, on=date(2026, 4, 15), months=1)
    assert (error.code, error.field) == ("total_exceeded", "months")
    assert fresh(continued).expected_release_on == date(2026, 7, 1)


@pytest.fixture
def one_year(director, facility, men_room, today):
    """Compulsory, 12 months from 01/07/2025 (decided under the 2022 rules), in stage 4."""
    episode = admit(
        director, register(director, facility, "Đỗ Văn Long"), men_room, admitted_on=date(2025, 7, 1), term_months=12
    )
    return through_stages(director, episode, STAGE_ORDER[1:4], [date(2025, 8, 1), date(2025, 9, 1), date(2025, 10, 1)])


def test_reductions_never_move_the_release_date_before_their_decision(director, one_year):
    """The case reported: three reductions of 3 months took 9 months off a 12-month term."""
    grade(director, one_year, "good", "good", "good", "good", "good", "good", first_month=date(2025, 9, 1))
    reduce(director, one_year, date(2026, 1, 2), 3)
    assert fresh(one_year).expected_release_on == date(2026, 4, 1)
    error = refused(reduce, actor=director, episode=one_year, on=date(2026, 3, 2), months=3)
    assert error.code == "release_before_decision"
    assert "01/01/2026" in str(error) and "02/03/2026" in str(error)
    assert fresh(one_year).expected_release_on == date(2026, 4, 1)
    assert LegalEvent.objects.filter(kind=K.TERM_REDUCTION).count() == 1


def test_the_release_date_is_never_before_the_latest_reduction_recorded(director, one_year):
    """Rows written before the rule (or imported) may reduce more than the term allows by now."""
    LegalEvent.objects.bulk_create(
        LegalEvent(
            facility_id=one_year.facility_id,
            episode=one_year,
            kind=K.TERM_REDUCTION,
            occurred_on=on,
            decision_on=on,
            months=3,
            recorded_by=director,
        )
        for on in (date(2026, 1, 2), date(2026, 2, 2), date(2026, 3, 2))
    )
    assert release_computation(fresh(one_year), today=date(2026, 3, 2)).expected_on == date(2026, 3, 2)


# --- The stage plan ends on the release date ---------------------------------------------------------


def plan_of(episode, on):
    episode = fresh(episode)
    return stage_plan(episode, today=on), release_computation(episode, today=on).expected_on


def test_the_stage_plan_ends_on_the_release_date_after_a_reduction(director, long_served):
    grade(director, long_served, "good", "good", "good")
    reduce(director, long_served, date(2026, 1, 15), 3)
    plan, release_on = plan_of(long_served, date(2026, 1, 15))
    assert release_on == date(2026, 10, 1)
    assert plan[-1].ends_on == release_on
    assert fresh(long_served).stage_planned_end_on == plan[0].ends_on <= release_on


def test_the_stage_plan_follows_the_clock_while_absconded_and_after_the_return(director, episode, today):
    abscond(director, episode, date(2026, 3, 1))
    today.set(date(2026, 3, 21))
    plan, release_on = plan_of(episode, date(2026, 3, 21))
    assert (release_on, plan[-1].ends_on) == (date(2028, 1, 25), date(2028, 1, 25))
    today.set(date(2026, 3, 31))
    come_back(director, episode, date(2026, 3, 31))
    plan, release_on = plan_of(episode, date(2026, 3, 31))
    assert (release_on, plan[-1].ends_on) == (date(2028, 2, 4), date(2028, 2, 4))


def test_the_stage_plan_ends_on_the_release_date_after_a_transfer(director, episode, other_facility):
    abscond(director, episode, date(2026, 3, 1))
    come_back(director, episode, date(2026, 3, 11))
    continued = services.record_transfer(
        actor=director, episode=episode, occurred_on=date(2026, 4, 1), to_facility=other_facility, **DECISION
    )
    plan, release_on = plan_of(continued, date(2026, 4, 1))
    assert (release_on, plan[-1].ends_on) == (date(2028, 1, 15), date(2028, 1, 15))


# --- Closing events ------------------------------------------------------------------------------------


def test_an_exemption_closes_the_episode_and_its_running_suspension(director, episode):
    suspension = services.record_suspension(actor=director, episode=episode, occurred_on=date(2026, 3, 1), **DECISION)
    services.record_exemption(actor=director, episode=episode, occurred_on=date(2026, 4, 1), **DECISION)
    episode = fresh(episode)
    assert (episode.status, episode.outcome, episode.closed_on) == ("closed", "exempted", date(2026, 4, 1))
    suspension.refresh_from_db()
    assert suspension.ended_on == date(2026, 4, 1)


def test_death_may_be_recorded_while_absconded(director, episode):
    abscond(director, episode, date(2026, 3, 1))
    services.record_death(actor=director, episode=episode, occurred_on=date(2026, 3, 5), place="Sa Pa")
    assert (fresh(episode).status, fresh(episode).outcome) == ("closed", "died")


def test_a_transfer_continues_the_term_at_the_receiving_facility(director, episode, other_facility, facility):
    abscond(director, episode, date(2026, 3, 1))
    come_back(director, episode, date(2026, 3, 11))
    continued = services.record_transfer(
        actor=director, episode=episode, occurred_on=date(2026, 4, 1), to_facility=other_facility, **DECISION
    )
    old = fresh(episode)
    assert (old.status, old.outcome, old.facility) == ("closed", "transferred", facility)
    assert (continued.facility, continued.status, continued.stage) == (other_facility, "active", Stage.DETOX)
    assert (continued.admitted_on, continued.term_start_on, continued.carried_absent_days) == (
        date(2026, 4, 1),
        date(2026, 1, 5),
        10,
    )
    assert continued.transferred_from == old
    assert continued.expected_release_on == date(2028, 1, 15)
    assert Resident.objects.get().facility == other_facility
    assert TimelineEvent.objects.get(kind="residents.transfer_out").facility == facility
    assert TimelineEvent.objects.get(kind="residents.transfer_in").facility == other_facility


def test_a_transferred_resident_keeps_a_free_record_number(
    director, director_of_other_facility, episode, other_facility
):
    taken = Resident.objects.get().record_number
    register(director_of_other_facility, other_facility, "Lê Văn Nam", record_number=taken)
    services.record_transfer(
        actor=director, episode=episode, occurred_on=date(2026, 4, 1), to_facility=other_facility, **DECISION
    )
    moved = Resident.objects.get(full_name="Nguyễn Văn Hùng")
    assert moved.record_number != taken
    assert moved.search_text.endswith(moved.record_number.lower())


def test_a_transfer_to_the_same_facility_is_refused(director, episode, facility):
    error = refused(
        services.record_transfer,
        actor=director,
        episode=episode,
        occurred_on=date(2026, 4, 1),
        to_facility=facility,
        **DECISION,
    )
    assert error.field == "to_facility"


@pytest.fixture
def served(director, facility, men_room, today):
    """Compulsory, 12 months from 01/03/2024 (release 01/03/2025), in the last stage."""
    episode = admit(
        director, register(director, facility, "Hoàng Văn Long"), men_room, admitted_on=date(2024, 3, 1), term_months=12
    )
    return through_stages(
        director, episode, STAGE_ORDER[1:], [date(2024, 4, 1), date(2024, 6, 1), date(2024, 9, 1), date(2025, 1, 1)]
    )


def test_completion_before_the_term_ends_is_refused(director, served):
    error = refused(services.complete_episode, actor=director, episode=served, occurred_on=date(2025, 2, 28))
    assert (error.code, error.field) == ("term_not_served", "occurred_on")
    assert "01/03/2025" in str(error)
    assert not CompletionCertificate.objects.exists()


def test_completion_issues_a_numbered_certificate_and_starts_aftercare(director, served):
    certificate = services.complete_episode(
        actor=director, episode=served, occurred_on=date(2025, 3, 1), signed_by_name="Nguyễn Văn An"
    )
    assert (certificate.number, certificate.issued_by, certificate.signed_by_name) == (
        "1/2025/GCN",
        director,
        "Nguyễn Văn An",
    )
    episode = fresh(served)
    assert (episode.status, episode.outcome, episode.closed_on) == ("closed", "completed", date(2025, 3, 1))
    aftercare = Aftercare.objects.get(episode=episode)
    # Adult compulsory rehab: 2 years of aftercare (Law 73 art. 40).
    assert (aftercare.months, aftercare.ends_on, aftercare.status) == (24, date(2027, 3, 1), "open")
    assert {"residents.completion", "residents.aftercare_started"} <= set(
        TimelineEvent.objects.values_list("kind", flat=True)
    )


def test_certificates_are_numbered_per_facility_per_year(
    director, director_of_other_facility, facility, other_facility, served, men_room, other_room
):
    services.complete_episode(actor=director, episode=served, occurred_on=date(2025, 3, 1))
    second = admit(
        director, register(director, facility, "Vũ Văn Hải"), men_room, admitted_on=date(2024, 3, 1), term_months=12
    )
    second = through_stages(
        director, second, STAGE_ORDER[1:], [date(2024, 4, 1), date(2024, 6, 1), date(2024, 9, 1), date(2025, 1, 1)]
    )
    assert (
        services.complete_episode(actor=director, episode=second, occurred_on=date(2025, 3, 2)).number == "2/2025/GCN"
    )
    elsewhere = admit(
        director_of_other_facility,
        register(director_of_other_facility, other_facility, "Vũ Văn Hà"),
        other_room,
        admitted_on=date(2024, 3, 1),
        term_months=12,
    )
    elsewhere = through_stages(
        director_of_other_facility,
        elsewhere,
        STAGE_ORDER[1:],
        [date(2024, 4, 1), date(2024, 6, 1), date(2024, 9, 1), date(2025, 1, 1)],
    )
    assert (
        services.complete_episode(
            actor=director_of_other_facility, episode=elsewhere, occurred_on=date(2026, 1, 2)
        ).number
        == "1/2026/GCN"
    )


def test_compulsory_rehab_cannot_complete_before_the_last_stage(director, facility, men_room):
    episode = admit(
        director, register(director, facility, "Hoàng Văn Long"), men_room, admitted_on=date(2024, 3, 1), term_months=12
    )
    episode = through_stages(director, episode, STAGE_ORDER[1:3], [date(2024, 4, 1), date(2024, 6, 1)])
    assert (
        refused(services.complete_episode, actor=director, episode=episode, occurred_on=date(2025, 3, 1)).code
        == "stage_not_finished"
    )


def test_voluntary_rehab_completes_after_the_third_stage_with_a_year_of_aftercare(director, facility, men_room):
    episode = admit(
        director,
        register(director, facility, "Hoàng Văn Long"),
        men_room,
        compulsory=False,
        admitted_on=date(2025, 1, 6),
        term_months=6,
    )
    episode = through_stages(director, episode, STAGE_ORDER[1:3], [date(2025, 2, 1), date(2025, 3, 1)])
    services.complete_episode(actor=director, episode=episode, occurred_on=date(2025, 7, 6))
    assert Aftercare.objects.get(episode=episode).months == 12


def test_a_voluntary_resident_may_stop_early_after_the_third_stage_only(director, facility, men_room):
    episode = admit(
        director,
        register(director, facility, "Hoàng Văn Long"),
        men_room,
        compulsory=False,
        admitted_on=date(2026, 5, 4),
        term_months=12,
    )
    episode = through_stages(director, episode, STAGE_ORDER[1:2], [date(2026, 6, 1)])
    request: dict[str, Any] = {
        "occurred_on": date(2026, 9, 1),
        "discharge_reason": "voluntary_request",
        "decision_number": "3/QĐ",
        "decision_on": date(2026, 9, 1),
    }
    assert refused(services.discharge_episode, actor=director, episode=episode, **request).code == "stage_not_finished"
    episode = through_stages(director, episode, STAGE_ORDER[2:3], [date(2026, 7, 1)])
    services.discharge_episode(actor=director, episode=episode, **request)
    assert (fresh(episode).outcome, fresh(episode).closed_on) == ("released_early", date(2026, 9, 1))


def test_a_compulsory_resident_is_released_early_only_when_the_court_cancels_the_decision(director, episode):
    request: dict[str, Any] = {
        "occurred_on": date(2026, 3, 1),
        "decision_number": "2/QĐ-TA",
        "decision_on": date(2026, 3, 1),
    }
    assert (
        refused(
            services.discharge_episode, actor=director, episode=episode, discharge_reason="voluntary_request", **request
        ).code
        == "not_voluntary"
    )
    assert (
        refused(services.discharge_episode, actor=director, episode=episode, discharge_reason="", **request).field
        == "discharge_reason"
    )
    services.discharge_episode(actor=director, episode=episode, discharge_reason="decision_annulled", **request)
    assert fresh(episode).outcome == "released_early"


# --- The status machine and the common checks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "kwargs"),
    [
        (services.record_leave, {"leave_reason": "funeral_spouse", "days": 2, "travel_days": 0, **DECISION}),
        (services.record_hospital_transfer, {"place": "Bệnh viện", **DECISION}),
        (services.record_term_reduction, {"months": 1, "decision_number": "1", "decision_on": date(2026, 3, 5)}),
        (services.complete_episode, {}),
    ],
)
def test_events_that_need_the_resident_present_are_refused_while_absconded(director, episode, call, kwargs):
    abscond(director, episode, date(2026, 3, 1))
    if call is not services.record_term_reduction:
        kwargs = {"occurred_on": date(2026, 3, 5), **kwargs}
    error = refused(call, actor=director, episode=episode, **kwargs)
    assert error.code == "status_not_allowed"


def test_a_return_needs_an_absence(director, episode):
    assert refused(come_back, actor=director, episode=episode, on=date(2026, 3, 1)).code == "status_not_allowed"


def test_nothing_is_recorded_on_a_closed_episode(director, episode):
    services.record_death(actor=director, episode=episode, occurred_on=date(2026, 3, 1))
    assert refused(abscond, actor=director, episode=episode, on=date(2026, 3, 2)).code == "status_not_allowed"


@pytest.mark.parametrize(("on", "code"), [(date(2026, 1, 4), "date_too_early"), (date(2026, 11, 11), "date_in_future")])
def test_an_event_is_dated_between_the_admission_and_today(director, episode, on, code):
    assert refused(abscond, actor=director, episode=episode, on=on, decided_on=date(2026, 11, 10)).code == code


def test_an_event_cannot_be_dated_before_the_last_one(director, episode):
    abscond(director, episode, date(2026, 3, 10))
    assert refused(come_back, actor=director, episode=episode, on=date(2026, 3, 9)).field == "occurred_on"


def test_an_event_ordered_by_a_decision_needs_its_number_and_date(director, episode):
    error = refused(
        services.record_abscondence,
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        decision_number="",
        decision_on=None,
    )
    assert error.field == "decision_number"
    error = refused(
        services.record_abscondence,
        actor=director,
        episode=episode,
        occurred_on=date(2026, 3, 1),
        decision_number="1",
        decision_on=None,
    )
    assert error.field == "decision_on"


def test_an_event_on_a_stale_version_is_refused(director, episode):
    opened = episode.version
    abscond(director, episode, date(2026, 3, 1))
    with pytest.raises(StaleVersion):
        services.record_death(actor=director, episode=episode, occurred_on=date(2026, 3, 2), expected_version=opened)
    assert fresh(episode).status == "absconded"


def test_a_read_only_role_records_no_event(counsellor, director_of_other_facility, episode):
    for actor in (counsellor, director_of_other_facility):
        with pytest.raises(PermissionDenied):
            abscond(actor, episode, date(2026, 3, 1))
    assert not LegalEvent.objects.exists()


def test_each_event_is_journalled_and_audited_with_its_actor(director, episode):
    event = abscond(director, episode, date(2026, 3, 1))
    journal = TimelineEvent.objects.get(kind="residents.abscondence")
    assert (journal.source_type, journal.source_id, journal.actor) == ("residents.legalevent", event.pk, director)
    assert "7/QĐ-TN" in journal.summary
    audited = AuditEntry.objects.filter(action=AbstractLogEntry.Action.CREATE, content_type__model="legalevent")
    assert audited.get().actor == director
    assert AuditEntry.objects.filter(
        action=AbstractLogEntry.Action.UPDATE, content_type__model="episode", actor=director
    ).exists()


def test_the_allowed_events_follow_the_status(director, episode):
    assert K.RETURN not in services.allowed_events(episode)
    abscond(director, episode, date(2026, 3, 1))
    allowed = services.allowed_events(fresh(episode))
    assert K.RETURN in allowed and K.LEAVE not in allowed and K.DEATH in allowed


def test_a_minor_s_completion_gives_a_year_of_aftercare(director, facility, today):
    room = make_room(make_zone(facility, "minors"))
    minor = register(director, facility, "Lò Văn Pao", date_of_birth=date(2008, 1, 1))
    episode = admit(director, minor, room, admitted_on=date(2024, 3, 1), term_months=6)
    assert episode.kind == "compulsory_minor"
    episode = through_stages(
        director, episode, STAGE_ORDER[1:], [date(2024, 4, 1), date(2024, 5, 1), date(2024, 6, 1), date(2024, 7, 1)]
    )
    services.complete_episode(actor=director, episode=episode, occurred_on=date(2024, 9, 1))
    assert Aftercare.objects.get(episode=episode).months == 12


@pytest.mark.parametrize("status", list(Episode.Status.values))
@pytest.mark.parametrize("kind", list(K.values))
def test_every_status_move_is_allowed_or_refused_as_the_table_says(status, kind):
    allowed = services.EVENT_SPECS[kind].move.source
    episode = Episode(status=status)
    if status in allowed:
        services.EPISODE_STATES.check(episode, kind)
    else:
        with pytest.raises(DomainError) as error:
            services.EPISODE_STATES.check(episode, kind)
        assert error.value.code == "status_not_allowed"
    assert Episode.Status.CLOSED not in allowed
