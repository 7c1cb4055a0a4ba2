"""Responses that differ by the HX-Request header say so."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


class VaryOnHtmxMiddleware:
    """Our views answer an htmx request with a partial and any other with the whole page, from the
    same URL (a live search pushes that URL into the history). Without `Vary: HX-Request` the
    browser may take the cached partial for the page on Back and show it bare, without menu or
    styles; any shared cache may do the same."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response
