"""Input the schemas refuse comes back in the caller's language (Vietnamese by default), each
message beside its field, with the limit it broke; a body that is not JSON is a 400, not a 500."""

import json

import pytest
from django.utils import translation

from hoanhap.core.text import NUL_MESSAGE
from hoanhap.residents.models import Resident
from hoanhap.testing import client_for

pytestmark = pytest.mark.django_db


def register(user, body, language="en"):  # type: ignore[no-untyped-def]
    return client_for(user).post(
        "/api/residents",
        json.dumps(body),
        content_type="application/json",
        headers={"accept-language": language},
    )


def person(**overrides):  # type: ignore[no-untyped-def]
    return {"full_name": "Nguyễn Văn Hùng", "date_of_birth": "1990-05-17", "sex": "male", **overrides}


def errors_by_field(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.content
    return {error["field"]: error for error in response.json()["detail"]}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"prior_rehab_count": -1}, "prior_rehab_count", "Enter a number of at least 0."),
        ({"prior_rehab_count": 101}, "prior_rehab_count", "Enter a number of at most 100."),
        ({"prior_rehab_count": "many"}, "prior_rehab_count", "Enter a number."),
        ({"full_name": "x" * 151}, "full_name", "Enter at most 150 characters."),
        ({"date_of_birth": "17/05/1990"}, "date_of_birth", "Enter a date as YYYY-MM-DD."),
        ({"date_of_birth": "1990-05-17T10:00:00"}, "date_of_birth", "Enter a date as YYYY-MM-DD."),
        ({"sex": "x"}, "sex", "Choose one of: 'male', 'female'."),
        ({"contacts": [{"relation": "Vợ"}]}, "contacts.0.full_name", "This field is required."),
    ],
)
def test_a_refused_value_is_explained_beside_its_field(director, overrides, field, message):
    errors = errors_by_field(register(director, person(**overrides)))
    assert errors[field]["msg"] == message
    assert errors[field]["loc"][-1] == field.split(".")[-1]
    assert not Resident.objects.exists()


def test_a_missing_field_is_named(director):
    errors = errors_by_field(register(director, {"sex": "male"}))
    assert errors["full_name"]["msg"] == "This field is required."
    assert errors["date_of_birth"]["type"] == "missing"


def test_the_messages_are_vietnamese_by_default(director):
    errors = errors_by_field(register(director, person(prior_rehab_count="many"), language="vi"))
    assert errors["prior_rehab_count"]["msg"] == "Vui lòng nhập số."
    with translation.override("vi"):
        assert errors_by_field(register(director, {}, language="vi"))["full_name"]["msg"] == translation.gettext(
            "This field is required."
        )


def test_a_body_that_is_not_json_is_a_400_with_a_readable_message(director):
    response = client_for(director).post(
        "/api/residents", "{not json", content_type="application/json", headers={"accept-language": "en"}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid JSON."


@pytest.mark.parametrize("name", ["Nguyễn\x00Văn Hùng", "\x00"])
def test_a_nul_character_is_refused_with_the_form_s_message(director, name):
    errors = errors_by_field(register(director, person(full_name=name)))
    with translation.override("en"):
        assert errors["full_name"]["msg"] == str(NUL_MESSAGE)
    assert not Resident.objects.exists()


def test_the_form_refuses_a_nul_character_with_the_same_message():
    from django import forms

    field = forms.CharField()
    with translation.override("en"), pytest.raises(forms.ValidationError) as refused:
        field.clean("a\x00b")
    assert refused.value.messages == [str(NUL_MESSAGE)]
