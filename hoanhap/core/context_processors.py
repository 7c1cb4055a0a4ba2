from django.http import HttpRequest
from django.urls import reverse

from hoanhap.accounts.selectors import all_capabilities, facilities_of

from .facility import current_facility
from .modules import MODULES


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    capabilities = all_capabilities(user)  # type: ignore[arg-type]
    items = []
    for module in MODULES:
        if module.capabilities & capabilities:
            url = reverse(module.url_name) if module.url_name else reverse("core:module", args=[module.slug])
            items.append({"module": module, "url": url, "is_active": request.path.startswith(url)})
    return {
        "nav_items": items,
        "user_facilities": facilities_of(user),  # type: ignore[arg-type]
        "current_facility": current_facility(request),
    }
