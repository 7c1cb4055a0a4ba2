from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    """User administration in the application (its models, RoleGrant among them, are accounts'):
    above the audit layer, since every change it makes is an audited write."""

    name = "hoanhap.users"
    label = "users"
    verbose_name = _("User accounts")

    def ready(self) -> None:
        from hoanhap.core import registry

        from . import cards, registrations

        registrations.register()
        registry.navigation.register(
            registry.NavEntry(
                slug="users",
                title=_("User accounts"),
                icon="people",
                capabilities=frozenset({"manage_users"}),
                url_name="users:user-list",
                description=_("Accounts, roles per facility, approvals, locks and resets."),
                order=90,
            )
        )
        registry.cards.register(
            registry.Card(
                key="accounts.grants_waiting",
                title=_("Roles waiting for your approval"),
                capabilities=frozenset({"approve_decisions", "manage_users"}),
                template="users/cards/grants_waiting.html",
                context=cards.grants_waiting,
                order=5,
            )
        )
