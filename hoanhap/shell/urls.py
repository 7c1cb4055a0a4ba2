from django.urls import path

from . import views

app_name = "shell"

urlpatterns = [
    path("", views.home, name="home"),
    path("modules/<slug:slug>/", views.module, name="module"),
    path("facility/", views.switch_facility, name="switch-facility"),
]
