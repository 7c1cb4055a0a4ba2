"""Step fields that name a record of the facility: another facility (a transfer), a department, a
position, a staff member (a rotation). Their options are read when the task's form is drawn and
checked again when the task is done; the step's data keeps the chosen id, and an effect reads the
record through its module.

A field spec `{"name": "to_facility", "type": "facility", ...}` becomes, for one facility, a choice
field whose choices are those records (`with_options`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hoanhap.core import clock
from hoanhap.core.models import Facility
from hoanhap.organisation import selectors as organisation

REFERENCE_TYPES = ("facility", "department", "position", "staff_member")


def options(kind: str, facility_id: int) -> list[tuple[int, str]]:
    if kind == "facility":  # where a resident may be transferred: the other facilities in use
        others = Facility.objects.filter(is_active=True).exclude(pk=facility_id).order_by("name")
        return list(others.values_list("pk", "name"))
    if kind == "department":
        return list(organisation.departments_in_force(facility_id, clock.today()).values_list("pk", "name"))
    if kind == "position":
        return list(organisation.positions(facility_id).values_list("pk", "name"))
    if kind == "staff_member":
        return list(organisation.serving_staff(facility_id).values_list("pk", "full_name"))
    raise ValueError(f"not a reference type: {kind}")


def with_options(fields: Iterable[Mapping[str, Any]], facility_id: int) -> list[dict[str, Any]]:
    """The step's field specs with each reference field turned into a choice among its records."""
    specs = []
    for spec in fields:
        kind = spec.get("type", "text")
        if kind in REFERENCE_TYPES:
            choices = [[str(pk), label] for pk, label in options(kind, facility_id)]
            spec = {**spec, "type": "choice", "choices": choices, "reference": kind}
        specs.append(dict(spec))
    return specs


def record_id(values: Mapping[str, Any], name: str) -> int | None:
    """The id a reference field holds in a step's data (text, as choices are)."""
    value = values.get(name)
    return int(value) if value not in (None, "") and str(value).isdigit() else None
