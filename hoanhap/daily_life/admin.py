"""Daily life's reference data in the administration site: the trades vocational courses teach
(aquaculture, rural electrics, safe vegetables…), a list each centre keeps up to date."""

from django.contrib import admin

from hoanhap.accounts.admin_site import AdministeredModelAdmin

from .models import Trade


@admin.register(Trade)
class TradeAdmin(AdministeredModelAdmin):
    """A trade without a facility is offered everywhere; one that is no longer taught is made
    inactive, never deleted (its courses keep it)."""

    facility_field = None
    list_display = ("name", "facility", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)
    list_select_related = ("facility",)
