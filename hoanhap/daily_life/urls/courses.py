"""Courses and classes: the pages' URLs, named "daily_life:<noun>-<verb>"."""

from django.urls import URLPattern, path

from ..views import courses as views

urlpatterns: list[URLPattern] = [
    path("courses/", views.course_list, name="course-list"),
    path("courses/new/", views.course_create, name="course-create"),
    path("courses/<int:course_id>/", views.course_detail, name="course-detail"),
    path("courses/<int:course_id>/edit/", views.course_edit, name="course-edit"),
    path("courses/<int:course_id>/close/", views.course_close, name="course-close"),
    path("courses/<int:course_id>/schedule/", views.course_schedule, name="course-schedule"),
    path("courses/enrolments/<int:enrolment_id>/leave/", views.enrolment_leave, name="enrolment-leave"),
    path("courses/<int:course_id>/enrol/", views.course_enrol, name="course-enrol"),
    path("courses/<int:course_id>/results/", views.results_sheet, name="course-results"),
    path("courses/<int:course_id>/certificates/", views.certificate_issue, name="certificate-issue"),
    path("courses/certificates/<int:vocational_certificate_id>.pdf", views.certificate_pdf, name="certificate-pdf"),
    path("courses/lessons/<int:lesson_id>/roll-call/", views.roll_call, name="lesson-roll-call"),
]
