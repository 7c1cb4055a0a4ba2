"""The organisation's personas and a small facility: five departments (founded 2020), positions,
and staff posted in them; in English, on a day the test sets (`today`)."""

from datetime import date

import pytest

from hoanhap.core.models import Department
from hoanhap.organisation.models import Position, Rotation, StaffMember


@pytest.fixture(autouse=True)
def _messages_in_english(english_messages):  # type: ignore[no-untyped-def]
    """These tests read the services' messages by their English source text (root conftest)."""


@pytest.fixture
def default_today() -> date:
    return date(2026, 3, 2)


FOUNDED = date(2020, 1, 1)


def department(facility, name: str, order: int = 0) -> Department:  # type: ignore[no-untyped-def]
    return Department.objects.create(facility=facility, name=name, order=order, established_on=FOUNDED)


def staff(facility, full_name: str, *, hired_on: date = FOUNDED, **fields) -> StaffMember:  # type: ignore[no-untyped-def]
    member = StaffMember(facility=facility, full_name=full_name, sex="male", hired_on=hired_on, **fields)
    member.build_search_text()
    member.save()
    return member


def post(
    member: StaffMember, dept: Department, position: Position, starts_on: date = FOUNDED, ends_on=None
) -> Rotation:  # type: ignore[no-untyped-def]
    return Rotation.objects.create(
        facility_id=member.facility_id,
        staff_member=member,
        department=dept,
        position=position,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@pytest.fixture
def departments(facility):  # type: ignore[no-untyped-def]
    names = ["Phòng Hành chính", "Phòng Quản lý", "Phòng Y tế", "Đội Lao động", "Đội Bảo vệ"]
    return {name: department(facility, name, n) for n, name in enumerate(names, start=1)}


@pytest.fixture
def positions(facility):  # type: ignore[no-untyped-def]
    names = ["Trưởng phòng", "Viên chức", "Nhân viên"]
    return {name: Position.objects.create(facility=facility, name=name, order=n) for n, name in enumerate(names)}


@pytest.fixture
def other_facility_staff(other_facility):  # type: ignore[no-untyped-def]
    return staff(other_facility, "Trần Văn Khác")
