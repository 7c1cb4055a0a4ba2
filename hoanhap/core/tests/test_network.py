"""The client's address, as the audit trail and the login limits see it."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from hoanhap.audit.models import AuditEntry
from hoanhap.core.network import client_ip
from hoanhap.testing import PASSWORD, client_for, make_resident

PROXY = "10.0.0.254"


def request_from(remote_addr: str, forwarded_for: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(request_from("203.0.113.5", "198.51.100.7")) == "203.0.113.5"


def test_behind_the_proxy_the_address_it_added_is_used(settings):
    settings.BEHIND_PROXY = True
    assert client_ip(request_from(PROXY, "198.51.100.7")) == "198.51.100.7"


def test_behind_the_proxy_an_address_forged_by_the_client_is_ignored(settings):
    settings.BEHIND_PROXY = True
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
    assert client_ip(request_from(PROXY, "1.2.3.4, 198.51.100.7")) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "không phải địa chỉ", "999.1.1.1", ",", "1.2.3.4, <script>"])
def test_a_malformed_forwarded_header_falls_back_to_the_peer(settings, forwarded):
    settings.BEHIND_PROXY = True
    assert client_ip(request_from(PROXY, forwarded)) == PROXY


def test_ipv6_addresses_are_written_in_their_short_form(settings):
    settings.BEHIND_PROXY = False
    assert client_ip(request_from("2001:0db8:0000:0000:0000:0000:0000:0001")) == "2001:db8::1"


@pytest.mark.django_db
def test_the_audit_trail_records_the_clients_address_behind_the_proxy(settings, doctor, facility):
    settings.BEHIND_PROXY = True
    resident = make_resident(facility)
    client_for(doctor).get(
        reverse("residents:detail", args=[resident.pk]), REMOTE_ADDR=PROXY, headers={"X-Forwarded-For": "198.51.100.7"}
    )
    entry = AuditEntry.objects.get(resident_id=resident.pk, action=AuditEntry.Action.ACCESS)
    assert entry.remote_addr == "198.51.100.7"


@pytest.mark.django_db
def test_a_garbage_address_never_breaks_the_audit_trail(settings, doctor, facility):
    settings.BEHIND_PROXY = True
    resident = make_resident(facility)
    response = client_for(doctor).get(
        reverse("residents:detail", args=[resident.pk]), REMOTE_ADDR="not-an-address", headers={"X-Forwarded-For": "x"}
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(resident_id=resident.pk, action=AuditEntry.Action.ACCESS)
    assert entry.remote_addr is None


@pytest.mark.django_db
def test_the_address_limit_tells_two_clients_of_one_proxy_apart(settings, director):
    settings.BEHIND_PROXY = True
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for n in range(3):
        Client().post(
            reverse("accounts:login"),
            {"username": f"guess-{n}", "password": "wrong-password-1"},
            REMOTE_ADDR=PROXY,
            headers={"X-Forwarded-For": "198.51.100.66"},
        )
    colleague = Client().post(
        reverse("accounts:login"),
        {"username": "director", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert colleague.status_code == 302
    attacker = Client().post(
        reverse("accounts:login"),
        {"username": "director", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": "198.51.100.66"},
    )
    assert attacker.status_code == 200
