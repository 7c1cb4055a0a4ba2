"""No input a caller can send makes the API fail with a 500."""

import pytest

from hoanhap.testing import client_for, make_resident

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    "",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "-1",
    "0",
    "99999999999999999999",
    "1e9",
    "' OR 1=1 --",
    "%",
    "_",
    "Đ",
]


@pytest.mark.parametrize("value", ODD_VALUES)
@pytest.mark.parametrize("parameter", ["q", "page", "page_size"])
def test_odd_query_parameters_never_give_a_500(director, facility, parameter, value):
    make_resident(facility)
    response = client_for(director).get("/api/residents", {parameter: value})
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("path", ["/api/residents/%00", "/api/residents/1%00", "/api/me?x=%00", "/api/nothing-here"])
def test_odd_paths_never_give_a_500(director, path):
    assert client_for(director).get(path).status_code < 500


def test_a_value_the_database_refuses_is_a_400_that_does_not_echo_it(director):
    from django.db import DataError
    from django.test import RequestFactory

    from hoanhap.api.api import unstorable_value

    response = unstorable_value(RequestFactory().get("/api/residents"), DataError("NUL 001090012345"))
    assert response.status_code == 400
    assert b"001090012345" not in response.content
