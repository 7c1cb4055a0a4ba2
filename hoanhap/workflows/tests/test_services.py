"""Cases run step by step: deadlines in working days, versions kept, owners checked, no double acts."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.accounts.roles import Role
from hoanhap.core.errors import DomainError
from hoanhap.core.models import Holiday
from hoanhap.residents.models import LegalEvent
from hoanhap.testing import make_user
from hoanhap.workflows import selectors, services
from hoanhap.workflows.models import Case, Task

LEAVE = {"leave_reason": "funeral_parent", "days": "3", "travel_days": "1"}
DECISION = {"decision_number": "12/QĐ-CSCN", "decision_on": "02/03/2026"}


def open_task(case, key):  # type: ignore[no-untyped-def]
    return case.tasks.get(step__key=key, is_current=True, status=Task.Status.OPEN)


def test_a_funeral_leave_request_ends_in_the_residents_leave_record(  # type: ignore[no-untyped-def]
    leave_process, episode, resident_manager, deputy, director
):
    case = services.start_case(
        actor=resident_manager, process=leave_process, title="Nghỉ phép", resident=episode.resident, episode=episode
    )
    services.complete_task(actor=resident_manager, task=open_task(case, "request"), data=LEAVE)
    services.approve_task(actor=deputy, task=open_task(case, "review"))
    services.approve_task(actor=director, task=open_task(case, "decide"), data=DECISION)

    case.refresh_from_db()
    assert case.status == Case.Status.DONE
    leave = LegalEvent.objects.get(episode=episode, kind=LegalEvent.Kind.LEAVE)
    assert (leave.days, leave.travel_days, leave.decision_number) == (3, 1, "12/QĐ-CSCN")


def test_the_residents_refusal_shows_beside_the_tasks_fields(  # type: ignore[no-untyped-def]
    leave_process, episode, resident_manager, deputy, director
):
    case = services.start_case(actor=resident_manager, process=leave_process, title="x", episode=episode)
    services.complete_task(actor=resident_manager, task=open_task(case, "request"), data={**LEAVE, "days": "30"})
    services.approve_task(actor=deputy, task=open_task(case, "review"))
    with pytest.raises(DomainError) as refusal:
        services.approve_task(actor=director, task=open_task(case, "decide"), data=DECISION)
    assert refusal.value.field == "days"
    assert open_task(case, "decide")  # nothing saved: the task is still open
    assert not LegalEvent.objects.filter(episode=episode).exists()


def test_a_deadline_skips_the_tet_holidays(leave_process, resident_manager, facility, today):  # type: ignore[no-untyped-def]
    for day in range(5, 12):  # Tết Đinh Mùi: Friday 05/02 to Thursday 11/02/2027 (installed, or here)
        Holiday.objects.get_or_create(facility=None, day=date(2027, 2, day), defaults={"name": "Tết"})
    today.set(date(2027, 2, 4))  # Thursday
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    assert open_task(case, "request").due_on == date(2027, 2, 12)  # one working day: Friday after Tết


def test_a_deadline_of_one_working_day_from_friday_is_monday(leave_process, resident_manager, today):  # type: ignore[no-untyped-def]
    today.set(date(2026, 3, 6))
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    assert open_task(case, "request").due_on == date(2026, 3, 9)


def test_a_running_case_keeps_the_version_it_started_on(leave_process, resident_manager, director):  # type: ignore[no-untyped-def]
    first = services.start_case(actor=resident_manager, process=leave_process, title="first")
    draft = services.new_draft(actor=director, process=leave_process)
    services.save_step(
        actor=director,
        version=draft,
        key="review",
        title="Changed",
        owner_role=Role.DIRECTOR,
        deadline_days=5,
        after=["request"],
        kind="approval",
        may_return_to=["request"],
    )
    services.publish(actor=director, version=draft)
    second = services.start_case(actor=resident_manager, process=leave_process, title="second")

    services.complete_task(actor=resident_manager, task=open_task(first, "request"), data=LEAVE)
    assert first.version.number == 1
    assert open_task(first, "review").owner_role == Role.DEPUTY_DIRECTOR
    assert second.version.number == 2


def test_a_published_version_cannot_be_changed(leave_process, director):  # type: ignore[no-untyped-def]
    version = leave_process.versions.get()
    with pytest.raises(DomainError, match="A published version cannot be changed"):
        services.save_step(actor=director, version=version, key="x", title="x", owner_role=Role.DIRECTOR)


def test_a_draft_with_a_loop_is_not_published(leave_process, director):  # type: ignore[no-untyped-def]
    draft = services.new_draft(actor=director, process=leave_process)
    services.save_step(
        actor=director, version=draft, key="request", title="x", owner_role=Role.DIRECTOR, after=["decide"]
    )
    with pytest.raises(DomainError, match="wait for each other in a loop"):
        services.publish(actor=director, version=draft)


def test_a_user_without_the_steps_role_is_refused(leave_process, resident_manager, director):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    with pytest.raises(PermissionDenied):
        services.complete_task(actor=director, task=open_task(case, "request"), data=LEAVE)


def test_the_role_in_another_facility_does_not_count(leave_process, resident_manager, other_facility):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    stranger = make_user(Role.RESIDENT_MANAGER, other_facility)
    with pytest.raises(PermissionDenied):
        services.complete_task(actor=stranger, task=open_task(case, "request"), data=LEAVE)


def test_acting_twice_on_a_task_is_refused(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    task = open_task(case, "request")
    services.complete_task(actor=resident_manager, task=task, data=LEAVE)
    with pytest.raises(DomainError, match="This task has already been done by Cán bộ resident_manager at"):
        services.complete_task(actor=resident_manager, task=task, data=LEAVE)


def test_a_missing_field_is_refused_beside_it(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    with pytest.raises(DomainError) as refusal:
        services.complete_task(actor=resident_manager, task=open_task(case, "request"), data={**LEAVE, "days": ""})
    assert refusal.value.field == "days"


def test_a_return_reopens_the_earlier_step_with_the_comment(leave_process, resident_manager, deputy):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    services.complete_task(actor=resident_manager, task=open_task(case, "request"), data=LEAVE)
    review = open_task(case, "review")
    with pytest.raises(DomainError, match="Say why"):
        services.return_task(actor=deputy, task=review, to="request", comment="")
    services.return_task(actor=deputy, task=review, to="request", comment="Thiếu giấy báo tử")
    review.refresh_from_db()
    assert (review.status, review.comment) == (Task.Status.RETURNED, "Thiếu giấy báo tử")
    services.complete_task(actor=resident_manager, task=open_task(case, "request"), data=LEAVE)
    assert open_task(case, "review")
    assert case.tasks.count() == 4  # the history: request, review (returned), request, review


def test_returning_to_a_step_not_named_is_refused(leave_process, resident_manager, deputy):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    services.complete_task(actor=resident_manager, task=open_task(case, "request"), data=LEAVE)
    with pytest.raises(DomainError, match="cannot return the case there"):
        services.return_task(actor=deputy, task=open_task(case, "review"), to="decide", comment="x")


def test_a_cancelled_case_closes_its_open_tasks(leave_process, resident_manager):  # type: ignore[no-untyped-def]
    case = services.start_case(actor=resident_manager, process=leave_process, title="x")
    services.cancel_case(actor=resident_manager, case=case, reason="Gia đình rút đề nghị")
    assert not case.tasks.filter(status=Task.Status.OPEN).exists()
    with pytest.raises(DomainError):
        services.cancel_case(actor=resident_manager, case=case, reason="again")


def test_parallel_steps_join_before_the_next(facility, director, today):  # type: ignore[no-untyped-def]
    from hoanhap.workflows.defaults import install_defaults
    from hoanhap.workflows.models import Process

    install_defaults(facility.pk, only=["voluntary-admission"])
    process = Process.objects.get(code="voluntary-admission")
    manager = make_user(Role.RESIDENT_MANAGER, facility)
    doctor = make_user(Role.MEDICAL_STAFF, facility)
    case = services.start_case(actor=manager, process=process, title="x")
    services.complete_task(actor=manager, task=open_task(case, "application"), data={"applicant": "Bà Lan"})
    services.complete_task(actor=manager, task=open_task(case, "contract"))
    assert not case.tasks.filter(step__key="decide").exists()
    services.complete_task(actor=doctor, task=open_task(case, "health"))
    assert open_task(case, "decide")


@pytest.mark.parametrize(("day", "overdue"), [(date(2026, 3, 3), False), (date(2026, 3, 4), True)])
def test_the_overdue_list_holds_the_steps_past_their_day(  # type: ignore[no-untyped-def]
    leave_process, resident_manager, director, today, day, overdue
):
    services.start_case(actor=resident_manager, process=leave_process, title="x")  # due Tuesday 03/03
    today.set(day)
    assert bool(list(selectors.board(director)["overdue"])) is overdue
    assert selectors.reminder_counts(resident_manager, None)["overdue"] == int(overdue)
