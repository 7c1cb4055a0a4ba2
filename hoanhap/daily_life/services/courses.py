"""Courses and classes: the audited writes. Each checks the teacher's capability
(`AREAS["courses"].write`) in the course's facility, runs in one transaction, and refuses bad input
with a `DomainError` before anything is written."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.writes import CREATE, DELETE, UPDATE, audited_write, record_bulk_write
from hoanhap.core import clock
from hoanhap.core.errors import DomainError
from hoanhap.core.locking import lock_row, locked
from hoanhap.core.models import Facility
from hoanhap.core.state import Move, StateMachine
from hoanhap.residents import selectors as residents
from hoanhap.residents.services import record_timeline_event

from ..access import AREAS, require_write
from ..models import Attendance, Course, Enrolment, Lesson, Trade, VocationalCertificate
from ..rules import courses as rules

WRITE = AREAS["courses"].write


class RowsRefused(DomainError):
    """Some rows of a sheet are refused: `errors` maps each resident id to its message."""

    def __init__(self, message: Any, *, errors: Mapping[int, Any], code: str = "rows_refused") -> None:
        super().__init__(message, code=code)
        self.errors = dict(errors)


@dataclass(frozen=True)
class Absence:
    reason: str
    note: str = ""


@dataclass(frozen=True)
class Result:
    score: Decimal | None
    note: str = ""


def _summary(text: str, **values: object) -> str:
    # Lazy: the audit entry is written in the site's language, whatever the user's.
    return lazy(lambda: gettext(text) % values, str)()


# --- Courses and lessons --------------------------------------------------------------------


# A course is planned, then runs from its first day; it finishes when the teacher closes it, or is
# cancelled. Edits, enrolment and roll call belong to a course not yet closed.
_OPEN = {Course.Status.PLANNED, Course.Status.RUNNING}
COURSE_STATES = StateMachine(
    "daily_life.course",
    moves={
        "edit": Move(source=_OPEN, target=None),
        "finish": Move(source=_OPEN, target=Course.Status.FINISHED),
        "cancel": Move(source=_OPEN, target=Course.Status.CANCELLED),
    },
    status_label=lambda value: Course.Status(value).label,
    move_label=lambda name: {"edit": _("Editing"), "finish": _("Finishing"), "cancel": _("Cancelling")}[name],
)


def _check_course(
    *, facility_id: int, kind: str, teacher: User, starts_on: date, ends_on: date, trade: Trade | None
) -> None:
    if kind not in Course.Kind.values:
        raise DomainError(_("Choose a kind of course."), code="invalid", field="kind")
    if ends_on < starts_on:
        raise DomainError(_("The course cannot end before it starts."), code="ends_before_start", field="ends_on")
    if kind == Course.Kind.VOCATIONAL and trade is None:
        raise DomainError(_("A vocational course teaches a trade: choose one."), code="required", field="trade")
    if trade is not None and trade.facility_id not in (None, facility_id):
        raise DomainError(_("This trade is not taught at this facility."), code="invalid", field="trade")
    if not has_capability(teacher, WRITE, facility_id):
        raise DomainError(
            _("The teacher must be an education officer of this facility."), code="invalid", field="teacher"
        )


@audited_write(event="daily_life.course_created")
def create_course(
    *,
    actor: User,
    facility_id: int,
    kind: str,
    title: str,
    teacher: User,
    starts_on: date,
    ends_on: date,
    trade: Trade | None = None,
) -> Course:
    require_write(actor, "courses", facility_id)
    _check_course(
        facility_id=facility_id, kind=kind, teacher=teacher, starts_on=starts_on, ends_on=ends_on, trade=trade
    )
    return Course.objects.create(
        facility_id=facility_id,
        kind=kind,
        title=title.strip(),
        teacher=teacher,
        starts_on=starts_on,
        ends_on=ends_on,
        trade=trade if kind == Course.Kind.VOCATIONAL else None,
        status=Course.Status.RUNNING if starts_on <= clock.today() else Course.Status.PLANNED,
    )


@audited_write(event="daily_life.course_edited")
def edit_course(
    *,
    actor: User,
    course: Course,
    title: str,
    teacher: User,
    starts_on: date,
    ends_on: date,
    trade: Trade | None = None,
) -> Course:
    """Correct a course not yet closed; its kind stays (its lessons and results follow from it).
    Lessons already scheduled must stay within the new dates."""
    require_write(actor, "courses", course.facility_id)
    course = locked(course)
    COURSE_STATES.move(course, "edit")
    _check_course(
        facility_id=course.facility_id,
        kind=course.kind,
        teacher=teacher,
        starts_on=starts_on,
        ends_on=ends_on,
        trade=trade,
    )
    outside = course.lessons.exclude(held_on__gte=starts_on, held_on__lte=ends_on).count()
    if outside:
        raise DomainError(
            _("%(count)s scheduled lessons fall outside these dates: move the dates or remove those lessons first."),
            code="lessons_outside",
            field="starts_on",
            count=outside,
        )
    course.title, course.teacher, course.starts_on, course.ends_on = title.strip(), teacher, starts_on, ends_on
    course.trade = trade if course.kind == Course.Kind.VOCATIONAL else None
    if course.status == Course.Status.PLANNED and starts_on <= clock.today():
        course.status = Course.Status.RUNNING
    course.save()
    return course


@audited_write(event="daily_life.course_closed")
def close_course(*, actor: User, course: Course, move: str) -> Course:
    """`move` "finish" (the course was taught: results can still be recorded and certificates
    issued) or "cancel" (it will not be taught). Either way nobody joins it any more and no roll is
    called; lessons not yet held are removed, those held stay with their roll calls."""
    require_write(actor, "courses", course.facility_id)
    course = locked(course)
    if move not in ("finish", "cancel"):
        raise DomainError(_("Choose whether the course is finished or cancelled."), code="invalid")
    today = clock.today()
    if move == "finish" and course.starts_on > today:
        raise DomainError(_("A course that has not started cannot be finished: cancel it instead."), code="not_started")
    COURSE_STATES.move(course, move)
    removed, _by_model = course.lessons.filter(held_on__gt=today, called_at__isnull=True).delete()
    if removed:
        record_bulk_write(
            scope=course,
            action=DELETE,
            summary=_summary("%(count)s lessons not held removed from %(course)s", count=removed, course=course.title),
            facility_id=course.facility_id,
            data={"course": course.pk, "after": today.isoformat()},
        )
    course.save()
    return course


@audited_write(event="daily_life.course_left")
def leave_course(*, actor: User, enrolment: Enrolment, left_on: date, reason: str = "") -> Enrolment:
    """The resident leaves the course (discharged, moved to another class, unable to follow): from
    `left_on` they are no longer on its roll calls; what they attended stays."""
    require_write(actor, "courses", enrolment.facility_id)
    enrolment = locked(enrolment)
    if enrolment.left_on is not None:
        raise DomainError(
            _("This resident already left the course on %(day)s."),
            code="already_left",
            day=f"{enrolment.left_on:%d/%m/%Y}",
        )
    if left_on > clock.today():
        raise DomainError(_("The date cannot be in the future."), code="future", field="left_on")
    if left_on <= enrolment.enrolled_on:
        raise DomainError(
            _("The resident cannot leave before the day after they were enrolled (%(day)s)."),
            code="left_before_enrolled",
            field="left_on",
            day=f"{enrolment.enrolled_on:%d/%m/%Y}",
        )
    enrolment.left_on = left_on
    enrolment.save()
    course = enrolment.course
    record_timeline_event(
        actor=actor,
        resident=enrolment.resident,
        kind="daily_life.course_left",
        occurred_on=left_on,
        summary=f"{course.get_kind_display()}: {course.title}"
        + (f" — {reason.strip()[:200]}" if reason.strip() else ""),
        facility_id=enrolment.facility_id,
        source=enrolment,
    )
    return enrolment


@audited_write(event="daily_life.lessons_scheduled")
def schedule_lessons(
    *,
    actor: User,
    course: Course,
    weekdays: Collection[int],
    starts_at: time | None = None,
    ends_at: time | None = None,
    topics: list[str] | None = None,
) -> list[Lesson]:
    """A lesson on each of `weekdays` (0 Monday … 6 Sunday) from the course's start to its end, the
    days already holding a lesson skipped; the curriculum's `topics` given to them in order."""
    require_write(actor, "courses", course.facility_id)
    if not weekdays or any(day not in range(7) for day in weekdays):
        raise DomainError(_("Choose the days of the week the class meets."), code="required", field="weekdays")
    if starts_at and ends_at and ends_at <= starts_at:
        raise DomainError(_("A lesson must end after it starts."), code="ends_before_start", field="ends_at")
    taken = set(course.lessons.values_list("held_on", flat=True))
    days = []
    day = course.starts_on
    while day <= course.ends_on:
        if day.weekday() in weekdays and day not in taken:
            days.append(day)
        day += timedelta(days=1)
    topics = topics or []
    lessons = [
        Lesson(
            facility_id=course.facility_id,
            course=course,
            held_on=day,
            starts_at=starts_at,
            ends_at=ends_at,
            topic=topics[n] if n < len(topics) else "",
        )
        for n, day in enumerate(days)
    ]
    Lesson.objects.bulk_create(lessons)
    record_bulk_write(
        scope=course,
        action=CREATE,
        summary=_summary("%(count)s lessons scheduled for %(course)s", count=len(lessons), course=course.title),
        facility_id=course.facility_id,
        data={"course": course.pk, "days": [day.isoformat() for day in days]},
    )
    return lessons


# --- Enrolment -------------------------------------------------------------------------------


@audited_write(event="daily_life.residents_enrolled")
def enrol_residents(
    *, actor: User, course: Course, resident_ids: Collection[int], enrolled_on: date
) -> list[Enrolment]:
    """Enrol residents in rehab at the course's facility; one already enrolled is refused."""
    require_write(actor, "courses", course.facility_id)
    if course.status not in _OPEN:
        raise DomainError(_("This course has ended: nobody can join it."), code="course_closed")
    if enrolled_on > clock.today():
        raise DomainError(_("The date cannot be in the future."), code="future", field="enrolled_on")
    episodes = {
        episode.resident_id: episode
        for episode in residents.open_episodes([course.facility_id]).filter(resident_id__in=list(resident_ids))
    }
    already = set(course.enrolments.filter(resident_id__in=list(resident_ids)).values_list("resident_id", flat=True))
    errors: dict[int, Any] = {}
    for resident_id in resident_ids:
        if resident_id in already:
            errors[resident_id] = _("Already enrolled in this course.")
        elif resident_id not in episodes:
            errors[resident_id] = _("Not in rehab at this facility.")
    if errors:
        raise RowsRefused(_("Some residents cannot be enrolled: nothing was saved."), errors=errors)
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                facility_id=course.facility_id,
                course=course,
                resident_id=resident_id,
                episode=episodes[resident_id],
                enrolled_on=enrolled_on,
            )
            for resident_id in resident_ids
        ]
    )
    record_bulk_write(
        scope=course,
        action=CREATE,
        summary=_summary("%(count)s residents enrolled in %(course)s", count=len(enrolments), course=course.title),
        facility_id=course.facility_id,
        data={"course": course.pk, "residents": sorted(resident_ids)},
    )
    for enrolment in enrolments:
        record_timeline_event(
            actor=actor,
            resident=episodes[enrolment.resident_id].resident,
            kind="daily_life.course_enrolled",
            occurred_on=enrolled_on,
            summary=f"{course.get_kind_display()}: {course.title}",
            facility_id=course.facility_id,
            source=enrolment,
        )
    return enrolments


# --- Roll call -------------------------------------------------------------------------------


def roster(lesson: Lesson) -> list[Enrolment]:
    """Who is expected at the lesson: enrolled on its day and not yet gone, in name order."""
    return list(
        Enrolment.objects.filter(course_id=lesson.course_id, enrolled_on__lte=lesson.held_on)
        .exclude(left_on__lte=lesson.held_on)
        .select_related("resident", "episode")
        .order_by("resident__name_sort_key", "pk")
    )


@audited_write(event="daily_life.roll_call_saved")
def save_roll_call(*, actor: User, lesson: Lesson, absent: Mapping[int, Absence]) -> int:
    """Everyone on the lesson's roster present but the `absent` (resident id → reason); saving
    again corrects the call. Returns how many attendances were written or changed."""
    require_write(actor, "courses", lesson.facility_id)
    today = clock.today()
    if Course.objects.filter(pk=lesson.course_id, status=Course.Status.CANCELLED).exists():
        raise DomainError(_("This course was cancelled: its roll cannot be called."), code="course_closed")
    if not rules.may_call_roll(held_on=lesson.held_on, today=today):
        raise DomainError(_("This lesson has not been held yet: its roll cannot be called."), code="future_lesson")
    lock_row(Lesson, lesson.pk)  # two saves of one sheet run one after the other: the second corrects
    rows = roster(lesson)
    by_resident = {row.resident_id: row for row in rows}
    errors: dict[int, Any] = {}
    for resident_id, absence in absent.items():
        if resident_id not in by_resident:
            errors[resident_id] = _("Not enrolled in this class on the lesson's day.")
        elif absence.reason not in Attendance.Reason.values:
            errors[resident_id] = _("Give the reason for the absence.")
    for row in rows:
        # Today, who is away from the facility (hospital, leave, absconded) cannot be marked present.
        if lesson.held_on == today and row.resident_id not in absent and not residents.is_present(row.episode):
            errors[row.resident_id] = _("%(name)s is not at the facility today: mark them absent with a reason.") % {
                "name": row.resident.full_name
            }
    if errors:
        raise RowsRefused(_("The roll call was not saved: correct the marked rows."), errors=errors)
    existing = {row.enrolment_id: row for row in Attendance.objects.filter(lesson=lesson)}
    created, updated = [], []
    for row in rows:
        chosen = absent.get(row.resident_id)
        present, reason, note = (False, chosen.reason, chosen.note.strip()[:200]) if chosen else (True, "", "")
        current = existing.get(row.pk)
        if current is None:
            created.append(
                Attendance(
                    facility_id=lesson.facility_id,
                    lesson=lesson,
                    enrolment=row,
                    present=present,
                    reason=reason,
                    note=note,
                )
            )
        elif (current.present, current.reason, current.note) != (present, reason, note):
            current.present, current.reason, current.note = present, reason, note
            updated.append(current)
    Attendance.objects.bulk_create(created)
    if updated:
        now = timezone.now()
        for attendance in updated:
            attendance.updated_at = now
        Attendance.objects.bulk_update(updated, ["present", "reason", "note", "updated_at"])
    Lesson.objects.filter(pk=lesson.pk).update(called_at=timezone.now())
    changed = len(created) + len(updated)
    record_bulk_write(
        scope=lesson,
        action=UPDATE if existing else CREATE,
        summary=_summary(
            "Roll call of %(course)s on %(day)s: %(absent)s absent of %(count)s",
            course=lesson.course.title,
            day=f"{lesson.held_on:%d/%m/%Y}",
            absent=len(absent),
            count=len(rows),
        ),
        facility_id=lesson.facility_id,
        data={"lesson": lesson.pk, "absent": {str(k): v.reason for k, v in absent.items()}, "changed": changed},
    )
    return changed


# --- Results and certificates ----------------------------------------------------------------


@audited_write(event="daily_life.course_results_recorded")
def record_results(*, actor: User, course: Course, results: Mapping[int, Result]) -> int:
    """Each resident's score (resident id → score and note); pass or fail follows from the rules."""
    require_write(actor, "courses", course.facility_id)
    today = clock.today()
    enrolments = {row.resident_id: row for row in course.enrolments.all()}
    errors: dict[int, Any] = {}
    for resident_id, result in results.items():
        if resident_id not in enrolments:
            errors[resident_id] = _("Not enrolled in this course.")
        elif result.score is not None and not rules.score_in_range(result.score, on=today):
            errors[resident_id] = _("A score is between 0 and %(max)s.") % {"max": rules.rule_set_on(today).max_score}
    if errors:
        raise RowsRefused(_("The results were not saved: correct the marked rows."), errors=errors)
    changed = []
    for resident_id, result in results.items():
        row = enrolments[resident_id]
        passed = None if result.score is None else rules.passes(result.score, on=today)
        note = result.note.strip()[:200]
        if (row.score, row.passed, row.result_note) != (result.score, passed, note):
            row.score, row.passed, row.result_note = result.score, passed, note
            row.updated_at = timezone.now()
            changed.append(row)
    if changed:
        Enrolment.objects.bulk_update(changed, ["score", "passed", "result_note", "updated_at"])
        record_bulk_write(
            scope=course,
            action=UPDATE,
            summary=_summary("Results of %(course)s: %(count)s residents", course=course.title, count=len(changed)),
            facility_id=course.facility_id,
            data={"course": course.pk, "scores": {str(row.resident_id): str(row.score) for row in changed}},
        )
    return len(changed)


def _next_certificate_number(facility_id: int, year: int) -> tuple[int, str]:
    lock_row(Facility, facility_id)  # numbers are drawn one at a time per facility
    last = VocationalCertificate.objects.filter(facility_id=facility_id, year=year).aggregate(n=Max("sequence"))["n"]
    sequence = (last or 0) + 1
    return sequence, VocationalCertificate.format_number(sequence=sequence, year=year)


@audited_write(event="daily_life.vocational_certificate_issued")
def issue_certificate(*, actor: User, enrolment: Enrolment, issued_on: date) -> VocationalCertificate:
    course = enrolment.course
    require_write(actor, "courses", course.facility_id)
    if course.kind != Course.Kind.VOCATIONAL:
        raise DomainError(_("Only a vocational course ends in a certificate."), code="not_vocational")
    if not enrolment.passed:
        raise DomainError(_("A certificate goes only to a resident who passed the course."), code="not_passed")
    if VocationalCertificate.objects.filter(enrolment=enrolment).exists():
        raise DomainError(_("This resident already has the course's certificate."), code="already_issued")
    if issued_on > clock.today():
        raise DomainError(_("The date cannot be in the future."), code="future", field="issued_on")
    sequence, number = _next_certificate_number(course.facility_id, issued_on.year)
    certificate = VocationalCertificate.objects.create(
        facility_id=course.facility_id,
        enrolment=enrolment,
        number=number,
        year=issued_on.year,
        sequence=sequence,
        issued_on=issued_on,
        issued_by=actor,
    )
    trade = course.trade.name if course.trade else course.title
    record_timeline_event(
        actor=actor,
        resident=enrolment.resident,
        kind="daily_life.vocational_certificate",
        occurred_on=issued_on,
        summary=f"{number} · {trade}",
        facility_id=course.facility_id,
        source=certificate,
    )
    return certificate
