"""The administration site: open to system administrators by their role, not by Django's
is_staff flag, so one table (roles.py) says who may administer, as it says everything else."""

from functools import wraps
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .roles import Capability
from .selectors import facility_ids_with, has_capability


def may_administer(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or has_capability(user, Capability.MANAGE_USERS)  # type: ignore[arg-type]


def administered_facility_ids(request: HttpRequest) -> frozenset[int] | None:
    """The facilities whose accounts and structure the user administers; None means all of them
    (a superuser, who sets up the deployment)."""
    if request.user.is_superuser:
        return None
    return facility_ids_with(request.user, Capability.MANAGE_USERS)  # type: ignore[arg-type]


class HoaNhapAdminSite(admin.AdminSite):
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        return may_administer(request)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # Django would send a signed-in user without access to the login page, which sends
            # a signed-in user straight back here: a loop. They get the 403 page instead.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return checked(request, *args, **kwargs)

        return inner


class AdministeredModelAdmin(admin.ModelAdmin):
    """A model administered by role: system administrators (and superusers) may view, add and
    change; deleting is off unless a subclass allows it. Facility-scoped models are limited to
    the facilities the user administers."""

    facility_field: str | None = "facility"
    can_delete_rows = False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_administer(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_administer(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return may_administer(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_administer(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.can_delete_rows and may_administer(request)

    def get_queryset(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        queryset = super().get_queryset(request)
        facility_ids = administered_facility_ids(request)
        if facility_ids is None or self.facility_field is None:
            return queryset
        return queryset.filter(**{f"{self.facility_field}__in": facility_ids})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        facility_ids = administered_facility_ids(request)
        if facility_ids is not None:
            related = db_field.related_model
            if related._meta.label == "core.Facility":
                kwargs["queryset"] = related.objects.filter(pk__in=facility_ids)
            elif any(f.name == "facility" for f in related._meta.get_fields()):
                kwargs["queryset"] = related.objects.filter(facility_id__in=facility_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
