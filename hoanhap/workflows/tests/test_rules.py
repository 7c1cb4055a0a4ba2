"""A definition is refused with a clear message when it cannot run."""

from typing import Any

import pytest

from hoanhap.workflows.rules import check_definition, parse_data


def step(key, after=(), **more):  # type: ignore[no-untyped-def]
    return {"key": key, "title": key, "after": list(after), **more}


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([step("a"), step("b", ["a"])], []),
        ([step("a"), step("b", ["a"]), step("c", ["a"]), step("d", ["b", "c"])], []),  # parallel and join
        ([], ["A process needs at least one step."]),
        ([step("a"), step("a")], ["The step key “a” is used twice."]),
        ([step("a"), step("b", ["x"])], ["Step “b” waits for an unknown step “x”."]),
        ([step("a", deadline_days=-1)], ["Step “a”: the deadline cannot be negative."]),
        ([step("a", deadline_days=0)], []),
        ([step("a"), step("b", ["a", "c"]), step("c", ["b"])], ["The steps b, c wait for each other in a loop."]),
        (
            [step("a"), step("b", ["c"]), step("c", ["b"]), step("d", ["b"])],
            [
                "The steps b, c wait for each other in a loop.",
                "Step “d” can never start: it waits for a step in a loop.",
            ],
        ),
        ([step("a", ["a"])], ["Step “a” waits for itself."]),
        ([step("a"), step("b", ["a"], kind="approval", may_return_to=["a"])], []),
        (
            [step("a"), step("b", ["a"], kind="approval", may_return_to=["c"]), step("c", ["b"])],
            ["Step “b” may only return to an earlier step, not “c”."],
        ),
        (
            [step("a"), step("b", ["a"], kind="approval", may_return_to=["zz"])],
            ["Step “b” may return to an unknown step “zz”."],
        ),
        ([step("a", fields=[{"name": "x", "type": "colour"}])], ["Step “a”: the field “x” has an unknown type."]),
    ],
)
def test_a_definition_is_checked_before_it_is_published(steps, expected):  # type: ignore[no-untyped-def]
    assert check_definition(steps) == expected


FIELDS: list[dict[str, Any]] = [
    {"name": "days", "type": "number", "required": True},
    {"name": "on", "type": "date"},
    {"name": "why", "type": "choice", "choices": [["a", "A"], ["b", "B"]]},
    {"name": "ok", "type": "yes-no"},
]


@pytest.mark.parametrize(
    ("raw", "values", "errors"),
    [
        (
            {"days": "3", "on": "01/03/2026", "why": "a", "ok": "on"},
            {"days": 3, "on": "2026-03-01", "why": "a", "ok": True},
            {},
        ),
        ({"days": ""}, {"ok": False}, {"days": "This field is required."}),
        ({"days": "three"}, {"ok": False}, {"days": "Enter a whole number."}),
        ({"days": "1", "on": "31/02/2026"}, {"days": 1, "ok": False}, {"on": "Enter a date as dd/mm/yyyy."}),
        ({"days": "1", "why": "c"}, {"days": 1, "ok": False}, {"why": "Choose one of the options."}),
    ],
)
def test_a_steps_data_is_typed_by_its_fields(raw, values, errors):  # type: ignore[no-untyped-def]
    assert parse_data(FIELDS, raw) == (values, errors)
