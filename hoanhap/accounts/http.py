"""The request a signed-in page or API endpoint receives, typed: its user is a `User`, not
`User | AnonymousUser`, and django-htmx's middleware has added `htmx`."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment] # signed in: login_required or the API's auth ran first
    htmx: HtmxDetails
