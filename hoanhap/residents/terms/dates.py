"""Calendar arithmetic the rules share: months, ages and the dd/mm/yyyy a message quotes."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """Calendar months; a day the target month lacks becomes its last day (31/01 + 1 = 28/02 or 29/02)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years; someone born on 29/02 has their birthday on 01/03 in other years."""
    return on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))


def ddmmyyyy(day: date) -> str:
    return day.strftime("%d/%m/%Y")
