"""The stage plan and the clock (hoanhap/residents/planning.py)."""

import itertools
from datetime import date

from hoanhap.residents import planning
from hoanhap.residents.terms import STAGE_ORDER, Stage


def test_without_a_facility_plan_the_term_is_split_in_proportion_and_sums_to_the_term():
    lengths = planning.stage_lengths(term_days=730)
    assert sum(lengths.values()) == 730
    assert lengths[Stage.RECEPTION] == 36
    assert lengths[Stage.LABOUR_THERAPY] == 292


def test_a_complete_facility_plan_is_used_as_it_is():
    plan = {stage.value: 30 for stage in STAGE_ORDER}
    assert planning.stage_lengths(term_days=730, facility_plan=plan) == dict.fromkeys(STAGE_ORDER, 30)


def test_an_incomplete_facility_plan_falls_back_to_the_split():
    lengths = planning.stage_lengths(term_days=365, facility_plan={"reception": 10})
    assert lengths == planning.stage_lengths(term_days=365)


def test_the_plan_places_the_next_stages_after_the_current_one():
    lengths = dict.fromkeys(STAGE_ORDER, 10)
    plan = planning.plan_from(stage=Stage.DETOX, stage_since_on=date(2026, 3, 1), lengths=lengths)
    assert [p.stage for p in plan] == list(STAGE_ORDER[1:])
    assert plan[0].is_current and plan[0].ends_on == date(2026, 3, 11)
    assert plan[1].starts_on == date(2026, 3, 11)
    assert plan[-1].ends_on == date(2026, 4, 10)


def test_term_days_follow_the_calendar():
    assert planning.term_days(start_on=date(2026, 1, 31), term_months=1) == 28
    assert planning.term_days(start_on=date(2026, 1, 5), term_months=24) == 730


def test_a_stage_running_late_pushes_the_next_ones_back_to_today():
    lengths = dict.fromkeys(STAGE_ORDER, 10)
    plan = planning.plan_from(
        stage=Stage.RECEPTION, stage_since_on=date(2026, 1, 1), lengths=lengths, today=date(2026, 3, 1)
    )
    assert plan[0].ends_on == date(2026, 1, 11)
    assert (plan[1].starts_on, plan[1].ends_on) == (date(2026, 3, 1), date(2026, 3, 11))


def test_the_last_stage_ends_on_the_release_date_when_the_term_is_longer_than_the_plan():
    lengths = dict.fromkeys(STAGE_ORDER, 10)
    plan = planning.plan_from(
        stage=Stage.DETOX, stage_since_on=date(2026, 3, 1), lengths=lengths, ends_on=date(2026, 5, 1)
    )
    assert plan[0].ends_on == date(2026, 3, 11)
    assert plan[-1].ends_on == date(2026, 5, 1)
    assert all(a.ends_on == b.starts_on for a, b in itertools.pairwise(plan))


def test_the_stages_to_come_shrink_in_proportion_when_the_release_comes_sooner():
    lengths = dict.fromkeys(STAGE_ORDER, 30)
    plan = planning.plan_from(
        stage=Stage.DETOX, stage_since_on=date(2026, 3, 1), lengths=lengths, ends_on=date(2026, 5, 15)
    )
    assert plan[0].ends_on == date(2026, 3, 31)
    assert [p.days for p in plan[1:]] == [15, 15, 15]
    assert plan[-1].ends_on == date(2026, 5, 15)


def test_a_current_stage_planned_past_the_release_ends_with_it():
    lengths = dict.fromkeys(STAGE_ORDER, 100)
    plan = planning.plan_from(
        stage=Stage.LABOUR_THERAPY, stage_since_on=date(2026, 3, 1), lengths=lengths, ends_on=date(2026, 4, 1)
    )
    assert (plan[0].ends_on, plan[-1].starts_on, plan[-1].ends_on) == (
        date(2026, 4, 1),
        date(2026, 4, 1),
        date(2026, 4, 1),
    )


def test_in_the_last_stage_the_plan_ends_on_the_release_date():
    lengths = dict.fromkeys(STAGE_ORDER, 10)
    plan = planning.plan_from(
        stage=Stage.REINTEGRATION, stage_since_on=date(2026, 3, 1), lengths=lengths, ends_on=date(2026, 6, 1)
    )
    assert [(p.starts_on, p.ends_on) for p in plan] == [(date(2026, 3, 1), date(2026, 6, 1))]


def test_stages_pushed_back_to_today_still_end_on_the_release_date():
    lengths = dict.fromkeys(STAGE_ORDER, 10)
    plan = planning.plan_from(
        stage=Stage.RECEPTION,
        stage_since_on=date(2026, 1, 1),
        lengths=lengths,
        today=date(2026, 3, 1),
        ends_on=date(2026, 3, 21),
    )
    assert plan[1].starts_on == date(2026, 3, 1)
    assert plan[-1].ends_on == date(2026, 3, 21)


def test_the_planned_end_of_the_current_stage_is_the_first_line_of_the_plan():
    lengths = dict.fromkeys(STAGE_ORDER, 100)
    since = date(2026, 3, 1)
    assert planning.stage_planned_end_on(stage=Stage.DETOX, stage_since_on=since, lengths=lengths) == date(2026, 6, 9)
    assert planning.stage_planned_end_on(
        stage=Stage.DETOX, stage_since_on=since, lengths=lengths, ends_on=date(2026, 4, 1)
    ) == date(2026, 4, 1)
