from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from hoanhap.accounts.facility import chosen_facility_id, current_facility
from hoanhap.accounts.selectors import facilities_of

from .dashboard import modules_for


def navigation(request: HttpRequest) -> dict:
    """The menu and the facility selector. Lazy: a page reads them, but a partial an htmx request
    swaps in (the live search, at every keystroke) never does, and should not pay for them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def items() -> list[dict[str, Any]]:
        found = []
        for module in modules_for(user):  # type: ignore[arg-type]
            url = reverse(module.url_name) if module.url_name else reverse("shell:module", args=[module.slug])
            found.append({"module": module, "url": url, "is_active": request.path.startswith(url)})
        return found

    return {
        "nav_items": SimpleLazyObject(items),
        "user_facilities": SimpleLazyObject(lambda: facilities_of(user)),  # type: ignore[arg-type]
        "current_facility": SimpleLazyObject(lambda: current_facility(request)),
        # Not lazy: the template asks `is None` of it, which a lazy object never is.
        "chosen_facility_id": chosen_facility_id(request),
    }
