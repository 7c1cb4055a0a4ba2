"""Family visits, parcels and money: the pages' URLs, named "daily_life:<noun>-<verb>"."""

from django.urls import URLPattern, path

from ..views import visits as views

urlpatterns: list[URLPattern] = [
    path("visits/", views.visit_list, name="visit-list"),
    path("visits/export/", views.visit_export, name="visit-export"),
    path("visits/day/", views.visit_day, name="visit-day"),
    path("visits/book/", views.visit_book, name="visit-book"),
    path("visits/book/residents/", views.resident_search, name="visit-resident-search"),
    path("visits/<int:visit_id>/extend/", views.visit_extend, name="visit-extend"),
    path("visits/<int:visit_id>/check-in/", views.visit_move, {"move": "check_in"}, name="visit-check-in"),
    path("visits/<int:visit_id>/check-out/", views.visit_move, {"move": "check_out"}, name="visit-check-out"),
    path("visits/<int:visit_id>/cancel/", views.visit_move, {"move": "cancel"}, name="visit-cancel"),
    path("visits/residents/<int:visits_resident_id>/", views.resident_page, name="visit-resident"),
    path("visits/parcels/", views.parcel_list, name="parcel-list"),
    path("visits/parcels/export/", views.parcel_export, name="parcel-export"),
]
