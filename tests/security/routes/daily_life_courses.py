"""Daily life, courses: who opens each URL."""

from datetime import date
from decimal import Decimal

from hoanhap.accounts.roles import Role
from hoanhap.daily_life.access import AREAS
from hoanhap.daily_life.models import Course, Enrolment, Lesson, Trade, VocationalCertificate

from ..route_rules import SUPERUSER, C, Rule, World

READ, WRITE = AREAS["courses"].read, frozenset({AREAS["courses"].write})

RULES: dict[str, Rule] = {
    # The trades, reference data in the administration site.
    "admin/daily_life/trade/": Rule(C.MANAGE_USERS),
    "admin/daily_life/trade/add/": Rule(C.MANAGE_USERS),
    "admin/daily_life/trade/<path:object_id>/history/": Rule(C.MANAGE_USERS),
    "admin/daily_life/trade/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/daily_life/trade/<path:object_id>/change/": Rule(C.MANAGE_USERS),
    "admin/daily_life/trade/<path:object_id>/": Rule(C.MANAGE_USERS),
    "daily-life/courses/": Rule(READ),
    "daily-life/courses/new/": Rule(WRITE, writes=True),
    "daily-life/courses/<int:course_id>/": Rule(READ, names_a_record=True),
    "daily-life/courses/<int:course_id>/edit/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/courses/<int:course_id>/close/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/courses/<int:course_id>/schedule/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/courses/enrolments/<int:enrolment_id>/leave/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/courses/<int:course_id>/enrol/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/courses/<int:course_id>/results/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/courses/<int:course_id>/certificates/": Rule(WRITE, names_a_record=True, writes=True),
    "daily-life/courses/certificates/<int:vocational_certificate_id>.pdf": Rule(READ, names_a_record=True),
    "daily-life/courses/lessons/<int:lesson_id>/roll-call/": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/courses/": Rule(READ),
    "api/daily-life/courses/<course_id>": Rule(READ, names_a_record=True),
    "api/daily-life/courses/<course_id>/lessons": Rule(READ, names_a_record=True),
    "api/daily-life/courses/<course_id>/results": Rule(WRITE, names_a_record=True),
    "api/daily-life/courses/lessons/<lesson_id>/roll-call": Rule(WRITE, names_a_record=True),
    "api/daily-life/courses/<course_id>/close": Rule(WRITE, names_a_record=True, writes=True),
    "api/daily-life/courses/enrolments/<enrolment_id>/leave": Rule(WRITE, names_a_record=True, writes=True),
}


def parameters(world: World) -> dict[str, str]:
    """The area's records in facility A, named by the URL parameters its routes use."""
    from hoanhap.testing import make_user

    teacher = make_user(Role.EDUCATION_OFFICER, world.facility)
    trade = Trade.objects.create(name="Carpentry")
    course = Course.objects.create(
        facility=world.facility,
        kind=Course.Kind.VOCATIONAL,
        trade=trade,
        title="Carpentry",
        teacher=teacher,
        starts_on=date(2026, 1, 5),
        ends_on=date(2026, 3, 1),
    )
    lesson = Lesson.objects.create(facility=world.facility, course=course, held_on=date(2026, 1, 5))
    enrolment = Enrolment.objects.create(
        facility=world.facility,
        course=course,
        resident=world.resident,
        episode=world.episode,
        enrolled_on=date(2026, 1, 5),
        score=Decimal("8"),
        passed=True,
    )
    certificate = VocationalCertificate.objects.create(
        facility=world.facility,
        enrolment=enrolment,
        number="1/2026/CCN",
        year=2026,
        sequence=1,
        issued_on=date(2026, 3, 1),
        issued_by=teacher,
    )
    return {
        "course_id": str(course.pk),
        "lesson_id": str(lesson.pk),
        "enrolment_id": str(enrolment.pk),
        "vocational_certificate_id": str(certificate.pk),
    }
