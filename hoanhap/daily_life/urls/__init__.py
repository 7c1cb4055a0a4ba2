"""The daily-life pages: the module's home, then each area's pages (`urls/<area>.py`)."""

from django.urls import path

from ..views import home
from . import courses, entitlements, events, labour, visits

app_name = "daily_life"

urlpatterns = [
    path("", home.home, name="home"),
    *courses.urlpatterns,
    *labour.urlpatterns,
    *visits.urlpatterns,
    *events.urlpatterns,
    *entitlements.urlpatterns,
]
