"""The annual plans' pages, named "plans:<noun>-<verb>"."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("export/", views.plan_list_export, name="list-export"),
    path("new/", views.plan_create, name="create"),
    path("years/<int:year>/", views.year_page, name="year"),
    path("years/<int:year>/export/", views.year_export, name="year-export"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/export/", views.plan_export, name="export"),
    path("<int:plan_id>/targets/", views.target_set, name="target-set"),
    path("<int:plan_id>/targets/remove/", views.target_remove, name="target-remove"),
    path("<int:plan_id>/approve/", views.plan_approve, name="approve"),
    path("<int:plan_id>/reopen/", views.plan_reopen, name="reopen"),
]
