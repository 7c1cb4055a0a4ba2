from django.contrib.admin.apps import AdminConfig


class HoaNhapAdminConfig(AdminConfig):
    """Installed in place of django.contrib.admin, so that `admin.site` is our HoaNhapAdminSite.
    (Its own module: an app config is imported before the models are ready.)"""

    default_site = "hoanhap.accounts.admin_site.HoaNhapAdminSite"
