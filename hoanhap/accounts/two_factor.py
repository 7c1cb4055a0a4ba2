"""Checking a TOTP code: a right code is accepted straight after a wrong one (a slip of the finger
costs nothing), and guessing is stopped by a lockout instead: after TWO_FACTOR_FAILURE_LIMIT
wrong codes in a row, every code is refused for TWO_FACTOR_LOCKOUT.

django-otp's own throttle (OTP_TOTP_THROTTLE_FACTOR) makes the user wait 1, 2, 4… seconds after
each failure and refuses even the right code meanwhile; settings turn it off (factor 0). The
device still counts the failures in a row (`throttling_failure_count`), which the lockout reads.
Guessing one of a million codes ten at a time, 96 times a day, stays hopeless."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

TOO_MANY_WRONG_CODES = _("Too many wrong codes. Try again in 15 minutes.")


class CodeRefused(Exception):
    """The code was not checked: too many wrong ones in a row."""


def _is_locked(device: TOTPDevice) -> bool:
    if device.throttling_failure_count < settings.TWO_FACTOR_FAILURE_LIMIT:
        return False
    last = device.throttling_failure_timestamp
    if last is not None and timezone.now() - last < settings.TWO_FACTOR_LOCKOUT:
        return True
    device.throttle_reset()  # the lockout is over: a fresh count
    return False


def check_code(device: TOTPDevice, token: str) -> bool:
    """True if `token` is the device's current code; raises CodeRefused while locked."""
    if _is_locked(device):
        raise CodeRefused
    return bool(device.verify_token(token))


def device_for_code(user: User, token: str) -> TOTPDevice | None:
    """The user's confirmed device that accepts `token`, or None; raises CodeRefused while any of
    them is locked (one device's lockout must not be dodged through another)."""
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    if any(_is_locked(device) for device in devices):
        raise CodeRefused
    return next((device for device in devices if device.verify_token(token)), None)
