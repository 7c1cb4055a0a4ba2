"""Courses and classes: what the area registers."""

from django.utils.translation import gettext_lazy as _

EVENTS = {
    "daily_life.course_created": _("Course created"),
    "daily_life.course_edited": _("Course edited"),
    "daily_life.course_closed": _("Course finished or cancelled"),
    "daily_life.course_left": _("Resident left a course"),
    "daily_life.lessons_scheduled": _("Lessons scheduled"),
    "daily_life.residents_enrolled": _("Residents enrolled in a course"),
    "daily_life.roll_call_saved": _("Roll call saved"),
    "daily_life.course_results_recorded": _("Course results recorded"),
    "daily_life.vocational_certificate_issued": _("Vocational certificate issued"),
    "daily_life.courses_exported": _("Course list exported"),
}


def register() -> None:
    """Timeline kinds, audit events, audited models (or exempt), cards of this area."""
    from auditlog.registry import auditlog

    from hoanhap.audit import events
    from hoanhap.core import registry

    from ..models import Attendance, Course, Enrolment, Lesson, Trade, VocationalCertificate

    registry.timeline_kinds.register(registry.TimelineKind("daily_life.course_enrolled", _("Enrolled in a course")))
    registry.timeline_kinds.register(registry.TimelineKind("daily_life.course_left", _("Left a course")))
    registry.timeline_kinds.register(
        registry.TimelineKind("daily_life.vocational_certificate", _("Vocational certificate"))
    )
    for key, label in EVENTS.items():
        events.register(key, label)
    for model in (Course, Lesson, Enrolment, Attendance, VocationalCertificate, Trade):
        auditlog.register(model, exclude_fields=["updated_at"])
