"""Facilities and their structure in the administration site. The supervising authority and the
departments are data a system administrator keeps up to date (the authority changed in 2025)."""

from django.contrib import admin
from django.http import HttpRequest

from hoanhap.accounts.admin_site import AdministeredModelAdmin
from hoanhap.core.models import Department, Facility, Room, SupervisingAuthority, Zone


@admin.register(SupervisingAuthority)
class SupervisingAuthorityAdmin(AdministeredModelAdmin):
    facility_field = None
    list_display = ("name", "short_name", "province")
    search_fields = ("name", "short_name", "province")


@admin.register(Facility)
class FacilityAdmin(AdministeredModelAdmin):
    """A facility is closed by clearing "active", never deleted: its records stay."""

    facility_field = "pk"
    list_display = ("name", "code", "province", "supervising_authority", "capacity", "is_active")
    list_filter = ("is_active", "province")
    search_fields = ("name", "short_name", "code")
    list_select_related = ("supervising_authority",)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        # A new facility is part of setting up the deployment, not of running one facility.
        return request.user.is_superuser


class FacilityPartAdmin(AdministeredModelAdmin):
    can_delete_rows = True
    # Only the facilities in the list, hence only the administrator's own.
    list_filter = (("facility", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ["facility"]


@admin.register(Department)
class DepartmentAdmin(FacilityPartAdmin):
    list_display = ("name", "kind", "order", "facility")
    search_fields = ("name",)


@admin.register(Zone)
class ZoneAdmin(FacilityPartAdmin):
    list_display = ("name", "kind", "facility")
    search_fields = ("name",)


@admin.register(Room)
class RoomAdmin(FacilityPartAdmin):
    list_display = ("name", "zone", "capacity", "facility")
    list_select_related = ["facility", "zone"]
    search_fields = ("name", "zone__name")
