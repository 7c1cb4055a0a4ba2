"""The holidays in the administration site: reference data, national (no facility) or a
facility's own. The organisation's holidays page is where staff keep them day to day."""

from django.contrib import admin

from hoanhap.accounts.admin_site import AdministeredModelAdmin
from hoanhap.core.models import Holiday


@admin.register(Holiday)
class HolidayAdmin(AdministeredModelAdmin):
    facility_field = None
    can_delete_rows = True  # a day entered by mistake
    list_display = ("day", "name", "kind", "facility")
    list_filter = ("kind", "facility")
    search_fields = ("name",)
    date_hierarchy = "day"
    list_select_related = ("facility",)
