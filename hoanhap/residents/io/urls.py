"""URLs of the roster import, the list export and the printable documents (views.py); included
by residents/urls.py, so their names are residents:import, residents:summary-pdf, …"""

from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.roster_import, name="import"),
    path("import/preview/", views.roster_import_preview, name="import-preview"),
    path("import/confirm/", views.roster_import_confirm, name="import-confirm"),
    path("import/cancel/", views.roster_import_cancel, name="import-cancel"),
    path("import/template.xlsx", views.roster_template, name="import-template"),
    path("export/", views.resident_export, name="export"),
    path("<int:resident_id>/summary.pdf", views.summary_pdf, name="summary-pdf"),
    path(
        "<int:resident_id>/certificates/<int:certificate_id>.pdf",
        views.certificate_pdf,
        name="certificate-pdf",
    ),
    path(
        "<int:resident_id>/certificates/<int:certificate_id>.docx",
        views.certificate_docx,
        name="certificate-docx",
    ),
]
