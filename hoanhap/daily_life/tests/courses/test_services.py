from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.core.errors import DomainError
from hoanhap.daily_life.models import Attendance, Course, Enrolment, VocationalCertificate
from hoanhap.daily_life.services import courses as services
from hoanhap.daily_life.services.courses import Absence, Result, RowsRefused
from hoanhap.residents.models import TimelineEvent
from hoanhap.testing import make_episode, make_resident

pytestmark = pytest.mark.django_db


def test_a_course_cannot_end_before_it_starts(facility, teacher, today):
    with pytest.raises(DomainError) as refused:
        services.create_course(
            actor=teacher,
            facility_id=facility.pk,
            kind=Course.Kind.LITERACY,
            title="Reading",
            teacher=teacher,
            starts_on=date(2026, 3, 2),
            ends_on=date(2026, 3, 1),
        )
    assert refused.value.field == "ends_on"


def test_a_vocational_course_needs_a_trade(facility, teacher, today):
    with pytest.raises(DomainError) as refused:
        services.create_course(
            actor=teacher,
            facility_id=facility.pk,
            kind=Course.Kind.VOCATIONAL,
            title="Wood",
            teacher=teacher,
            starts_on=date(2026, 3, 2),
            ends_on=date(2026, 5, 1),
        )
    assert refused.value.field == "trade"


def test_only_an_education_officer_creates_a_course(facility, teacher, visit_officer, today):
    with pytest.raises(PermissionDenied):
        services.create_course(
            actor=visit_officer,
            facility_id=facility.pk,
            kind=Course.Kind.LITERACY,
            title="Reading",
            teacher=teacher,
            starts_on=date(2026, 3, 2),
            ends_on=date(2026, 4, 1),
        )


def test_a_weekly_schedule_makes_a_lesson_on_each_chosen_day(course, teacher):
    lessons = services.schedule_lessons(actor=teacher, course=course, weekdays=[0, 3], topics=["One", "Two"])
    assert all(lesson.held_on.weekday() in (0, 3) for lesson in lessons)
    assert lessons[0].held_on == date(2026, 2, 2) and lessons[0].topic == "One" and lessons[1].topic == "Two"
    assert services.schedule_lessons(actor=teacher, course=course, weekdays=[0, 3]) == []  # no day twice


def test_enrolment_goes_on_the_residents_timeline(class_of_three):
    assert TimelineEvent.objects.filter(kind="daily_life.course_enrolled").count() == 3


def test_a_resident_is_not_enrolled_twice_and_nothing_is_saved(course, teacher, class_of_three, facility):
    newcomer = make_resident(facility, full_name="Dũng")
    make_episode(newcomer)
    with pytest.raises(RowsRefused) as refused:
        services.enrol_residents(
            actor=teacher, course=course, resident_ids=[newcomer.pk, class_of_three[0].pk], enrolled_on=date(2026, 3, 2)
        )
    assert list(refused.value.errors) == [class_of_three[0].pk]
    assert not Enrolment.objects.filter(resident=newcomer).exists()


def test_only_residents_in_rehab_here_are_enrolled(course, teacher, other_facility, facility):
    elsewhere = make_resident(other_facility)
    make_episode(elsewhere)
    gone = make_resident(facility)  # no open episode
    with pytest.raises(RowsRefused) as refused:
        services.enrol_residents(
            actor=teacher, course=course, resident_ids=[elsewhere.pk, gone.pk], enrolled_on=date(2026, 3, 2)
        )
    assert set(refused.value.errors) == {elsewhere.pk, gone.pk}


def test_a_roll_call_marks_everyone_present_but_the_absent(lesson, teacher, class_of_three):
    an, binh, cuong = class_of_three
    services.save_roll_call(actor=teacher, lesson=lesson, absent={binh.pk: Absence("sick", "fever")})
    rows = {row.enrolment.resident_id: row for row in Attendance.objects.select_related("enrolment")}
    assert rows[an.pk].present and rows[cuong.pk].present
    assert (rows[binh.pk].present, rows[binh.pk].reason, rows[binh.pk].note) == (False, "sick", "fever")


def test_saving_a_roll_call_again_corrects_it(lesson, teacher, class_of_three):
    binh = class_of_three[1]
    services.save_roll_call(actor=teacher, lesson=lesson, absent={binh.pk: Absence("sick")})
    services.save_roll_call(actor=teacher, lesson=lesson, absent={})
    assert Attendance.objects.count() == 3 and Attendance.objects.filter(present=True).count() == 3


def test_an_absence_needs_a_reason(lesson, teacher, class_of_three):
    with pytest.raises(RowsRefused) as refused:
        services.save_roll_call(actor=teacher, lesson=lesson, absent={class_of_three[0].pk: Absence("")})
    assert class_of_three[0].pk in refused.value.errors
    assert not Attendance.objects.exists()


def test_a_resident_not_enrolled_is_refused_and_nothing_saved(lesson, teacher, class_of_three, facility):
    stranger = make_resident(facility)
    make_episode(stranger)
    with pytest.raises(RowsRefused) as refused:
        services.save_roll_call(actor=teacher, lesson=lesson, absent={stranger.pk: Absence("sick")})
    assert "Not enrolled" in str(refused.value.errors[stranger.pk])
    assert not Attendance.objects.exists()


def test_a_resident_who_left_the_class_before_the_lesson_is_not_on_its_roll(lesson, teacher, class_of_three):
    Enrolment.objects.filter(resident=class_of_three[0]).update(left_on=date(2026, 3, 2))
    with pytest.raises(RowsRefused):
        services.save_roll_call(actor=teacher, lesson=lesson, absent={class_of_three[0].pk: Absence("sick")})
    assert services.save_roll_call(actor=teacher, lesson=lesson, absent={}) == 2


def test_a_resident_away_from_the_facility_today_cannot_be_marked_present(lesson, teacher, class_of_three):
    episode = Enrolment.objects.get(resident=class_of_three[0]).episode
    episode.status = "absconded"
    episode.save()
    with pytest.raises(RowsRefused) as refused:
        services.save_roll_call(actor=teacher, lesson=lesson, absent={})
    assert "not at the facility today" in str(refused.value.errors[class_of_three[0].pk])
    assert services.save_roll_call(actor=teacher, lesson=lesson, absent={class_of_three[0].pk: Absence("leave")}) == 3


def test_a_lesson_in_the_future_cannot_be_called(lesson, teacher, class_of_three, today):
    today.set(date(2026, 3, 1))
    with pytest.raises(DomainError) as refused:
        services.save_roll_call(actor=teacher, lesson=lesson, absent={})
    assert refused.value.code == "future_lesson"


def test_results_set_passed_from_the_pass_mark(course, teacher, class_of_three):
    an, binh, cuong = class_of_three
    services.record_results(
        actor=teacher,
        course=course,
        results={an.pk: Result(Decimal("5")), binh.pk: Result(Decimal("4.9")), cuong.pk: Result(None)},
    )
    passed = dict(Enrolment.objects.values_list("resident_id", "passed"))
    assert passed == {an.pk: True, binh.pk: False, cuong.pk: None}


def test_a_score_above_ten_is_refused(course, teacher, class_of_three):
    with pytest.raises(RowsRefused):
        services.record_results(actor=teacher, course=course, results={class_of_three[0].pk: Result(Decimal("11"))})
    assert not Enrolment.objects.filter(score__isnull=False).exists()


@pytest.fixture
def vocational(facility, teacher, trade, today, class_of_three):
    course = services.create_course(
        actor=teacher,
        facility_id=facility.pk,
        kind=Course.Kind.VOCATIONAL,
        title="Carpentry 1",
        teacher=teacher,
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 3, 1),
        trade=trade,
    )
    services.enrol_residents(
        actor=teacher, course=course, resident_ids=[r.pk for r in class_of_three], enrolled_on=date(2026, 1, 5)
    )
    services.record_results(
        actor=teacher,
        course=course,
        results={
            class_of_three[0].pk: Result(Decimal("8")),
            class_of_three[1].pk: Result(Decimal("7")),
            class_of_three[2].pk: Result(Decimal("3")),
        },
    )
    return course


def test_certificates_are_numbered_per_facility_per_year(vocational, teacher, class_of_three):
    first, second, _failed = (vocational.enrolments.get(resident=r) for r in class_of_three)
    one = services.issue_certificate(actor=teacher, enrolment=first, issued_on=date(2026, 3, 2))
    two = services.issue_certificate(actor=teacher, enrolment=second, issued_on=date(2026, 3, 2))
    assert (one.number, two.number) == ("1/2026/CCN", "2/2026/CCN")
    assert TimelineEvent.objects.filter(kind="daily_life.vocational_certificate").count() == 2


def test_a_certificate_goes_only_to_who_passed_and_only_once(vocational, teacher, class_of_three):
    first, _second, failed = (vocational.enrolments.get(resident=r) for r in class_of_three)
    with pytest.raises(DomainError, match="passed"):
        services.issue_certificate(actor=teacher, enrolment=failed, issued_on=date(2026, 3, 2))
    services.issue_certificate(actor=teacher, enrolment=first, issued_on=date(2026, 3, 2))
    with pytest.raises(DomainError, match="already"):
        services.issue_certificate(actor=teacher, enrolment=first, issued_on=date(2026, 3, 2))
    assert VocationalCertificate.objects.count() == 1


def test_a_life_values_course_gives_no_certificate(course, teacher, class_of_three):
    services.record_results(actor=teacher, course=course, results={class_of_three[0].pk: Result(Decimal("9"))})
    with pytest.raises(DomainError, match="vocational"):
        services.issue_certificate(
            actor=teacher, enrolment=course.enrolments.get(resident=class_of_three[0]), issued_on=date(2026, 3, 2)
        )


def test_a_trade_of_another_facility_is_refused(facility, other_facility, teacher, today):
    from hoanhap.daily_life.models import Trade

    elsewhere = Trade.objects.create(name="Boats", facility=other_facility)
    with pytest.raises(DomainError) as refused:
        services.create_course(
            actor=teacher,
            facility_id=facility.pk,
            kind=Course.Kind.VOCATIONAL,
            title="Boats",
            teacher=teacher,
            starts_on=date(2026, 3, 2),
            ends_on=date(2026, 5, 1),
            trade=elsewhere,
        )
    assert refused.value.field == "trade"


def test_the_teacher_must_be_an_education_officer_here(facility, teacher, visit_officer, today):
    with pytest.raises(DomainError) as refused:
        services.create_course(
            actor=teacher,
            facility_id=facility.pk,
            kind=Course.Kind.LITERACY,
            title="Reading",
            teacher=visit_officer,
            starts_on=date(2026, 3, 2),
            ends_on=date(2026, 4, 1),
        )
    assert refused.value.field == "teacher"


@pytest.mark.parametrize(("weekdays", "valid"), [([], False), ([7], False), ([6], True), ([0], True)])
def test_a_schedule_names_days_of_the_week(course, teacher, weekdays, valid):
    if valid:
        assert services.schedule_lessons(actor=teacher, course=course, weekdays=weekdays)
    else:
        with pytest.raises(DomainError):
            services.schedule_lessons(actor=teacher, course=course, weekdays=weekdays)


def test_a_lesson_must_end_after_it_starts(course, teacher):
    from datetime import time

    with pytest.raises(DomainError) as refused:
        services.schedule_lessons(actor=teacher, course=course, weekdays=[0], starts_at=time(9), ends_at=time(9))
    assert refused.value.field == "ends_at"


@pytest.mark.parametrize(("enrolled_on", "valid"), [(date(2026, 3, 2), True), (date(2026, 3, 3), False)])
def test_an_enrolment_is_dated_today_or_before(course, teacher, facility, enrolled_on, valid):
    resident = make_resident(facility)
    make_episode(resident)
    if valid:
        services.enrol_residents(actor=teacher, course=course, resident_ids=[resident.pk], enrolled_on=enrolled_on)
    else:
        with pytest.raises(DomainError):
            services.enrol_residents(actor=teacher, course=course, resident_ids=[resident.pk], enrolled_on=enrolled_on)
    assert Enrolment.objects.filter(resident=resident).exists() is valid


def test_nobody_joins_a_finished_course(course, teacher, facility):
    course.status = Course.Status.FINISHED
    course.save()
    resident = make_resident(facility)
    make_episode(resident)
    with pytest.raises(DomainError, match="ended"):
        services.enrol_residents(actor=teacher, course=course, resident_ids=[resident.pk], enrolled_on=date(2026, 3, 2))


def test_another_facilitys_teacher_cannot_call_the_roll(lesson, teacher_of_other_facility, class_of_three):
    with pytest.raises(PermissionDenied):
        services.save_roll_call(actor=teacher_of_other_facility, lesson=lesson, absent={})


def test_a_certificate_is_not_dated_ahead(vocational, teacher, class_of_three):
    with pytest.raises(DomainError) as refused:
        services.issue_certificate(
            actor=teacher, enrolment=vocational.enrolments.get(resident=class_of_three[0]), issued_on=date(2026, 3, 3)
        )
    assert refused.value.field == "issued_on"


def test_certificate_numbers_start_again_each_year(vocational, teacher, class_of_three, today):
    first, second, _failed = (vocational.enrolments.get(resident=r) for r in class_of_three)
    services.issue_certificate(actor=teacher, enrolment=first, issued_on=date(2026, 3, 2))
    today.set(date(2027, 1, 4))
    assert (
        services.issue_certificate(actor=teacher, enrolment=second, issued_on=date(2027, 1, 4)).number == "1/2027/CCN"
    )
