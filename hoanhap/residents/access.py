"""One door to a resident's record: fetch it within the user's facilities and log the view."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest

from hoanhap.audit.services import record_access

from .selectors import resident_for


def shows_resident(view: Callable[..., Any]) -> Callable[..., Any]:
    """For every page and API endpoint that shows a resident: 404 outside the user's facilities,
    an access-log entry otherwise. The view receives the Resident instead of its id."""

    @wraps(view)
    def wrapped(request: HttpRequest, resident_id: int, *args: Any, **kwargs: Any) -> Any:
        resident = resident_for(request.user, resident_id)  # type: ignore[arg-type]
        record_access(actor=request.user, instance=resident, via=f"{request.method} {request.path}")
        return view(request, resident, *args, **kwargs)

    return wrapped
