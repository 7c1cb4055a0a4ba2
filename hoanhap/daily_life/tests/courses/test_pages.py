from datetime import date

import pytest
from django.urls import reverse

from hoanhap.daily_life.models import Attendance, Course
from hoanhap.testing import make_episode, make_resident, verified_client_for

pytestmark = pytest.mark.django_db


def test_the_teacher_sees_the_course_list_and_exports_it(teacher, course):
    client = verified_client_for(teacher)
    response = client.get(reverse("daily_life:course-list"), {"kind": "life_values"})
    assert response.status_code == 200 and "LVEP class A" in response.content.decode()
    export = client.get(reverse("daily_life:course-list"), {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxml")


def test_a_roll_call_is_saved_from_the_sheet(teacher, lesson, class_of_three):
    client = verified_client_for(teacher)
    url = reverse("daily_life:lesson-roll-call", args=[lesson.pk])
    assert client.get(url).content.decode().count('data-testid="roll-row"') == 3
    binh = class_of_three[1]
    response = client.post(url, {f"absent-{binh.pk}": "1", f"reason-{binh.pk}": "sick"})
    assert response.status_code == 302
    assert Attendance.objects.filter(present=False).count() == 1


def test_an_absence_without_a_reason_is_a_400_with_the_message(teacher, lesson, class_of_three):
    client = verified_client_for(teacher)
    binh = class_of_three[1]
    response = client.post(reverse("daily_life:lesson-roll-call", args=[lesson.pk]), {f"absent-{binh.pk}": "1"})
    assert response.status_code == 400
    assert "Give the reason for the absence." in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_score_that_is_no_number_is_a_400(teacher, course, class_of_three):
    client = verified_client_for(teacher)
    response = client.post(
        reverse("daily_life:course-results", args=[course.pk]), {f"score-{class_of_three[0].pk}": "abc"}
    )
    assert response.status_code == 400 and "Enter a number" in response.content.decode()


def test_another_facilitys_teacher_gets_a_404(teacher_of_other_facility, course):
    client = verified_client_for(teacher_of_other_facility)
    assert client.get(reverse("daily_life:course-detail", args=[course.pk])).status_code == 404


def test_the_api_refuses_a_resident_not_enrolled_with_a_message(teacher, lesson, class_of_three, facility):
    stranger = make_resident(facility)
    client = verified_client_for(teacher)
    response = client.post(
        f"/api/daily-life/courses/lessons/{lesson.pk}/roll-call",
        {"absent": [{"resident_id": stranger.pk, "reason": "sick"}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Not enrolled" in response.json()["errors"][str(stranger.pk)]
    assert not Attendance.objects.exists()


def test_the_certificate_pdf_opens(teacher, facility, today, class_of_three):
    from decimal import Decimal

    from hoanhap.daily_life.models import Course, Trade
    from hoanhap.daily_life.services import courses as services

    course = services.create_course(
        actor=teacher,
        facility_id=facility.pk,
        kind=Course.Kind.VOCATIONAL,
        title="Wood",
        teacher=teacher,
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 3, 1),
        trade=Trade.objects.create(name="Carpentry"),
    )
    services.enrol_residents(
        actor=teacher, course=course, resident_ids=[class_of_three[0].pk], enrolled_on=date(2026, 1, 5)
    )
    services.record_results(actor=teacher, course=course, results={class_of_three[0].pk: services.Result(Decimal("8"))})
    client = verified_client_for(teacher)
    enrolment = course.enrolments.get()
    assert (
        client.post(reverse("daily_life:certificate-issue", args=[course.pk]), {"enrolment": enrolment.pk}).status_code
        == 302
    )
    pdf = client.get(reverse("daily_life:certificate-pdf", args=[enrolment.certificate.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_teacher_creates_a_course_schedules_it_and_enrols_residents(teacher, facility, today):
    client = verified_client_for(teacher)
    response = client.post(
        reverse("daily_life:course-create"),
        {
            "kind": "behaviour",
            "title": "Behaviour K2",
            "teacher": teacher.pk,
            "starts_on": "02/03/2026",
            "ends_on": "31/03/2026",
        },
    )
    course = Course.objects.get(title="Behaviour K2")
    assert response.status_code == 302
    response = client.post(
        reverse("daily_life:course-schedule", args=[course.pk]),
        {"weekdays": ["1", "3"], "topics": "Self-control\nFamily"},
    )
    assert response.status_code == 302 and course.lessons.count() == 9
    resident = make_resident(facility, full_name="Lê Văn Em")
    make_episode(resident)
    page = client.get(reverse("daily_life:course-enrol", args=[course.pk]))
    assert "Lê Văn Em" in page.content.decode()
    response = client.post(
        reverse("daily_life:course-enrol", args=[course.pk]), {"residents": [resident.pk], "enrolled_on": "02/03/2026"}
    )
    assert response.status_code == 302 and course.enrolments.filter(resident=resident).exists()


def test_a_course_ending_before_it_starts_is_a_400_beside_the_field(teacher, today):
    client = verified_client_for(teacher)
    response = client.post(
        reverse("daily_life:course-create"),
        {
            "kind": "literacy",
            "title": "Reading",
            "teacher": teacher.pk,
            "starts_on": "02/03/2026",
            "ends_on": "01/03/2026",
        },
    )
    assert response.status_code == 400
    assert "The course cannot end before it starts." in response.content.decode()
    assert not Course.objects.exists()


def test_the_director_reads_courses_but_cannot_call_the_roll(director, lesson):
    client = verified_client_for(director)
    assert client.get(reverse("daily_life:course-detail", args=[lesson.course_id])).status_code == 200
    assert client.get(reverse("daily_life:lesson-roll-call", args=[lesson.pk])).status_code == 403


def test_the_api_lists_courses_and_records_results(teacher, course, class_of_three):
    client = verified_client_for(teacher)
    assert [row["title"] for row in client.get("/api/daily-life/courses/").json()] == ["LVEP class A"]
    detail = client.get(f"/api/daily-life/courses/{course.pk}").json()
    assert len(detail["enrolments"]) == 3
    response = client.post(
        f"/api/daily-life/courses/{course.pk}/results",
        {"results": [{"resident_id": class_of_three[0].pk, "score": "11"}]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "between 0 and 10" in response.json()["errors"][str(class_of_three[0].pk)]
