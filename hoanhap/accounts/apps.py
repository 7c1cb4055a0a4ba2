from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hoanhap.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from hoanhap.core import registry

        from . import cards, models, signals  # noqa: F401

        # Who holds which role where is audited like domain data; the password hash never is.
        auditlog.register(
            models.User, exclude_fields=["password", "last_login", "language", "name_sort_key"]
        )  # language: a preference
        auditlog.register(models.Membership)
        auditlog.register(models.ApiToken, exclude_fields=["key_hash", "last_used_at"])
        auditlog.register(models.RoleGrant)
        registry.cards.register(
            registry.Card(
                key="accounts.figures",
                title=_("Accounts"),
                capabilities=frozenset({"manage_users"}),
                template="accounts/cards/accounts.html",
                context=cards.account_figures,
                order=80,
            )
        )
