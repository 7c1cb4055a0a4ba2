"""ninja's and pydantic's validation errors in the caller's language (LocaleMiddleware has chosen
it: Accept-Language or the user's choice, Vietnamese by default): one readable message per field,
with the limit it broke, in place of pydantic's English."""

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from hoanhap.core.text import NUL_MESSAGE

# Where ninja reads a value from; the field is the path after the parameter's own name.
_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}


def _limit(name: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    return lambda ctx: {"limit": ctx.get(name, "")}


def _expected(ctx: Mapping[str, Any]) -> dict[str, Any]:
    return {"expected": str(ctx.get("expected", "")).replace(" or ", ", ")}


def _message(error_type: str, ctx: Mapping[str, Any]) -> str:
    number = _("Enter a number.")
    day = _("Enter a date as YYYY-MM-DD.")
    messages: dict[str, tuple[str, Callable[[Mapping[str, Any]], dict[str, Any]] | None]] = {
        "missing": (_("This field is required."), None),
        "greater_than_equal": (_("Enter a number of at least %(limit)s."), _limit("ge")),
        "greater_than": (_("Enter a number greater than %(limit)s."), _limit("gt")),
        "less_than_equal": (_("Enter a number of at most %(limit)s."), _limit("le")),
        "less_than": (_("Enter a number less than %(limit)s."), _limit("lt")),
        "string_too_long": (_("Enter at most %(limit)s characters."), _limit("max_length")),
        "string_too_short": (_("Enter at least %(limit)s characters."), _limit("min_length")),
        "too_long": (_("Give at most %(limit)s items."), _limit("max_length")),
        "too_short": (_("Give at least %(limit)s items."), _limit("min_length")),
        "int_parsing": (number, None),
        "int_type": (number, None),
        "int_from_float": (number, None),
        "float_parsing": (number, None),
        "float_type": (number, None),
        "date_parsing": (day, None),
        "date_from_datetime_parsing": (day, None),
        "date_from_datetime_inexact": (day, None),
        "date_type": (day, None),
        "bool_parsing": (_("Enter true or false."), None),
        "bool_type": (_("Enter true or false."), None),
        "string_type": (_("Enter text."), None),
        "list_type": (_("Give a list."), None),
        "dict_type": (_("Give an object."), None),
        "model_type": (_("Give an object."), None),
        "model_attributes_type": (_("Give an object."), None),
        "literal_error": (_("Choose one of: %(expected)s."), _expected),
        "enum": (_("Choose one of: %(expected)s."), _expected),
        "json_invalid": (_("The request body is not valid JSON."), None),
        "null_character": (str(NUL_MESSAGE), None),
    }
    message, params = messages.get(error_type, (_("Enter a valid value."), None))
    return message % params(ctx) if params else message


def field_of(loc: list[Any] | tuple[Any, ...]) -> str | None:
    """`["body", "payload", "contacts", 0, "full_name"]` → `"contacts.0.full_name"`."""
    path = list(loc)
    if path and path[0] in _SOURCES:
        path = path[1:]
        # A schema parameter (payload, filters) is named first; a plain parameter is the field.
        if len(path) > 1:
            path = path[1:]
    return ".".join(str(part) for part in path) or None


def translated_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "type": error.get("type", ""),
            "loc": list(error.get("loc", [])),
            "field": field_of(error.get("loc", [])),
            "msg": _message(str(error.get("type", "")), error.get("ctx") or {}),
        }
        for error in errors
    ]
