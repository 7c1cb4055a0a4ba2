"""The home page's reminder: my tasks due tomorrow or overdue."""

from typing import Any

from . import selectors


def reminders(user: Any, facility_id: int | None) -> dict[str, Any] | None:
    counts = selectors.reminder_counts(user, facility_id)
    if not counts["overdue"] and not counts["due_tomorrow"]:
        return None
    return counts
