"""A step owned by a department as well as a role is for the holders of that role who serve in
the department on the day (organisation's postings), in the inbox and when they act."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.core.models import Department
from hoanhap.organisation import services as organisation
from hoanhap.organisation.models import Position
from hoanhap.workflows import selectors, services
from hoanhap.workflows.models import Step, Task

LEAVE = {"leave_reason": "funeral_parent", "days": "3", "travel_days": "1"}


@pytest.fixture
def review_by_management(leave_process, facility):  # type: ignore[no-untyped-def]
    """The leave process whose review belongs to the deputies serving in resident management."""
    department = Department.objects.create(facility=facility, name="Phòng Quản lý học viên")
    Step.objects.filter(version__process=leave_process, key="review").update(owner_department=department)
    return department


def awaiting_review(case):  # type: ignore[no-untyped-def]
    return case.tasks.get(step__key="review", is_current=True, status=Task.Status.OPEN)


def test_a_deputy_serving_elsewhere_neither_sees_nor_acts_on_the_department_s_step(  # type: ignore[no-untyped-def]
    leave_process, review_by_management, episode, resident_manager, deputy, director, facility
):
    case = services.start_case(actor=resident_manager, process=leave_process, title="Nghỉ phép", episode=episode)
    services.complete_task(actor=resident_manager, task=case.tasks.get(step__key="request"), data=LEAVE)
    task = awaiting_review(case)
    assert task not in selectors.inbox(deputy)
    with pytest.raises(PermissionDenied):
        services.approve_task(actor=deputy, task=task)

    staff = organisation.add_staff_member(
        actor=director, facility=facility, full_name="Lê Văn Phó", sex="male", hired_on=date(2020, 1, 6)
    )
    position = Position.objects.create(facility=facility, name="Phó Giám đốc")
    organisation.post_staff_member(
        actor=director,
        staff_member=staff,
        department=review_by_management,
        position=position,
        starts_on=date(2026, 1, 5),
    )
    organisation.link_account(actor=director, staff_member=staff, user=deputy)

    assert task in selectors.inbox(deputy)
    services.approve_task(actor=deputy, task=task)
    assert case.tasks.get(step__key="decide", is_current=True).status == Task.Status.OPEN
