"""The public side of workflows: the administrative procedures the centre offers, open to anyone
(mounted at /procedures/; the public portal links here)."""

from django.urls import path

from . import views

app_name = "procedures"

urlpatterns = [
    path("", views.public_procedures, name="list"),
    path("<int:procedure_id>/", views.public_procedure, name="detail"),
]
