from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from hoanhap.api.api import api

admin.site.site_header = _("Hòa Nhập administration")
admin.site.site_title = _("Hòa Nhập")

urlpatterns = [
    path("", include("hoanhap.shell.urls")),
    path("accounts/", include("hoanhap.accounts.urls")),
    path("accounts/", include("hoanhap.users.urls")),
    path("residents/", include("hoanhap.residents.urls")),
    path("daily-life/", include("hoanhap.daily_life.urls")),
    path("plans/", include("hoanhap.plans.urls")),
    path("organisation/", include("hoanhap.organisation.urls")),
    path("workflows/", include("hoanhap.workflows.urls")),
    path("audit/", include("hoanhap.audit.urls")),
    path("procedures/", include("hoanhap.workflows.public_urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # One login page for everyone, with lockout and two-factor; the admin has no login of its own.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]

handler400 = "hoanhap.shell.views.error_400"
handler403 = "hoanhap.shell.views.error_403"
handler404 = "hoanhap.shell.views.error_404"
handler500 = "hoanhap.shell.views.error_500"
