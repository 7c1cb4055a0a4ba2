"""Production's URLs and `/bench/bare/`, a view that does nothing: the floor of the stack (every
middleware, the session and the user, no query of its own). Only the benchmark server has it."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import *  # noqa: F403
from config.urls import urlpatterns as production_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *production_urlpatterns]
