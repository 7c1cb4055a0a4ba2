"""Courses and classes: the pages. Thin: access → read the sheet → one service → render."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hoanhap.accounts.decorators import require_capability
from hoanhap.accounts.facility import current_facility
from hoanhap.accounts.http import AuthenticatedRequest
from hoanhap.accounts.selectors import has_capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.writes import record_list_export
from hoanhap.core import clock
from hoanhap.core.errors import DomainError
from hoanhap.core.forms import process_form
from hoanhap.core.tables import Column, Table
from hoanhap.residents import selectors as residents_selectors

from ..access import AREAS
from ..documents import vocational_certificate_pdf
from ..forms.courses import (
    CourseEditForm,
    CourseForm,
    EnrolForm,
    LeaveCourseForm,
    ScheduleForm,
    read_absences,
    read_results,
)
from ..models import Attendance, Course, Enrolment, Lesson, VocationalCertificate
from ..selectors import courses as selectors
from ..services import courses as services
from ..services.courses import RowsRefused

READ, WRITE = AREAS["courses"].read, AREAS["courses"].write

COLUMNS = (
    Column("title", gettext_lazy("Course"), attrgetter("title"), order_by=("title",), width=36),
    Column("kind", gettext_lazy("Kind"), lambda row: row.get_kind_display(), order_by=("kind",), width=28),
    Column("teacher", gettext_lazy("Teacher"), lambda row: row.teacher.full_name, order_by=("teacher__full_name",)),
    Column("starts_on", gettext_lazy("Starts on"), attrgetter("starts_on"), order_by=("starts_on",)),
    Column("ends_on", gettext_lazy("Ends on"), attrgetter("ends_on"), order_by=("ends_on",)),
    Column("status", gettext_lazy("Status"), lambda row: row.get_status_display(), order_by=("status",)),
    Column("enrolled", gettext_lazy("Enrolled"), attrgetter("enrolled"), order_by=("enrolled",), width=10),
)
TABLE = Table(COLUMNS, default_sort="-starts_on")


@login_required
def course_list(request: AuthenticatedRequest) -> HttpResponse:
    require_capability(request.user, READ)
    queryset = selectors.courses_for(request.user, request.GET)
    if request.GET.get("export") == "xlsx":
        response, count = TABLE.xlsx_response(queryset, request.GET, filename="khoa-hoc.xlsx", title=_("Courses"))
        record_list_export(
            actor=request.user,
            event="daily_life.courses_exported",
            facility_ids=set(queryset.values_list("facility_id", flat=True)),
            title=_("Courses"),
            count=count,
            filters={key: request.GET[key] for key in ("kind", "status", "teacher", "q") if request.GET.get(key)},
        )
        return response
    listing = TABLE.listing(queryset, request.GET)
    teachers = {row.teacher_id: row.teacher.full_name for row in selectors.courses_for(request.user)}
    context = {
        "listing": listing,
        "kinds": Course.Kind.choices,
        "statuses": Course.Status.choices,
        "teachers": sorted(teachers.items(), key=lambda item: item[1]),
        "today_lessons": selectors.lessons_today(request.user, clock.today()),
    }
    return render(request, "daily_life/courses/list.html", context)


@login_required
def course_detail(request: AuthenticatedRequest, course_id: int) -> HttpResponse:
    course = object_for_request(request, Course.objects.select_related("teacher", "trade"), course_id, capability=READ)
    page = selectors.course_page(course)
    context = {"page": page, "course": course, "writes": has_capability(request.user, WRITE, course.facility_id)}
    return render(request, "daily_life/courses/detail.html", context)


@login_required
def roll_call(request: AuthenticatedRequest, lesson_id: int) -> HttpResponse:
    lesson = object_for_request(request, Lesson.objects.select_related("course"), lesson_id, capability=WRITE)
    rows = services.roster(lesson)
    saved = selectors.attendance_of(lesson)
    status, error, row_errors = 200, "", {}
    absent: dict[int, services.Absence] | None = None
    if request.method == "POST":
        absent = read_absences(request.POST, [row.resident_id for row in rows])
        try:
            services.save_roll_call(actor=request.user, lesson=lesson, absent=absent)
        except RowsRefused as refused:
            status, error, row_errors = 400, str(refused), refused.errors
        except DomainError as refused:
            status, error = 400, str(refused)
        else:
            messages.success(
                request,
                _("Roll call saved: %(present)s present, %(absent)s absent.")
                % {"present": len(rows) - len(absent), "absent": len(absent)},
            )
            return redirect("daily_life:lesson-roll-call", lesson.pk)
    sheet = []
    for row in rows:
        if absent is not None:
            chosen = absent.get(row.resident_id)
            is_absent, reason, note = chosen is not None, chosen.reason if chosen else "", chosen.note if chosen else ""
        elif row.resident_id in saved:
            attendance = saved[row.resident_id]
            is_absent, reason, note = not attendance.present, attendance.reason, attendance.note
        else:
            away = lesson.held_on == clock.today() and not residents_selectors.is_present(row.episode)
            is_absent, reason, note = away, "", ""
        sheet.append(
            {"row": row, "absent": is_absent, "reason": reason, "note": note, "error": row_errors.get(row.resident_id)}
        )
    context = {
        "lesson": lesson,
        "sheet": sheet,
        "reasons": Attendance.Reason.choices,
        "error": error,
        "called": bool(saved),
        "future": lesson.held_on > clock.today(),
        "absent_count": sum(1 for item in sheet if item["absent"]),
    }
    return render(request, "daily_life/courses/roll_call.html", context, status=status)


@login_required
def results_sheet(request: AuthenticatedRequest, course_id: int) -> HttpResponse:
    course = object_for_request(request, Course.objects.all(), course_id, capability=WRITE)
    rows = list(course.enrolments.select_related("resident", "certificate").order_by("resident__name_sort_key", "pk"))
    status, error, typed = 200, "", {}
    row_errors: dict[int, Any] = {}
    if request.method == "POST":
        typed = {row.resident_id: request.POST.get(f"score-{row.resident_id}", "") for row in rows}
        results, row_errors = read_results(request.POST, [row.resident_id for row in rows])
        if row_errors:
            status, error = 400, _("The results were not saved: correct the marked rows.")
        else:
            try:
                services.record_results(actor=request.user, course=course, results=results)
            except RowsRefused as refused:
                status, error, row_errors = 400, str(refused), refused.errors
            else:
                messages.success(request, _("The results are saved."))
                return redirect("daily_life:course-detail", course.pk)
    for row in rows:
        row.typed = typed.get(row.resident_id, "" if row.score is None else str(row.score))  # type: ignore[attr-defined]
        row.error = row_errors.get(row.resident_id, "")  # type: ignore[attr-defined]
    context = {"course": course, "rows": rows, "error": error}
    return render(request, "daily_life/courses/results.html", context, status=status)


@login_required
def certificate_issue(request: AuthenticatedRequest, course_id: int) -> HttpResponse:
    course = object_for_request(request, Course.objects.all(), course_id, capability=WRITE)
    if request.method != "POST":
        return redirect("daily_life:course-detail", course.pk)
    enrolment = course.enrolments.filter(pk=_int(request.POST.get("enrolment")) or 0).select_related("resident").first()
    try:
        if enrolment is None:
            raise DomainError(_("Choose a resident enrolled in this course."), code="invalid", field="enrolment")
        certificate = services.issue_certificate(actor=request.user, enrolment=enrolment, issued_on=clock.today())
    except DomainError as refused:
        messages.error(request, str(refused))
        page = selectors.course_page(course)
        context = {"page": page, "course": course, "writes": True}
        return render(request, "daily_life/courses/detail.html", context, status=400)
    messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate.number})
    return redirect("daily_life:course-detail", course.pk)


@login_required
def certificate_pdf(request: AuthenticatedRequest, vocational_certificate_id: int) -> HttpResponse:
    certificate = object_for_request(
        request,
        VocationalCertificate.objects.select_related("enrolment__resident", "enrolment__course__trade", "facility"),
        vocational_certificate_id,
        capability=READ,
    )
    response = HttpResponse(vocational_certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-chi-{certificate.sequence}-{certificate.year}.pdf"'
    return response


def _int(value: Any) -> int | None:
    return int(value) if str(value or "").isdigit() else None


@login_required
def course_create(request: AuthenticatedRequest) -> HttpResponse:
    facility = current_facility(request)
    if facility is None or not has_capability(request.user, WRITE, facility.pk):
        raise PermissionDenied
    form = CourseForm(request.POST or None, facility_id=facility.pk, initial={"teacher": request.user.pk})
    created: list[Course] = []
    status = process_form(
        request,
        form,
        lambda form: created.append(
            services.create_course(actor=request.user, facility_id=facility.pk, **form.cleaned_data)
        ),
    )
    if status is None:
        messages.success(request, _("The course is created: now schedule its lessons."))
        return redirect("daily_life:course-schedule", created[0].pk)
    context = {"form": form, "title": _("New course"), "course": None}
    return render(request, "daily_life/courses/form.html", context, status=status)


@login_required
def course_edit(request: AuthenticatedRequest, course_id: int) -> HttpResponse:
    course = object_for_request(request, Course.objects.select_related("teacher", "trade"), course_id, capability=WRITE)
    initial = {field: getattr(course, field) for field in ("title", "teacher", "starts_on", "ends_on", "trade")}
    form = CourseEditForm(request.POST or None, facility_id=course.facility_id, initial=initial)
    status = process_form(
        request, form, lambda form: services.edit_course(actor=request.user, course=course, **form.cleaned_data)
    )
    if status is None:
        messages.success(request, _("The course is saved."))
        return redirect("daily_life:course-detail", course.pk)
    context = {"form": form, "title": _("Edit the course"), "course": course}
    return render(request, "daily_life/courses/form.html", context, status=status)


@login_required
@require_POST
def course_close(request: AuthenticatedRequest, course_id: int) -> HttpResponse:
    """Finish or cancel the course (the button's `move`); a refusal comes back as a message."""
    course = object_for_request(request, Course.objects.all(), course_id, capability=WRITE)
    try:
        closed = services.close_course(actor=request.user, course=course, move=request.POST.get("move", ""))
    except DomainError as refused:
        messages.error(request, str(refused))
    else:
        finished = closed.status == Course.Status.FINISHED
        messages.success(request, _("The course is finished.") if finished else _("The course is cancelled."))
    return redirect("daily_life:course-detail", course.pk)


@login_required
def enrolment_leave(request: AuthenticatedRequest, enrolment_id: int) -> HttpResponse:
    enrolment = object_for_request(
        request, Enrolment.objects.select_related("course", "resident"), enrolment_id, capability=WRITE
    )
    form = LeaveCourseForm(request.POST or None, initial={"left_on": clock.today()})
    status = process_form(
        request, form, lambda form: services.leave_course(actor=request.user, enrolment=enrolment, **form.cleaned_data)
    )
    if status is None:
        messages.success(request, _("%(name)s left the course.") % {"name": enrolment.resident.full_name})
        return redirect("daily_life:course-detail", enrolment.course_id)
    context = {"form": form, "title": _("%(name)s leaves the course") % {"name": enrolment.resident.full_name}}
    return render(request, "daily_life/courses/form.html", {**context, "course": enrolment.course}, status=status)


@login_required
def course_schedule(request: AuthenticatedRequest, course_id: int) -> HttpResponse:
    course = object_for_request(request, Course.objects.all(), course_id, capability=WRITE)
    form = ScheduleForm(request.POST or None)
    made: list[list[Lesson]] = []
    status = process_form(
        request,
        form,
        lambda form: made.append(services.schedule_lessons(actor=request.user, course=course, **form.cleaned_data)),
    )
    if status is None:
        messages.success(request, _("%(count)s lessons scheduled.") % {"count": len(made[0])})
        return redirect("daily_life:course-detail", course.pk)
    context = {"form": form, "title": _("Schedule lessons"), "course": course}
    return render(request, "daily_life/courses/form.html", context, status=status)


@login_required
def course_enrol(request: AuthenticatedRequest, course_id: int) -> HttpResponse:
    course = object_for_request(request, Course.objects.all(), course_id, capability=WRITE)
    enrolled = set(course.enrolments.values_list("resident_id", flat=True))
    choices = [
        (episode.resident_id, f"{episode.resident.full_name} · {episode.resident.record_number}")
        for episode in residents_selectors.open_episodes([course.facility_id]).order_by("resident__name_sort_key")
        if episode.resident_id not in enrolled
    ]
    form = EnrolForm(request.POST or None, choices=choices, initial={"enrolled_on": clock.today()})
    status = process_form(
        request,
        form,
        lambda form: services.enrol_residents(
            actor=request.user,
            course=course,
            resident_ids=form.cleaned_data["residents"],
            enrolled_on=form.cleaned_data["enrolled_on"],
        ),
    )
    if status is None:
        messages.success(request, _("The residents are enrolled."))
        return redirect("daily_life:course-detail", course.pk)
    context = {"form": form, "title": _("Enrol residents"), "course": course}
    return render(request, "daily_life/courses/form.html", context, status=status)
