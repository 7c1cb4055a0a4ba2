"""Every view of a resident's record is logged: who, whom, when, through which page or API."""

import pytest
from django.test import Client
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.testing import client_for, make_resident

pytestmark = pytest.mark.django_db

ACCESS = AuditEntry.Action.ACCESS


def access_entries(resident) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    return list(AuditEntry.objects.filter(resident_id=resident.pk, action=ACCESS).order_by("id"))


def test_opening_a_residents_page_logs_who_whom_when_and_the_page(doctor, facility):
    resident = make_resident(facility)
    path = reverse("residents:detail", args=[resident.pk])

    client_for(doctor).get(path, REMOTE_ADDR="10.1.2.3")

    [entry] = access_entries(resident)
    assert entry.actor == doctor
    assert entry.object_pk == str(resident.pk)
    assert entry.content_type.model == "resident"
    assert entry.facility_id == facility.pk
    assert entry.via == f"GET {path}"
    assert entry.remote_addr == "10.1.2.3"
    assert entry.timestamp is not None


def test_reading_a_resident_through_the_api_logs_the_api_path(doctor, facility):
    resident = make_resident(facility)

    client_for(doctor).get(f"/api/residents/{resident.pk}", REMOTE_ADDR="10.1.2.4")

    [entry] = access_entries(resident)
    assert entry.actor == doctor
    assert entry.via == f"GET /api/residents/{resident.pk}"
    assert entry.remote_addr == "10.1.2.4"


def test_a_token_read_is_logged_against_the_tokens_owner(director, facility):
    resident = make_resident(facility)
    key = client_for(director).post(reverse("accounts:api-tokens"), {"name": "x", "days": 1}).context["new_key"]

    Client(headers={"Authorization": f"Bearer {key}"}).get(f"/api/residents/{resident.pk}")

    [entry] = access_entries(resident)
    assert entry.actor == director


def test_each_view_is_a_new_entry(doctor, facility):
    resident = make_resident(facility)
    client = client_for(doctor)
    client.get(reverse("residents:detail", args=[resident.pk]))
    client.get(reverse("residents:detail", args=[resident.pk]))
    assert len(access_entries(resident)) == 2


def test_a_refused_look_at_another_facilitys_resident_logs_no_view(director_of_other_facility, facility):
    resident = make_resident(facility)
    client = client_for(director_of_other_facility)
    assert client.get(reverse("residents:detail", args=[resident.pk])).status_code == 404
    assert client.get(f"/api/residents/{resident.pk}").status_code == 404
    assert access_entries(resident) == []


def test_a_role_without_access_to_residents_logs_no_view(auditor, facility):
    resident = make_resident(facility)
    assert client_for(auditor).get(reverse("residents:detail", args=[resident.pk])).status_code == 403
    assert access_entries(resident) == []


def test_the_access_log_is_read_by_the_facilitys_auditor(doctor, auditor, facility, django_assert_max_num_queries):
    resident = make_resident(facility)
    client_for(doctor).get(reverse("residents:detail", args=[resident.pk]))
    client = client_for(auditor)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("audit:search"), {"action": ACCESS})

    assert [e.resident_id for e in page.context["page"]] == [resident.pk]


def test_the_access_log_keeps_sensitive_values_out_of_application_logs(director, facility, caplog):
    resident = make_resident(facility, citizen_id="001090099999")
    with caplog.at_level("DEBUG"):
        client_for(director).get(reverse("residents:detail", args=[resident.pk]))
        client_for(director).get(f"/api/residents/{resident.pk}")
    assert "001090099999" not in caplog.text
