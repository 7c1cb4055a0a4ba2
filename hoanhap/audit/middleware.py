from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest


class AuditContextMiddleware(AuditlogMiddleware):
    """Attach the actor, the address and the page to every audit entry written in a request."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        # X-Forwarded-For is only trusted behind our own reverse proxy; otherwise it is forgeable.
        if settings.SECURE_PROXY_SSL_HEADER and request.headers.get("X-Forwarded-For"):
            return request.headers["X-Forwarded-For"].split(",")[0].strip()
        return request.META.get("REMOTE_ADDR")

    def get_extra_data(self, request: HttpRequest) -> dict:
        data = super().get_extra_data(request)
        data["via"] = f"{request.method} {request.path}"[:255]
        return data
