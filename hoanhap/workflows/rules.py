"""The rules of a process definition, pure: a definition is a list of step specs (dicts or
objects with key, title, after, may_return_to, deadline_days, kind, fields). `check_definition`
returns the refusals, each a plain message; an empty list means the definition may be published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# The last four name a record of the facility (workflows.references: their choices are read then).
FIELD_TYPES = ("text", "date", "number", "choice", "yes-no", "facility", "department", "position", "staff_member")
KINDS = ("task", "approval")


@dataclass(frozen=True)
class StepSpec:
    key: str
    title: str = ""
    after: tuple[str, ...] = ()
    may_return_to: tuple[str, ...] = ()
    deadline_days: int = 0
    kind: str = "task"
    fields: tuple[Mapping[str, Any], ...] = field(default_factory=tuple)


def spec_of(step: Any) -> StepSpec:
    get = (
        (lambda name, default: step.get(name, default))
        if isinstance(step, Mapping)
        else (lambda name, default: getattr(step, name, default))
    )
    return StepSpec(
        key=str(get("key", "") or ""),
        title=str(get("title", "") or ""),
        after=tuple(get("after", ()) or ()),
        may_return_to=tuple(get("may_return_to", ()) or ()),
        deadline_days=int(get("deadline_days", 0) or 0),
        kind=str(get("kind", "task") or "task"),
        fields=tuple(get("fields", ()) or ()),
    )


def check_fields(key: str, fields: Iterable[Any]) -> list[str]:
    errors = []
    names: set[str] = set()
    for spec in fields:
        if not isinstance(spec, Mapping) or not spec.get("name"):
            errors.append(_("Step “%(key)s”: every field needs a name.") % {"key": key})
            continue
        name = spec["name"]
        if name in names:
            errors.append(_("Step “%(key)s”: the field “%(name)s” is named twice.") % {"key": key, "name": name})
        names.add(name)
        if spec.get("type", "text") not in FIELD_TYPES:
            errors.append(_("Step “%(key)s”: the field “%(name)s” has an unknown type.") % {"key": key, "name": name})
        if spec.get("type") == "choice" and not spec.get("choices"):
            errors.append(_("Step “%(key)s”: the field “%(name)s” needs its choices.") % {"key": key, "name": name})
    return errors


def check_definition(steps: Sequence[Any]) -> list[str]:
    """Every refusal of the definition: at least one step, unique keys, `after` and
    `may_return_to` naming existing earlier steps, deadlines not negative, no loop, every step
    reachable from a start step (one that waits for nothing)."""
    specs = [spec_of(step) for step in steps]
    if not specs:
        return [_("A process needs at least one step.")]
    errors: list[str] = []
    keys = [spec.key for spec in specs]
    seen: set[str] = set()
    for key in keys:
        if not key:
            errors.append(_("Every step needs a key."))
        elif key in seen:
            errors.append(_("The step key “%(key)s” is used twice.") % {"key": key})
        seen.add(key)
    known = set(keys)
    for spec in specs:
        if spec.deadline_days < 0:
            errors.append(_("Step “%(key)s”: the deadline cannot be negative.") % {"key": spec.key})
        if spec.kind not in KINDS:
            errors.append(_("Step “%(key)s”: unknown kind.") % {"key": spec.key})
        for name in spec.after:
            if name not in known:
                errors.append(
                    _("Step “%(key)s” waits for an unknown step “%(name)s”.") % {"key": spec.key, "name": name}
                )
            elif name == spec.key:
                errors.append(_("Step “%(key)s” waits for itself.") % {"key": spec.key})
        errors.extend(check_fields(spec.key, spec.fields))
    if errors:
        return errors
    # A loop: a step that waits, directly or not, for itself (Kahn's algorithm).
    waiting = {spec.key: set(spec.after) for spec in specs}
    order: list[str] = []
    ready = [key for key in keys if not waiting[key]]
    if not ready:
        errors.append(_("No step can start: every step waits for another."))
    remaining = {key: set(deps) for key, deps in waiting.items()}
    while ready:
        key = ready.pop(0)
        order.append(key)
        for other in keys:
            if key in remaining[other]:
                remaining[other].discard(key)
                if not remaining[other] and other not in order and other not in ready:
                    ready.append(other)
    stuck = [key for key in keys if key not in order]
    in_loop = [key for key in stuck if _reaches(waiting, key, key)]
    if in_loop:
        errors.append(_("The steps %(keys)s wait for each other in a loop.") % {"keys": ", ".join(in_loop)})
    for key in stuck:
        if key not in in_loop:
            errors.append(_("Step “%(key)s” can never start: it waits for a step in a loop.") % {"key": key})
    if errors:
        return errors
    # Returning: only to a step that comes before (an ancestor).
    ancestors = ancestors_of(specs)
    for spec in specs:
        for name in spec.may_return_to:
            if name not in known:
                errors.append(
                    _("Step “%(key)s” may return to an unknown step “%(name)s”.") % {"key": spec.key, "name": name}
                )
            elif name not in ancestors[spec.key]:
                errors.append(
                    _("Step “%(key)s” may only return to an earlier step, not “%(name)s”.")
                    % {"key": spec.key, "name": name}
                )
        if spec.may_return_to and spec.kind != "approval":
            errors.append(_("Step “%(key)s”: only an approval may return the case.") % {"key": spec.key})
    return errors


def _reaches(waiting: Mapping[str, set[str]], start: str, target: str) -> bool:
    """Whether `start` waits, through one or more steps, for `target`."""
    seen: set[str] = set()
    todo = list(waiting.get(start, ()))
    while todo:
        key = todo.pop()
        if key == target:
            return True
        if key not in seen:
            seen.add(key)
            todo.extend(waiting.get(key, ()))
    return False


def ancestors_of(specs: Sequence[StepSpec]) -> dict[str, set[str]]:
    """For each step, the steps it waits for, directly or not (the definition has no loop)."""
    direct = {spec.key: set(spec.after) for spec in specs}
    result: dict[str, set[str]] = {}

    def walk(key: str, path: frozenset[str]) -> set[str]:
        if key in result:
            return result[key]
        found: set[str] = set()
        for parent in direct.get(key, ()):
            if parent in path:
                continue
            found.add(parent)
            found |= walk(parent, path | {parent})
        result[key] = found
        return found

    for spec in specs:
        walk(spec.key, frozenset({spec.key}))
    return result


def descendants_of(specs: Sequence[StepSpec], key: str) -> set[str]:
    """The steps that wait, directly or not, for `key`."""
    ancestors = ancestors_of(specs)
    return {spec.key for spec in specs if key in ancestors[spec.key]}


def ready_steps(specs: Sequence[StepSpec], done: set[str], started: set[str]) -> list[str]:
    """The steps not started whose awaited steps are all done (a start step waits for nothing)."""
    return [spec.key for spec in specs if spec.key not in started and set(spec.after) <= done]


def parse_data(fields: Sequence[Mapping[str, Any]], raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """A step's data typed by its field specs: (values, errors by field name). Dates as ISO text
    (dd/mm/yyyy or yyyy-mm-dd accepted), numbers as int, yes-no as bool, choices checked."""
    from datetime import date, datetime

    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in fields:
        name = spec["name"]
        kind = spec.get("type", "text")
        value = raw.get(name)
        if isinstance(value, str):
            value = value.strip()
        if kind == "yes-no":
            values[name] = value in (True, "on", "yes", "true", "1", 1)
            continue
        if value in (None, ""):
            if spec.get("required"):
                errors[name] = _("This field is required.")
            continue
        if kind == "number":
            try:
                values[name] = int(str(value))
            except ValueError:
                errors[name] = _("Enter a whole number.")
        elif kind == "date":
            if isinstance(value, date):
                values[name] = value.isoformat()
                continue
            for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
                try:
                    values[name] = datetime.strptime(str(value), pattern).date().isoformat()
                    break
                except ValueError:
                    continue
            else:
                errors[name] = _("Enter a date as dd/mm/yyyy.")
        elif kind == "choice":
            allowed = [
                str(choice[0]) if isinstance(choice, list | tuple) else str(choice)
                for choice in spec.get("choices", ())
            ]
            if str(value) not in allowed:
                errors[name] = _("Choose one of the options.")
            else:
                values[name] = str(value)
        else:
            text = str(value)
            if len(text) > 2000:
                errors[name] = _("Keep it under 2000 characters.")
            else:
                values[name] = text
    return values, errors
