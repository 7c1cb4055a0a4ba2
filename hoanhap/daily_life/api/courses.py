"""Courses and classes: the API endpoints (the same selectors and services as the pages)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.models import User
from hoanhap.audit.access import object_for_request
from hoanhap.core.errors import DomainError

from ..access import AREAS
from ..models import Attendance, Course, Enrolment, Lesson, Trade
from ..selectors import courses as selectors
from ..services import courses as services
from .common import REFUSED, RowId

router = Router()
READ, WRITE = AREAS["courses"].read, AREAS["courses"].write


class CourseOut(Schema):
    id: int
    facility_id: int
    kind: str
    title: str
    trade: str | None
    teacher: str
    starts_on: date
    ends_on: date
    status: str


class LessonOut(Schema):
    id: int
    held_on: date
    starts_at: time | None
    ends_at: time | None
    topic: str
    called: bool


class EnrolmentOut(Schema):
    resident_id: int
    full_name: str
    enrolled_on: date
    left_on: date | None
    score: Decimal | None
    passed: bool | None


class CourseDetailOut(CourseOut):
    attendance_rate: float | None
    enrolments: list[EnrolmentOut]


class AbsenceIn(Schema):
    resident_id: int
    reason: str = Field(..., max_length=20)
    note: str = Field("", max_length=200)


class RollCallIn(Schema):
    absent: list[AbsenceIn] = []


class RollCallOut(Schema):
    lesson_id: int
    present: int
    absent: int


class ResultIn(Schema):
    resident_id: int
    score: Decimal | None = Field(None, max_digits=4, decimal_places=1)
    note: str = Field("", max_length=200)


class ResultsIn(Schema):
    results: list[ResultIn]


def _course_out(course: Course) -> dict[str, Any]:
    return {
        "id": course.pk,
        "facility_id": course.facility_id,
        "kind": course.kind,
        "title": course.title,
        "trade": course.trade.name if course.trade else None,
        "teacher": course.teacher.full_name,
        "starts_on": course.starts_on,
        "ends_on": course.ends_on,
        "status": course.status,
    }


def _course(request: AuthenticatedRequest, course_id: int, capability: Any = READ) -> Course:
    return object_for_request(
        request, Course.objects.select_related("teacher", "trade"), course_id, capability=capability
    )


def _refused(error: services.RowsRefused) -> Status:
    return Status(
        400, {"detail": str(error), "code": error.code, "errors": {k: str(v) for k, v in error.errors.items()}}
    )


@router.get("/", response=list[CourseOut], summary="The courses (filters: kind, status, teacher, q)")
def list_courses(
    request: AuthenticatedRequest, kind: str = "", status: str = "", teacher: str = "", q: str = ""
) -> Any:
    require_capability(request.user, READ)
    params = {"kind": kind, "status": status, "teacher": teacher, "q": q}
    return [
        _course_out(course) for course in selectors.courses_for(request.user, params).order_by("-starts_on", "pk")[:500]
    ]


@router.get("/{course_id}", response={200: CourseDetailOut, **REFUSED}, summary="One course, its residents")
def course_detail(request: AuthenticatedRequest, course_id: int) -> Any:
    page = selectors.course_page(_course(request, course_id))
    enrolments = [
        {
            "resident_id": row.resident_id,
            "full_name": row.resident.full_name,
            "enrolled_on": row.enrolled_on,
            "left_on": row.left_on,
            "score": row.score,
            "passed": row.passed,
        }
        for row in page.enrolments
    ]
    return {**_course_out(page.course), "attendance_rate": page.attendance_rate, "enrolments": enrolments}


@router.get("/{course_id}/lessons", response={200: list[LessonOut], **REFUSED}, summary="A course's lessons")
def course_lessons(request: AuthenticatedRequest, course_id: int) -> Any:
    course = _course(request, course_id)
    return [
        {
            "id": lesson.pk,
            "held_on": lesson.held_on,
            "starts_at": lesson.starts_at,
            "ends_at": lesson.ends_at,
            "topic": lesson.topic,
            "called": lesson.called_at is not None,
        }
        for lesson in course.lessons.order_by("held_on", "pk")
    ]


@router.post("/lessons/{lesson_id}/roll-call", response={200: RollCallOut, **REFUSED}, summary="Save a roll call")
def save_roll_call(request: AuthenticatedRequest, lesson_id: int, payload: RollCallIn) -> Any:
    lesson = object_for_request(request, Lesson.objects.select_related("course"), lesson_id, capability=WRITE)
    absent = {row.resident_id: services.Absence(reason=row.reason, note=row.note) for row in payload.absent}
    try:
        services.save_roll_call(actor=request.user, lesson=lesson, absent=absent)
    except services.RowsRefused as error:
        return _refused(error)
    rows = Attendance.objects.filter(lesson=lesson)
    return {
        "lesson_id": lesson.pk,
        "present": rows.filter(present=True).count(),
        "absent": rows.filter(present=False).count(),
    }


@router.post("/{course_id}/results", response={200: dict[str, int], **REFUSED}, summary="Record results")
def record_results(request: AuthenticatedRequest, course_id: int, payload: ResultsIn) -> Any:
    course = _course(request, course_id, WRITE)
    results = {row.resident_id: services.Result(score=row.score, note=row.note) for row in payload.results}
    try:
        changed = services.record_results(actor=request.user, course=course, results=results)
    except services.RowsRefused as error:
        return _refused(error)
    return {"changed": changed}


class CourseIn(Schema):
    title: str = Field(..., max_length=200)
    teacher_id: RowId
    starts_on: date
    ends_on: date
    trade_id: RowId | None = None


class CloseIn(Schema):
    move: str = Field(..., max_length=10, description='"finish" or "cancel"')


class LeaveIn(Schema):
    left_on: date
    reason: str = Field("", max_length=200)


@router.patch("/{course_id}", response={200: CourseOut, **REFUSED}, summary="Correct a course not yet closed")
def edit_course(request: AuthenticatedRequest, course_id: int, payload: CourseIn) -> Any:
    course = _course(request, course_id, WRITE)
    teacher = User.objects.filter(pk=payload.teacher_id).first()
    if teacher is None:
        raise DomainError(
            _("The teacher must be an education officer of this facility."), code="invalid", field="teacher"
        )
    trade = Trade.objects.filter(pk=payload.trade_id).first() if payload.trade_id is not None else None
    edited = services.edit_course(
        actor=request.user,
        course=course,
        title=payload.title,
        teacher=teacher,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        trade=trade,
    )
    return _course_out(edited)


@router.post("/{course_id}/close", response={200: CourseOut, **REFUSED}, summary="Finish or cancel a course")
def close_course(request: AuthenticatedRequest, course_id: int, payload: CloseIn) -> Any:
    course = _course(request, course_id, WRITE)
    return _course_out(services.close_course(actor=request.user, course=course, move=payload.move))


@router.post(
    "/enrolments/{enrolment_id}/leave", response={200: dict[str, Any], **REFUSED}, summary="A resident leaves a course"
)
def leave_course(request: AuthenticatedRequest, enrolment_id: int, payload: LeaveIn) -> Any:
    enrolment = object_for_request(
        request, Enrolment.objects.select_related("course", "resident"), enrolment_id, capability=WRITE
    )
    left = services.leave_course(
        actor=request.user, enrolment=enrolment, left_on=payload.left_on, reason=payload.reason
    )
    return {"enrolment_id": left.pk, "left_on": left.left_on}
