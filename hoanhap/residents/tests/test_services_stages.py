"""The five stages through one transition service, and the monthly conduct grade
(services/stages.py)."""

from datetime import date
from itertools import pairwise

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.residents import services
from hoanhap.residents.errors import DomainError, StaleVersion
from hoanhap.residents.models import ConductGrade, StageChange, StagePlan, TimelineEvent
from hoanhap.residents.terms import STAGE_ORDER, Stage

from .builders import admit, register, tick_all

pytestmark = pytest.mark.django_db
ADMITTED = date(2026, 1, 5)


@pytest.fixture
def episode(director, facility, men_room, today):
    return admit(director, register(director, facility), men_room)


@pytest.fixture
def received(director, episode):
    """Reception done: every task ticked."""
    tick_all(director, episode)
    return episode


def move(actor, episode, stage, on):
    return services.move_stage(actor=actor, episode=episode, to_stage=stage, changed_on=on)


@pytest.mark.parametrize("kind", ["voluntary", "compulsory"])
def test_every_stage_follows_the_one_before_with_its_date_and_staff_member(director, facility, men_room, today, kind):
    episode = admit(director, register(director, facility), men_room, compulsory=kind == "compulsory", term_months=12)
    tick_all(director, episode)
    for n, stage in enumerate(STAGE_ORDER[1:], start=1):
        episode = move(director, episode, stage, date(2026, 1 + n, 1))
        assert (episode.stage, episode.stage_since_on) == (stage, date(2026, 1 + n, 1))
    changes = StageChange.objects.filter(episode=episode).order_by("changed_on")
    assert [(c.from_stage, c.to_stage) for c in changes] == list(pairwise(STAGE_ORDER))
    assert {c.changed_by for c in changes} == {director}
    assert TimelineEvent.objects.filter(episode=episode, kind="residents.stage_changed").count() == 4


@pytest.mark.parametrize(
    ("target", "code"),
    [
        (Stage.REHABILITATION, "skip"),
        (Stage.REINTEGRATION, "skip"),
        (Stage.RECEPTION, "same_stage"),
    ],
)
def test_a_move_that_is_not_allowed_is_refused_beside_the_stage(director, received, target, code):
    with pytest.raises(DomainError) as refused:
        move(director, received, target, date(2026, 2, 1))
    assert (refused.value.field, refused.value.code) == ("to_stage", code)
    assert not StageChange.objects.exists()


def test_a_resident_cannot_go_back_a_stage(director, received):
    episode = move(director, received, Stage.DETOX, date(2026, 2, 1))
    with pytest.raises(DomainError) as refused:
        move(director, episode, Stage.RECEPTION, date(2026, 2, 2))
    assert refused.value.code == "backward"


def test_reception_ends_only_when_its_checklist_is_done(director, episode):
    with pytest.raises(DomainError) as refused:
        move(director, episode, Stage.DETOX, date(2026, 2, 1))
    assert refused.value.code == "checklist_open"
    assert "Health examination" in str(refused.value)


def test_detox_cannot_start_before_the_health_check_was_done(director, episode):
    """A back-dated admission whose tasks were ticked later: detox starts after the last of them."""
    tick_all(director, episode, on=date(2026, 1, 5))
    health = episode.checklist.get(item="health_exam")
    services.tick_checklist_item(actor=director, item=health, done=True, done_on=date(2026, 1, 12))
    with pytest.raises(DomainError) as refused:
        move(director, episode, Stage.DETOX, date(2026, 1, 10))
    assert (refused.value.code, refused.value.field) == ("before_reception_task", "changed_on")
    assert str(refused.value) == (
        "Reception ends when its last task is done: “Health examination” was done on 12/01/2026, "
        "so the move cannot be dated before it."
    )
    assert move(director, episode, Stage.DETOX, date(2026, 1, 12)).stage == Stage.DETOX


@pytest.mark.parametrize(("on", "code"), [(date(2026, 1, 4), "date_too_early"), (date(2026, 11, 11), "date_in_future")])
def test_the_date_is_between_the_start_of_the_stage_and_today(director, received, on, code):
    with pytest.raises(DomainError) as refused:
        move(director, received, Stage.DETOX, on)
    assert (refused.value.field, refused.value.code) == ("changed_on", code)


def test_the_first_day_of_the_stage_and_today_are_allowed(director, received, today):
    episode = move(director, received, Stage.DETOX, ADMITTED)
    episode = move(director, episode, Stage.REHABILITATION, today.value)
    assert episode.stage == Stage.REHABILITATION


def test_no_stage_move_while_absconded(director, received):
    services.record_abscondence(
        actor=director,
        episode=received,
        occurred_on=date(2026, 2, 1),
        decision_number="1/QĐ",
        decision_on=date(2026, 2, 1),
    )
    with pytest.raises(DomainError) as refused:
        move(director, received, Stage.DETOX, date(2026, 2, 2))
    assert refused.value.code == "not_active"


def test_a_move_on_a_stale_version_is_refused(director, received):
    opened = received.version
    move(director, received, Stage.DETOX, date(2026, 2, 1))
    with pytest.raises(StaleVersion):
        services.move_stage(
            actor=director,
            episode=received,
            to_stage=Stage.REHABILITATION,
            changed_on=date(2026, 3, 1),
            expected_version=opened,
        )
    received.refresh_from_db()
    assert received.stage == Stage.DETOX


def test_a_read_only_role_cannot_move_a_stage(counsellor, received):
    with pytest.raises(PermissionDenied):
        move(counsellor, received, Stage.DETOX, date(2026, 2, 1))


def test_the_planned_end_of_the_stage_follows_the_facility_plan(director, facility, received):
    for stage in STAGE_ORDER:
        StagePlan.objects.create(facility=facility, stage=stage, days=60)
    episode = move(director, received, Stage.DETOX, date(2026, 2, 1))
    assert episode.stage_planned_end_on == date(2026, 4, 2)


def test_a_conduct_grade_is_recorded_per_month_and_may_be_corrected(director, episode, today):
    services.record_conduct_grade(actor=director, episode=episode, month=date(2026, 3, 17), grade="good")
    services.record_conduct_grade(actor=director, episode=episode, month=date(2026, 3, 1), grade="excellent")
    grade = ConductGrade.objects.get(episode=episode)
    assert (grade.month, grade.grade, grade.recorded_by) == (date(2026, 3, 1), "excellent", director)
    assert TimelineEvent.objects.filter(episode=episode, kind="residents.conduct_graded").count() == 2


@pytest.mark.parametrize(
    ("month", "grade", "field"),
    [(date(2025, 12, 1), "good", "month"), (date(2026, 12, 1), "good", "month"), (date(2026, 3, 1), "superb", "grade")],
)
def test_a_conduct_grade_outside_the_episode_or_not_on_the_scale_is_refused(director, episode, month, grade, field):
    with pytest.raises(DomainError) as refused:
        services.record_conduct_grade(actor=director, episode=episode, month=month, grade=grade)
    assert refused.value.field == field
    assert not ConductGrade.objects.exists()
