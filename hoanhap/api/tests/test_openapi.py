"""The OpenAPI document tells an outside client every answer it may get, in English."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():  # type: ignore[no-untyped-def]
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document):  # type: ignore[no-untyped-def]
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def test_every_residents_operation_documents_its_refusals(document):
    missing = {
        name: sorted({"403", "404", "422"} - set(operation["responses"]))
        for name, operation in operations(document)
        if " /api/residents" in name
    }
    assert {name: codes for name, codes in missing.items() if codes} == {}


def test_every_operation_has_a_summary(document):
    assert [name for name, operation in operations(document) if not operation.get("summary")] == []


def test_the_refusals_are_described_with_examples(document):
    schemas = document["components"]["schemas"]
    assert schemas["ErrorOut"]["examples"][0]["field"] == "term_months"
    assert schemas["ValidationErrorOut"]["examples"][0]["detail"][0]["field"] == "term_months"
