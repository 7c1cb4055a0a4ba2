"""Buttons of the import, export and documents, for other residents templates to include in one line:

{% load residents_io %}{% roster_actions %}            beside the resident list's search
{% load residents_io %}{% resident_documents resident page.episodes %}  on the resident's page
"""

from typing import Any

from django import template

from hoanhap.accounts.facility import current_facility
from hoanhap.accounts.roles import Capability
from hoanhap.accounts.selectors import facility_ids_with, has_capability

from ..models import Episode, Resident

register = template.Library()


@register.inclusion_tag("residents/io/_list_actions.html", takes_context=True)
def roster_actions(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    facility = current_facility(request)
    return {
        "can_import": facility is not None and has_capability(request.user, Capability.MANAGE_RESIDENTS, facility.pk),
    }


@register.inclusion_tag("residents/documents/_resident_actions.html", takes_context=True)
def resident_documents(context: template.Context, resident: Resident, episodes: list[Episode]) -> dict[str, Any]:
    """`episodes` are the page's (read with their certificates): the certificates come from them,
    not from a query of their own."""
    printable = facility_ids_with(context["request"].user, Capability.MANAGE_RESIDENTS)
    certificates = sorted(
        (
            episode.certificate
            for episode in episodes
            if hasattr(episode, "certificate") and episode.certificate.facility_id in printable
        ),
        key=lambda certificate: certificate.issued_on,
        reverse=True,
    )
    return {"resident": resident, "certificates": certificates}
