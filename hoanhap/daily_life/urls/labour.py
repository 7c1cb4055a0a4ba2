"""Labour therapy: the pages' URLs, named "daily_life:<noun>-<verb>"."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
