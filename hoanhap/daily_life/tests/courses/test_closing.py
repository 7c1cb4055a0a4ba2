"""A course corrected, finished or cancelled, and a resident leaving it: the teacher's changes to
a course under way, each refused with a reason when it would contradict what was recorded."""

from datetime import date

import pytest
from django.urls import reverse

from hoanhap.core.errors import DomainError
from hoanhap.daily_life.models import Course, Enrolment
from hoanhap.daily_life.services import courses as services
from hoanhap.daily_life.services.courses import Absence
from hoanhap.residents.models import TimelineEvent
from hoanhap.testing import make_episode, make_resident, verified_client_for

pytestmark = pytest.mark.django_db


def edit(course, teacher, **changes):
    values = {
        "title": course.title,
        "teacher": teacher,
        "starts_on": course.starts_on,
        "ends_on": course.ends_on,
        "trade": course.trade,
    }
    return services.edit_course(actor=teacher, course=course, **{**values, **changes})


def test_a_course_is_corrected_and_its_kind_stays(course, teacher):
    edited = edit(course, teacher, title="LVEP class A (morning)", ends_on=date(2026, 5, 29))
    course.refresh_from_db()
    assert (course.title, course.ends_on, course.kind) == ("LVEP class A (morning)", date(2026, 5, 29), edited.kind)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "valid"),
    [
        (date(2026, 3, 2), date(2026, 4, 30), True),  # the lesson on 2/3 is the first day: kept
        (date(2026, 3, 3), date(2026, 4, 30), False),  # the day after: the lesson falls outside
        (date(2026, 2, 2), date(2026, 3, 2), True),
        (date(2026, 2, 2), date(2026, 3, 1), False),
    ],
)
def test_a_correction_keeps_the_scheduled_lessons_within_the_dates(course, teacher, lesson, starts_on, ends_on, valid):
    if valid:
        edit(course, teacher, starts_on=starts_on, ends_on=ends_on)
        return
    with pytest.raises(DomainError, match="1 scheduled lessons fall outside"):
        edit(course, teacher, starts_on=starts_on, ends_on=ends_on)
    course.refresh_from_db()
    assert (course.starts_on, course.ends_on) == (date(2026, 2, 2), date(2026, 4, 30))


def test_finishing_a_course_removes_the_lessons_not_held_and_keeps_the_roll_calls(
    course, teacher, class_of_three, lesson, today
):
    services.save_roll_call(actor=teacher, lesson=lesson, absent={class_of_three[0].pk: Absence("sick")})
    course.lessons.create(facility_id=course.facility_id, held_on=date(2026, 3, 3))
    services.close_course(actor=teacher, course=course, move="finish")
    course.refresh_from_db()
    assert course.status == Course.Status.FINISHED
    assert list(course.lessons.values_list("held_on", flat=True)) == [date(2026, 3, 2)]
    assert lesson.attendances.count() == 3


def test_a_closed_course_is_neither_edited_nor_closed_again(course, teacher):
    services.close_course(actor=teacher, course=course, move="cancel")
    with pytest.raises(DomainError, match="cannot be recorded while the status is"):
        edit(course, teacher, title="Again")
    with pytest.raises(DomainError, match="cannot be recorded while the status is"):
        services.close_course(actor=teacher, course=course, move="finish")


def test_a_course_not_started_is_cancelled_not_finished(facility, teacher, today):
    later = services.create_course(
        actor=teacher,
        facility_id=facility.pk,
        kind=Course.Kind.LITERACY,
        title="Literacy B",
        teacher=teacher,
        starts_on=date(2026, 3, 3),
        ends_on=date(2026, 12, 31),
    )
    with pytest.raises(DomainError, match="has not started"):
        services.close_course(actor=teacher, course=later, move="finish")
    assert services.close_course(actor=teacher, course=later, move="cancel").status == Course.Status.CANCELLED


def test_no_roll_is_called_in_a_cancelled_course(course, teacher, class_of_three, lesson):
    services.close_course(actor=teacher, course=course, move="cancel")
    with pytest.raises(DomainError, match="cancelled"):
        services.save_roll_call(actor=teacher, lesson=lesson, absent={})


def test_a_resident_who_leaves_is_off_the_next_roll_calls_and_on_their_timeline(
    course, teacher, class_of_three, lesson
):
    enrolment = Enrolment.objects.get(course=course, resident=class_of_three[0])
    services.leave_course(actor=teacher, enrolment=enrolment, left_on=date(2026, 3, 2), reason="Moved to class B")
    assert services.save_roll_call(actor=teacher, lesson=lesson, absent={}) == 2
    assert TimelineEvent.objects.filter(resident=class_of_three[0], kind="daily_life.course_left").exists()


@pytest.mark.parametrize(
    ("left_on", "valid"),
    [
        (date(2026, 2, 2), False),  # the day of enrolment
        (date(2026, 2, 3), True),  # the day after
    ],
)
def test_a_resident_leaves_after_the_day_they_were_enrolled(course, teacher, class_of_three, left_on, valid):
    enrolment = Enrolment.objects.get(course=course, resident=class_of_three[0])
    if valid:
        assert services.leave_course(actor=teacher, enrolment=enrolment, left_on=left_on).left_on == left_on
    else:
        with pytest.raises(DomainError, match="cannot leave before the day after"):
            services.leave_course(actor=teacher, enrolment=enrolment, left_on=left_on)


def test_a_resident_leaves_a_course_once(course, teacher, class_of_three):
    enrolment = Enrolment.objects.get(course=course, resident=class_of_three[0])
    services.leave_course(actor=teacher, enrolment=enrolment, left_on=date(2026, 3, 2))
    with pytest.raises(DomainError, match="already left the course on 02/03/2026"):
        services.leave_course(actor=teacher, enrolment=enrolment, left_on=date(2026, 3, 3))


def test_the_teacher_corrects_and_finishes_a_course_from_its_page(course, teacher):
    client = verified_client_for(teacher)
    page = reverse("daily_life:course-detail", args=[course.pk])
    assert reverse("daily_life:course-edit", args=[course.pk]) in client.get(page).content.decode()
    bad = client.post(
        reverse("daily_life:course-edit", args=[course.pk]),
        {"title": "LVEP", "teacher": teacher.pk, "starts_on": "30/04/2026", "ends_on": "02/02/2026"},
    )
    assert bad.status_code == 400 and "cannot end before it starts" in bad.content.decode()
    response = client.post(reverse("daily_life:course-close", args=[course.pk]), {"move": "finish"}, follow=True)
    assert "The course is finished." in response.content.decode()
    assert reverse("daily_life:course-edit", args=[course.pk]) not in response.content.decode()


def test_a_resident_leaves_from_the_course_page_with_a_date_and_a_reason(course, teacher, class_of_three):
    enrolment = Enrolment.objects.get(course=course, resident=class_of_three[1])
    client = verified_client_for(teacher)
    url = reverse("daily_life:enrolment-leave", args=[enrolment.pk])
    assert url in client.get(reverse("daily_life:course-detail", args=[course.pk])).content.decode()
    refused = client.post(url, {"left_on": "01/01/2026", "reason": ""})
    assert refused.status_code == 400 and "cannot leave before the day after" in refused.content.decode()
    assert client.post(url, {"left_on": "02/03/2026", "reason": "Hospital"}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.left_on == date(2026, 3, 2)


def test_a_finish_or_cancel_typed_wrong_is_a_message_not_an_error(course, teacher):
    response = verified_client_for(teacher).post(
        reverse("daily_life:course-close", args=[course.pk]), {"move": "explode"}, follow=True
    )
    assert (
        response.status_code == 200
        and "Choose whether the course is finished or cancelled" in response.content.decode()
    )
    make_episode(make_resident(course.facility))  # the course is untouched
    course.refresh_from_db()
    assert course.status == Course.Status.RUNNING
