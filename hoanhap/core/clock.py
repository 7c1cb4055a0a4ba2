"""Today's date, for every module: one function, so that tests can set the day.

Call it as `clock.today()` (import the module, not the function), so that a test's
`monkeypatch.setattr(clock, "today", ...)` reaches every caller. Rules never read the server's
`date.today()`: they take the day as an argument, and services pass `clock.today()`.
"""

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()
