"""Where a request comes from: one answer for the audit trail, the login limits and django-axes."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str | None) -> str | None:
    if not address:
        return None
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind our reverse proxy (BEHIND_PROXY) it is the last entry of
    X-Forwarded-For, the one the proxy added; the entries before it came from the client and
    may be forged. Without a proxy the header is ignored altogether."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        from_proxy = _valid(forwarded.split(",")[-1]) if forwarded else None
        if from_proxy:
            return from_proxy
    return _valid(request.META.get("REMOTE_ADDR"))
