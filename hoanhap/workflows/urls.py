"""The workflows' pages, named "workflows:<noun>[-<verb>]"."""

from django.urls import path

from . import views

app_name = "workflows"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("export/", views.inbox_export, name="inbox-export"),
    path("tasks/<int:task_id>/", views.task_act, name="task"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/<int:case_id>/", views.case_page, name="case"),
    path("processes/", views.process_list, name="process-list"),
    path("processes/<int:process_id>/", views.process_page, name="process"),
    path("processes/<int:process_id>/start/", views.case_start, name="case-start"),
    path("processes/<int:process_id>/draft/", views.draft_new, name="draft-new"),
    path("processes/<int:process_id>/draft/step/", views.draft_step, name="draft-step"),
    path("processes/<int:process_id>/draft/publish/", views.draft_publish, name="draft-publish"),
    path("board/", views.board, name="board"),
    path("procedures/", views.procedure_list, name="procedure-list"),
    path("procedures/new/", views.procedure_edit, name="procedure-new"),
    path("procedures/<int:procedure_id>/", views.procedure_edit, name="procedure-edit"),
]
