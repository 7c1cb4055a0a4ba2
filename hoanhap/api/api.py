"""The API under /api/: the same selectors, hence the same role and facility rules, as the pages.

Each app adds its router here; the OpenAPI document is at /api/openapi.json.
"""

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from hoanhap.accounts.api import router as accounts_router
from hoanhap.core.errors import DomainError
from hoanhap.daily_life.api import router as daily_life_router
from hoanhap.organisation.api import router as organisation_router
from hoanhap.plans.api import router as plans_router
from hoanhap.residents.api import router as residents_router
from hoanhap.users.api import router as users_router
from hoanhap.workflows.api import router as workflows_router

from .auth import API_AUTH
from .messages import translated_errors

api = NinjaAPI(
    title="Hòa Nhập API",
    version="1",
    description="API of Hòa Nhập. Authenticate with a browser session or `Authorization: Bearer <token>`.",
    auth=API_AUTH,
    docs_url="/docs",
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("You do not have permission to do this.")}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(DataError)
def unstorable_value(request: HttpRequest, exc: DataError) -> HttpResponse:
    # The database refused a value the caller sent (a NUL character, a number out of range):
    # the caller's mistake, so a 400 rather than a 500. The value itself is not echoed.
    return api.create_response(request, {"detail": _("The request holds a value that cannot be stored.")}, status=400)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Each refused value beside its field, in the caller's language, with the limit it broke."""
    return api.create_response(request, {"detail": translated_errors(exc.errors)}, status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja refuses a body that is not JSON with an English sentence of its own.
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return api.create_response(request, {"detail": _("The request body is not valid JSON.")}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(DomainError)
def refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """A rule's refusal: its readable message and field, 400 (409 for a stale version or a
    possible duplicate, with the candidates' ids)."""
    body = exc.as_api_body()
    if candidates := getattr(exc, "candidates", None):
        body["candidates"] = [candidate.pk for candidate in candidates]
    return api.create_response(request, body, status=exc.status_code)


api.add_router("/", accounts_router)
api.add_router("/accounts/users", users_router)
api.add_router("/residents", residents_router)
api.add_router("/daily-life", daily_life_router)
api.add_router("/plans", plans_router)
api.add_router("/organisation", organisation_router)
api.add_router("/workflows", workflows_router)
