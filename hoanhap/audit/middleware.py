from auditlog.context import auditlog_value
from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest, HttpResponse

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

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # django-auditlog sets its context for the request and never takes it back: without this,
        # a service run later in the same thread (a command, a task, a test) would name this
        # request's page and address in its entries.
        previous = auditlog_value.get(None)
        try:
            return super().__call__(request)
        finally:
            auditlog_value.set(previous)

    def get_extra_data(self, request: HttpRequest) -> dict:
        data = super().get_extra_data(request)
        data["via"] = f"{request.method} {request.path}"[:255]
        return data
