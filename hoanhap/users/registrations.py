"""The audit event kinds of user administration (registered from AccountsConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from hoanhap.audit import events

EVENTS = {
    "accounts.account_created": _("Account created"),
    "accounts.role_proposed": _("Role proposed"),
    "accounts.role_granted": _("Role granted"),
    "accounts.role_refused": _("Role refused"),
    "accounts.role_withdrawn": _("Role proposal withdrawn"),
    "accounts.role_revoked": _("Role revoked"),
    "accounts.locked": _("Account locked"),
    "accounts.unlocked": _("Account unlocked"),
    "accounts.password_reset": _("Password reset"),
    "accounts.two_factor_reset": _("Two-factor sign-in reset"),
    "accounts.users_exported": _("User list exported"),
}


def register() -> None:
    for key, label in EVENTS.items():
        events.register(key, label)
