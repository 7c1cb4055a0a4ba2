"""Today's date for the residents app: one function, so tests can set the day."""

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()
