from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .models import User
from .selectors import AnyCapability, has_capability


def require_capability(user: User, capability: AnyCapability) -> None:
    """The capability in at least one of the user's facilities, else 403. Which rows the user
    then sees is the selectors' business."""
    if not has_capability(user, capability):
        raise PermissionDenied


def capability_required(capability: AnyCapability) -> Callable:
    """A page that needs the capability somewhere: the login page for a visitor, 403 without it."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require_capability(request.user, capability)  # type: ignore[arg-type]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
