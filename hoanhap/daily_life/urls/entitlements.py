"""Entitlements (the material regime): the pages' URLs, named "daily_life:<noun>-<verb>"."""

from django.urls import URLPattern, path

from ..views import entitlements as views

urlpatterns: list[URLPattern] = [
    path("supplies/sheet/", views.supply_sheet, name="supplies-sheet"),
    path("supplies/shortfalls/", views.shortfall_list, name="supplies-shortfalls"),
    path("supplies/norms/", views.norm_list, name="supplies-norms"),
    path("supplies/residents/<int:supply_episode_id>/", views.resident_entitlements, name="supplies-resident"),
    path("supplies/residents/<int:supply_episode_id>/issue/", views.supply_issue_create, name="supplies-issue"),
    path("supplies/issues/<int:supply_issue_id>/correct/", views.supply_issue_correct, name="supplies-correct"),
]
