"""The grading sheet's service: a zone's monthly conduct grades saved all together or not at all."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.audit.models import AuditEntry
from hoanhap.core.errors import StaleVersion
from hoanhap.residents import services
from hoanhap.residents.models import ConductGrade, TimelineEvent
from hoanhap.residents.services.grading import GradesRefused, record_conduct_grades

from .builders import admit, register

pytestmark = pytest.mark.django_db
OCTOBER = date(2026, 10, 1)


@pytest.fixture
def zone_residents(director, facility, men_room, today):
    """Three residents admitted 05/01/2026 in zone Khu A, room A1."""
    return [admit(director, register(director, facility, f"Nguyễn Văn Hùng {n}"), men_room) for n in range(3)]


def test_a_whole_zone_is_graded_in_one_go(manager, zone_residents):
    grades = {episode.pk: "good" for episode in zone_residents}
    saved = record_conduct_grades(
        actor=manager, facility_id=zone_residents[0].facility_id, month=OCTOBER, grades=grades
    )
    assert saved == 3
    assert ConductGrade.objects.filter(month=OCTOBER, grade="good").count() == 3
    assert TimelineEvent.objects.filter(kind="residents.conduct_graded", occurred_on=OCTOBER).count() == 3


def test_the_batch_is_one_audit_entry_listing_the_grades(manager, zone_residents):
    grades = {episode.pk: "excellent" for episode in zone_residents}
    record_conduct_grades(actor=manager, facility_id=zone_residents[0].facility_id, month=OCTOBER, grades=grades)
    entry = AuditEntry.objects.get(event="residents.conduct_grades_recorded")
    assert entry.actor == manager
    assert sorted(row["episode_id"] for row in entry.additional_data["grades"]) == sorted(grades)
    assert not AuditEntry.objects.filter(event="residents.conduct_grades_recorded").exclude(pk=entry.pk).exists()


def test_an_existing_grade_is_corrected_and_an_unchanged_one_is_left_alone(manager, zone_residents):
    first, second, _third = zone_residents
    facility_id = first.facility_id
    record_conduct_grades(
        actor=manager, facility_id=facility_id, month=OCTOBER, grades={first.pk: "good", second.pk: "weak"}
    )
    saved = record_conduct_grades(
        actor=manager,
        facility_id=facility_id,
        month=OCTOBER,
        grades={first.pk: "good", second.pk: "average"},
        expected={first.pk: "good", second.pk: "weak"},
    )
    assert saved == 1
    assert ConductGrade.objects.get(episode=second, month=OCTOBER).grade == "average"


def test_one_bad_row_saves_nothing_and_says_which_row(manager, zone_residents):
    first, second, third = zone_residents
    grades = {first.pk: "good", second.pk: "splendid", third.pk: "good"}
    with pytest.raises(GradesRefused) as refused:
        record_conduct_grades(actor=manager, facility_id=first.facility_id, month=OCTOBER, grades=grades)
    assert list(refused.value.errors) == [second.pk]
    assert "Choose a grade" in str(refused.value.errors[second.pk])
    assert not ConductGrade.objects.exists()


def test_a_month_before_the_admission_is_refused_for_that_resident(
    director, manager, facility, men_room, zone_residents
):
    newcomer = admit(director, register(director, facility, "Lò Văn Mới"), men_room, admitted_on=date(2026, 11, 2))
    grades = {zone_residents[0].pk: "good", newcomer.pk: "good"}
    with pytest.raises(GradesRefused) as refused:
        record_conduct_grades(actor=manager, facility_id=facility.pk, month=OCTOBER, grades=grades)
    assert list(refused.value.errors) == [newcomer.pk]


def test_a_month_in_the_future_is_refused(manager, zone_residents):
    with pytest.raises(GradesRefused) as refused:
        record_conduct_grades(
            actor=manager,
            facility_id=zone_residents[0].facility_id,
            month=date(2026, 12, 1),
            grades={zone_residents[0].pk: "good"},
        )
    assert refused.value.errors == {} and "future" in str(refused.value)


def test_a_grade_someone_else_saved_meanwhile_is_a_conflict(manager, director, zone_residents):
    first = zone_residents[0]
    services.record_conduct_grade(actor=director, episode=first, month=OCTOBER, grade="weak")
    with pytest.raises(StaleVersion):
        record_conduct_grades(
            actor=manager,
            facility_id=first.facility_id,
            month=OCTOBER,
            grades={first.pk: "good"},
            expected={first.pk: ""},
        )
    assert ConductGrade.objects.get(episode=first).grade == "weak"


def test_another_facility_s_resident_is_not_found(
    manager, director_of_other_facility, other_facility, other_room, zone_residents
):
    stranger = admit(
        director_of_other_facility, register(director_of_other_facility, other_facility, "Người Khác"), other_room
    )
    with pytest.raises(GradesRefused) as refused:
        record_conduct_grades(
            actor=manager, facility_id=zone_residents[0].facility_id, month=OCTOBER, grades={stranger.pk: "good"}
        )
    assert list(refused.value.errors) == [stranger.pk]


def test_a_counsellor_may_not_grade(counsellor, zone_residents):
    with pytest.raises(PermissionDenied):
        record_conduct_grades(
            actor=counsellor,
            facility_id=zone_residents[0].facility_id,
            month=OCTOBER,
            grades={zone_residents[0].pk: "good"},
        )


def test_four_hundred_grades_save_in_a_fixed_number_of_queries(
    manager, director, facility, men_room, today, django_assert_max_num_queries
):
    from hoanhap.testing import make_episode, make_resident

    episodes = [make_episode(make_resident(facility), zone=men_room.zone, room=men_room) for _ in range(400)]
    with django_assert_max_num_queries(20):
        saved = record_conduct_grades(
            actor=manager, facility_id=facility.pk, month=OCTOBER, grades={episode.pk: "good" for episode in episodes}
        )
    assert saved == 400
