"""Labour therapy: the pages' URLs, named "daily_life:<noun>-<verb>"."""

from django.urls import URLPattern, path

from ..views import labour as views

urlpatterns: list[URLPattern] = [
    path("labour/teams/", views.team_list, name="team-list"),
    path("labour/teams/new/", views.team_create, name="team-create"),
    path("labour/teams/<int:team_id>/", views.team_detail, name="team-detail"),
    path("labour/teams/<int:team_id>/edit/", views.team_edit, name="team-edit"),
    path("labour/teams/<int:team_id>/members/add/", views.member_add, name="member-add"),
    path("labour/teams/<int:team_id>/sheet/", views.team_sheet, name="team-sheet"),
    path("labour/memberships/<int:membership_id>/remove/", views.member_remove, name="member-remove"),
    path("labour/logs/<int:work_log_id>/edit/", views.log_edit, name="work-log-edit"),
    path("labour/residents/<int:labour_resident_id>/hours/", views.resident_hours, name="resident-hours"),
    path("labour/logs/", views.work_log_list, name="work-log-list"),
    path("labour/logs/export/", views.work_log_export, name="work-log-export"),
    path("labour/produce/", views.produce_list, name="produce-list"),
    path("labour/produce/export/", views.produce_export, name="produce-export"),
    path("labour/produce/new/", views.produce_create, name="produce-create"),
]
