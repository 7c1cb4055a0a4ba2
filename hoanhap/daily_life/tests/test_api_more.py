"""The API does what the pages do: a team edited and its members moved, a day's entry corrected,
the work log read, a course corrected, closed and left, a visit cancelled or extended — the same
services, the same refusals as 4xx JSON."""

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from hoanhap.daily_life.models import Course, Enrolment, TeamMembership, Visit, WorkLog, WorkTeam
from hoanhap.daily_life.services import courses as course_services
from hoanhap.daily_life.services import visits as visit_services
from hoanhap.daily_life.services.labour import SheetRow, add_member, save_day_sheet
from hoanhap.daily_life.services.visits import VisitorData
from hoanhap.testing import client_for, make_episode, make_resident

pytestmark = pytest.mark.django_db


def send(user, method, path, body=None):  # type: ignore[no-untyped-def]
    call = getattr(client_for(user), method)
    return call(f"/api/daily-life{path}", json.dumps(body or {}, default=str), content_type="application/json")


@pytest.fixture
def worker(facility):  # type: ignore[no-untyped-def]
    resident = make_resident(facility, "Trần Văn An")
    make_episode(resident, admitted_on=date(2026, 1, 5))
    return resident


def test_a_team_is_edited_and_its_members_come_and_go_by_the_api(facility, team_leader, worker, today):
    team = WorkTeam.objects.create(facility=facility, name="Tổ rau", leader=team_leader)
    edited = send(
        team_leader, "patch", f"/labour/teams/{team.pk}", {"name": "Tổ rau sạch", "leader_id": team_leader.pk}
    )
    assert edited.status_code == 200 and edited.json()["name"] == "Tổ rau sạch"
    added = send(team_leader, "post", f"/labour/teams/{team.pk}/members", {"resident_id": worker.pk})
    assert added.status_code == 201
    refused = send(team_leader, "patch", f"/labour/teams/{team.pk}", {"name": "Tổ rau sạch", "is_active": False})
    assert refused.status_code == 400 and refused.json()["code"] == "team_not_empty"
    membership = TeamMembership.objects.get()
    assert send(team_leader, "post", f"/labour/memberships/{membership.pk}/remove", {}).status_code == 200
    membership.refresh_from_db()
    assert membership.left_on == today.value


def test_a_day_s_entry_is_corrected_within_the_caps_and_the_log_is_read(facility, team_leader, worker, today):
    team = WorkTeam.objects.create(facility=facility, name="Tổ rau", leader=team_leader)
    add_member(actor=team_leader, team=team, resident_id=worker.pk, joined_on=date(2026, 1, 5))
    save_day_sheet(actor=team_leader, team=team, worked_on=today.value, rows=[SheetRow(worker.pk, Decimal(4))])
    log = WorkLog.objects.get()
    too_long = send(team_leader, "put", f"/labour/logs/{log.pk}", {"hours": "8.5", "task": "Trồng rau"})
    assert too_long.status_code == 400 and too_long.json()["field"] == "hours"
    assert send(team_leader, "put", f"/labour/logs/{log.pk}", {"hours": "6", "task": "Tưới"}).status_code == 200
    page = client_for(team_leader).get("/api/daily-life/labour/logs", {"q": "an"}).json()
    assert (page["count"], Decimal(page["hours"]), page["rows"][0]["task"]) == (1, Decimal(6), "Tưới")


def test_a_course_is_corrected_closed_and_left_by_the_api(facility, teacher, worker, today):
    course = course_services.create_course(
        actor=teacher,
        facility_id=facility.pk,
        kind=Course.Kind.LIFE_VALUES,
        title="LVEP",
        teacher=teacher,
        starts_on=date(2026, 2, 2),
        ends_on=date(2026, 4, 30),
    )
    course_services.enrol_residents(
        actor=teacher, course=course, resident_ids=[worker.pk], enrolled_on=date(2026, 2, 2)
    )
    body = {"title": "LVEP A", "teacher_id": teacher.pk, "starts_on": "2026-02-02", "ends_on": "2026-01-30"}
    assert send(teacher, "patch", f"/courses/{course.pk}", body).json()["code"] == "ends_before_start"
    assert (
        send(teacher, "patch", f"/courses/{course.pk}", {**body, "ends_on": "2026-05-29"}).json()["title"] == "LVEP A"
    )
    enrolment = Enrolment.objects.get()
    left = send(teacher, "post", f"/courses/enrolments/{enrolment.pk}/leave", {"left_on": "2026-03-02"})
    assert left.status_code == 200 and left.json()["left_on"] == "2026-03-02"
    assert send(teacher, "post", f"/courses/{course.pk}/close", {"move": "finish"}).json()["status"] == "finished"
    assert send(teacher, "post", f"/courses/{course.pk}/close", {"move": "cancel"}).status_code == 400


def test_a_visit_is_cancelled_by_the_officer_and_extended_only_by_the_director(
    facility, visit_officer, director, worker, today
):
    starts = timezone.make_aware(datetime(2026, 3, 3, 8))
    visit = visit_services.book_visit(
        actor=visit_officer,
        episode=worker.episodes.get(),
        starts_at=starts,
        ends_at=starts.replace(hour=10),
        visitors=[VisitorData(full_name="Trần Thị Lan", id_number="001190001234", relation="mother")],
    )
    ends = starts.replace(hour=12).isoformat()
    assert send(visit_officer, "post", f"/visits/{visit.pk}/extension", {"ends_at": ends}).status_code == 403
    extended = send(director, "post", f"/visits/{visit.pk}/extension", {"ends_at": ends})
    assert extended.status_code == 200, extended.content
    assert send(visit_officer, "post", f"/visits/{visit.pk}/cancel", {"reason": "Gia đình báo bận"}).status_code == 200
    assert Visit.objects.get().status == Visit.Status.CANCELLED
