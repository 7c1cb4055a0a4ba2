"""What a user (or an attacker) can type into a module's addresses and forms gets an answer, never
a server error: nonsense in every query parameter and form field, bodies of the wrong shape on
every API path, and ids too large for the database in every URL that names a record."""

import re

import pytest

from hoanhap.accounts.roles import Role
from hoanhap.testing import make_episode, make_resident, make_user, verified_client_for

from .route_rules import World
from .routes import AREA_RULES, area_parameters
from .test_every_route import _fill

MODULE_ROUTES = sorted(route for route in AREA_RULES if not route.startswith("admin"))
# The recorders of every module area and the director who reads them all.
ROLES = (Role.DIRECTOR, Role.EDUCATION_OFFICER, Role.WORK_TEAM_LEADER, Role.VISIT_OFFICER, Role.RESIDENT_MANAGER)
NONSENSE = {
    "on": "abc",
    "month": "13/20x",
    "page": "zz",
    "sort": "';--",
    "team": "x",
    "zone": "-1",
    "kind": "%",
    "status": "?",
    "q": "a\x00b",
    "date": "31/02/2026",
    "day": "2026-02-30",
    "hours": "lots",
    "amount": "-5",
    "resident": "99999999999999999999999",
}
BODIES = (
    '{"resident_ids": ["x"], "hours": "lots", "rows": [{"resident_id": "x", "hours": -1}], "amount": -5,'
    ' "kind": "x", "starts_at": "x", "visitors": [{}], "month": "x", "cells": {"x": "y"}}',
    "[]",
    '"a"',
    '{"resident_id": 99999999999999999999}',
    "not json",
)
HUGE = "99999999999999999999999"


def _url(route: str, facility) -> str:  # type: ignore[no-untyped-def]
    resident = make_resident(facility)
    world = World(
        facility=facility,
        director=make_user(Role.DIRECTOR, facility),
        resident=resident,
        episode=make_episode(resident),
    )
    return _fill(route, area_parameters(world))


@pytest.mark.django_db
@pytest.mark.parametrize("route", MODULE_ROUTES)
def test_nonsense_in_every_parameter_and_field_is_answered_without_a_server_error(route, facility):
    url = _url(route, facility)
    for role in ROLES:
        client = verified_client_for(make_user(role, facility))
        assert client.get(url, NONSENSE).status_code < 500, (role, "GET", url)
        assert client.post(url, NONSENSE).status_code < 500, (role, "POST", url)


@pytest.mark.django_db
@pytest.mark.parametrize("route", [route for route in MODULE_ROUTES if route.startswith("api/")])
def test_api_bodies_of_the_wrong_shape_are_refused_without_a_server_error(route, facility):
    url = _url(route, facility)
    for role in ROLES:
        client = verified_client_for(make_user(role, facility))
        for body in BODIES:
            response = client.post(url, body, content_type="application/json")
            assert response.status_code < 500, (role, url, body)


@pytest.mark.django_db
@pytest.mark.parametrize("route", [route for route in MODULE_ROUTES if "<" in route])
def test_an_id_too_large_for_the_database_is_refused_or_missing_never_an_error(route, facility):
    url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", HUGE, route)
    assert verified_client_for(make_user(Role.DIRECTOR, facility)).get(url).status_code in (400, 403, 404, 405, 422)
