"""URLs of the roster import, the list export and the printable documents (views_io.py); included
by residents/urls.py, so their names are residents:import, residents:summary-pdf, …"""

from django.urls import path

from . import views_io

urlpatterns = [
    path("import/", views_io.roster_import, name="import"),
    path("import/preview/", views_io.roster_import_preview, name="import-preview"),
    path("import/confirm/", views_io.roster_import_confirm, name="import-confirm"),
    path("import/cancel/", views_io.roster_import_cancel, name="import-cancel"),
    path("export/", views_io.resident_export, name="export"),
    path("<int:resident_id>/summary.pdf", views_io.summary_pdf, name="summary-pdf"),
    path(
        "<int:resident_id>/certificates/<int:certificate_id>.pdf",
        views_io.certificate_pdf,
        name="certificate-pdf",
    ),
    path(
        "<int:resident_id>/certificates/<int:certificate_id>.docx",
        views_io.certificate_docx,
        name="certificate-docx",
    ),
]
