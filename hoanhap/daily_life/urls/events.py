"""Events, competitions and prizes: the pages' URLs, named "daily_life:<noun>-<verb>"."""

from django.urls import URLPattern, path

from ..views import events as views

urlpatterns: list[URLPattern] = [
    path("events/", views.event_list, name="event-list"),
    path("events/export/", views.event_export, name="event-export"),
    path("events/new/", views.event_create, name="event-create"),
    path("events/<int:event_id>/", views.event_detail, name="event-detail"),
    path("events/<int:event_id>/participants/", views.participants_add, name="participant-add"),
    path("events/<int:event_id>/photos/new/", views.photo_add, name="photo-add"),
    path("events/photos/<int:photo_id>/", views.photo, name="event-photo"),
    path("competitions/new/", views.competition_create, name="competition-create"),
    path("competitions/<int:competition_id>/", views.competition_detail, name="competition-detail"),
    path("competitions/<int:competition_id>/prizes/new/", views.prize_create, name="prize-create"),
    path("prizes/", views.prize_list, name="prize-list"),
    path("prizes/export/", views.prize_export, name="prize-export"),
]
