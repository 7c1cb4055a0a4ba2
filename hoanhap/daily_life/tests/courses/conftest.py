from datetime import date

import pytest

from hoanhap.daily_life.models import Course, Trade
from hoanhap.daily_life.services import courses as services
from hoanhap.testing import make_episode, make_resident


@pytest.fixture
def trade():  # type: ignore[no-untyped-def]
    return Trade.objects.create(name="Carpentry")


@pytest.fixture
def course(facility, teacher, today):  # type: ignore[no-untyped-def]
    return services.create_course(
        actor=teacher,
        facility_id=facility.pk,
        kind=Course.Kind.LIFE_VALUES,
        title="LVEP class A",
        teacher=teacher,
        starts_on=date(2026, 2, 2),
        ends_on=date(2026, 4, 30),
    )


@pytest.fixture
def class_of_three(course, teacher, facility):  # type: ignore[no-untyped-def]
    residents = [make_resident(facility, full_name=name) for name in ("An", "Bình", "Cường")]
    for resident in residents:
        make_episode(resident)
    services.enrol_residents(
        actor=teacher, course=course, resident_ids=[r.pk for r in residents], enrolled_on=date(2026, 2, 2)
    )
    return residents


@pytest.fixture
def lesson(course, teacher):  # type: ignore[no-untyped-def]
    return course.lessons.create(facility_id=course.facility_id, held_on=date(2026, 3, 2), topic="Respect")
