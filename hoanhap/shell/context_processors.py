from django.http import HttpRequest
from django.urls import reverse

from hoanhap.accounts.facility import chosen_facility_id, current_facility
from hoanhap.accounts.selectors import facilities_of

from .dashboard import modules_for


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for module in modules_for(user):  # type: ignore[arg-type]
        url = reverse(module.url_name) if module.url_name else reverse("shell:module", args=[module.slug])
        items.append({"module": module, "url": url, "is_active": request.path.startswith(url)})
    return {
        "nav_items": items,
        "user_facilities": facilities_of(user),  # type: ignore[arg-type]
        "current_facility": current_facility(request),
        "chosen_facility_id": chosen_facility_id(request),
    }
