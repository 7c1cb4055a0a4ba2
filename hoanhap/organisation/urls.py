"""The organisation's pages, named "organisation:<noun>-<verb>"."""

from django.urls import path

from .views import departments, holidays, staff

app_name = "organisation"

urlpatterns = [
    path("", departments.home, name="home"),
    path("structure/", departments.structure, name="structure"),
    path("departments/", departments.department_list, name="department-list"),
    path("departments/new/", departments.department_create, name="department-create"),
    path("departments/restructure/", departments.restructure, name="restructure"),
    path("departments/<int:department_id>/rename/", departments.department_rename, name="department-rename"),
    path("departments/<int:department_id>/dissolve/", departments.department_dissolve, name="department-dissolve"),
    path("staff/", staff.staff_list, name="staff-list"),
    path("staff/export/", staff.staff_export, name="staff-export"),
    path("staff/new/", staff.staff_create, name="staff-create"),
    path("staff/<int:staff_member_id>/", staff.staff_detail, name="staff-detail"),
    path("staff/<int:staff_member_id>/edit/", staff.staff_edit, name="staff-edit"),
    path("staff/<int:staff_member_id>/post/", staff.staff_post, name="staff-post"),
    path("staff/<int:staff_member_id>/leave/", staff.staff_leave, name="staff-leave"),
    path("staff/<int:staff_member_id>/qualifications/", staff.staff_qualification, name="staff-qualification"),
    path("staff/<int:staff_member_id>/account/", staff.staff_account, name="staff-account"),
    path("postings/", staff.rotation_list, name="rotation-list"),
    path("postings/export/", staff.rotation_export, name="rotation-export"),
    path("holidays/", holidays.holiday_year, name="holidays"),
    path("holidays/<int:holiday_id>/remove/", holidays.holiday_remove, name="holiday-remove"),
]
