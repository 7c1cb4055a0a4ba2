from datetime import date

import pytest
from django.urls import reverse

from hoanhap.daily_life.models import Attendance
from hoanhap.testing import make_resident, verified_client_for

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
