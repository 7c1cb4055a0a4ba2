"""Courses and classes: the scoped reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import visible_to

from ..access import AREAS
from ..models import Attendance, Course, Enrolment, Lesson

READ = AREAS["courses"].read


def courses_for(user: User, params: Mapping[str, Any] | None = None) -> QuerySet[Course]:
    """The courses the user reads, filtered by ?kind=, ?status=, ?teacher=, ?q= (title)."""
    params = params or {}
    queryset = visible_to(Course.objects.all(), user, READ).select_related("teacher", "trade", "facility")
    if params.get("kind") in Course.Kind.values:
        queryset = queryset.filter(kind=params["kind"])
    if params.get("status") in Course.Status.values:
        queryset = queryset.filter(status=params["status"])
    teacher = str(params.get("teacher") or "")
    if teacher.isdigit():
        queryset = queryset.filter(teacher_id=int(teacher))
    if params.get("q"):
        queryset = queryset.filter(title__icontains=str(params["q"]).replace("\x00", "")[:100])
    return queryset.annotate(
        enrolled=Count("enrolments", filter=Q(enrolments__left_on__isnull=True), distinct=True),
        lesson_count=Count("lessons", distinct=True),
    )


@dataclass
class CoursePage:
    course: Course
    lessons: Sequence[Lesson]
    enrolments: Sequence[Enrolment]
    attendance_rate: float | None  # present / called, over every lesson called

    @property
    def is_open(self) -> bool:
        """Not finished nor cancelled: it can be edited, joined and closed."""
        return self.course.status in (Course.Status.PLANNED, Course.Status.RUNNING)


def course_page(course: Course) -> CoursePage:
    lessons = list(
        course.lessons.annotate(
            called=Count("attendances"), absent=Count("attendances", filter=Q(attendances__present=False))
        ).order_by("held_on", "starts_at", "pk")
    )
    enrolments = list(
        course.enrolments.select_related("resident", "certificate")
        .annotate(called=Count("attendances"), absent=Count("attendances", filter=Q(attendances__present=False)))
        .order_by("resident__name_sort_key", "pk")
    )
    called = sum(row.called for row in lessons)  # type: ignore[attr-defined]
    absent = sum(row.absent for row in lessons)  # type: ignore[attr-defined]
    return CoursePage(
        course=course,
        lessons=lessons,
        enrolments=enrolments,
        attendance_rate=round(100 * (called - absent) / called, 1) if called else None,
    )


def attendance_of(lesson: Lesson) -> dict[int, Attendance]:
    """The lesson's saved roll call, by resident id."""
    return {
        row.enrolment.resident_id: row for row in Attendance.objects.filter(lesson=lesson).select_related("enrolment")
    }


def lessons_today(user: User, day: Any) -> QuerySet[Lesson]:
    return (
        visible_to(Lesson.objects.all(), user, READ)
        .filter(held_on=day)
        .select_related("course")
        .order_by("starts_at", "pk")
    )
