from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest

from hoanhap.core.network import client_ip


class AuditContextMiddleware(AuditlogMiddleware):
    """Attach the actor, the address and the page to every audit entry written in a request."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        # The port a client says it used is of no value to an auditor.
        return None

    def get_extra_data(self, request: HttpRequest) -> dict:
        data = super().get_extra_data(request)
        data["via"] = f"{request.method} {request.path}"[:255]
        return data
