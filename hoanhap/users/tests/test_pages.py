"""The pages and API of user administration: in the application, in Vietnamese, each action
audited; a role that sees residents is never given by one person — by page, API or admin."""

import json

import pytest
from django.urls import reverse

from hoanhap.accounts.models import Membership, RoleGrant, User
from hoanhap.accounts.roles import Role
from hoanhap.audit.models import AuditEntry
from hoanhap.testing import make_totp_device, make_user, verified_client_for
from hoanhap.users import services

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def second_admin(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.SYSTEM_ADMIN, facility, username="admin-2")


def test_the_list_shows_each_account_with_roles_per_facility_status_two_factor_and_last_sign_in(
    system_admin, director, doctor, facility, django_assert_max_num_queries
):
    make_totp_device(doctor)
    client = verified_client_for(system_admin)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("users:user-list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Director – Cơ sở cai nghiện ma túy tỉnh Lào Cai" in page
    # In Vietnamese order, by the given name (the last word): "Cán bộ director", "… medical_staff", "… system_admin".
    assert [row.username for row in response.context["listing"].page] == ["director", "doctor", "admin"]
    assert [row.two_factor for row in response.context["listing"].page] == [False, True, True]  # the admin: two factors
    assert response.context["listing"].count == 3


@pytest.mark.parametrize(("status", "expected"), [("locked", ["doctor"]), ("active", ["admin", "director"])])
def test_the_list_filters_by_status(system_admin, director, doctor, status, expected):
    services.lock_account(actor=system_admin, user=doctor)
    response = verified_client_for(system_admin).get(reverse("users:user-list"), {"status": status})
    assert sorted(row.username for row in response.context["listing"].page) == expected


def test_the_list_filters_by_role_and_exports_what_it_shows(system_admin, director, doctor):
    client = verified_client_for(system_admin)
    response = client.get(reverse("users:user-list"), {"role": Role.MEDICAL_STAFF})
    assert [row.username for row in response.context["listing"].page] == ["doctor"]
    export = client.get(reverse("users:user-export"), {"role": Role.MEDICAL_STAFF})
    assert export.status_code == 200
    assert AuditEntry.objects.filter(event="accounts.users_exported").exists()


def test_the_list_is_in_vietnamese_by_default(system_admin, settings):
    settings.LANGUAGE_CODE = "vi"
    response = verified_client_for(system_admin).get(reverse("users:user-list"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200


def test_an_administrator_creates_an_account_and_sees_its_temporary_password_once(system_admin):
    client = verified_client_for(system_admin)
    response = client.post(reverse("users:user-create"), {"username": "le.hoa", "full_name": "Lê Thị Hoa"})
    assert response.status_code == 200
    password = response.context["password"]
    assert User.objects.get(username="le.hoa").check_password(password)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "director", "full_name": "Lê Thị Hoa"}, "is taken"),
        ({"username": "le.hoa", "full_name": "Lê Thị Hoa", "password": "12345"}, "too short"),
        ({"username": "le hoa", "full_name": "Lê Thị Hoa"}, "without spaces"),
    ],
)
def test_bad_account_input_gets_a_400_with_the_message(system_admin, director, data, message):
    response = verified_client_for(system_admin).post(reverse("users:user-create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_unknown_role_gets_a_400(system_admin, doctor, facility):
    url = reverse("users:role-propose", args=[doctor.pk])
    response = verified_client_for(system_admin).post(url, {"facility": facility.pk, "role": "warden"})
    assert response.status_code == 400
    assert not RoleGrant.objects.exists()


def test_a_role_proposed_on_the_page_waits_for_the_director_who_approves_it_on_theirs(
    system_admin, director, doctor, facility
):
    url = reverse("users:role-propose", args=[doctor.pk])
    response = verified_client_for(system_admin).post(url, {"facility": facility.pk, "role": Role.COUNSELLOR})
    assert response.status_code == 302
    grant = RoleGrant.objects.get()
    assert not Membership.objects.filter(user=doctor, role=Role.COUNSELLOR).exists()

    proposer = verified_client_for(system_admin).post(reverse("users:grant-approve", args=[grant.pk]))
    assert proposer.status_code == 400
    assert "cannot approve" in proposer.content.decode()
    assert not Membership.objects.filter(user=doctor, role=Role.COUNSELLOR).exists()

    waiting = verified_client_for(director).get(reverse("users:grant-list"))
    assert list(waiting.context["grants"]) == [grant]
    home = verified_client_for(director).get("/")
    assert "Roles waiting for your approval" in home.content.decode()
    verified_client_for(director).post(reverse("users:grant-approve", args=[grant.pk]))
    assert Membership.objects.filter(user=doctor, role=Role.COUNSELLOR, is_active=True).exists()


def test_a_director_of_another_facility_gets_a_404_for_the_grant(
    system_admin, doctor, facility, director_of_other_facility
):
    grant = services.propose_role(actor=system_admin, user=doctor, facility=facility, role=Role.COUNSELLOR)
    response = verified_client_for(director_of_other_facility).post(reverse("users:grant-approve", args=[grant.pk]))
    assert response.status_code == 404


def test_a_refusal_without_a_reason_gets_a_400(system_admin, director, doctor, facility):
    grant = services.propose_role(actor=system_admin, user=doctor, facility=facility, role=Role.COUNSELLOR)
    response = verified_client_for(director).post(reverse("users:grant-refuse", args=[grant.pk]), {"reason": ""})
    assert response.status_code == 400
    ok = verified_client_for(director).post(reverse("users:grant-refuse", args=[grant.pk]), {"reason": "Không cần"})
    assert ok.status_code == 302
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.REFUSED


def test_the_user_page_shows_roles_pending_grants_and_history(system_admin, doctor, facility):
    services.propose_role(actor=system_admin, user=doctor, facility=facility, role=Role.COUNSELLOR)
    services.lock_account(actor=system_admin, user=doctor)
    response = verified_client_for(system_admin).get(reverse("users:user-detail", args=[doctor.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Waiting for approval" in page
    assert "Account locked" in page
    assert "Role proposed" in page


def test_another_facilitys_account_is_a_404_and_other_roles_get_a_403(system_admin, director, guard_of_other_facility):
    admin = verified_client_for(system_admin)
    assert admin.get(reverse("users:user-detail", args=[guard_of_other_facility.pk])).status_code == 404
    assert admin.post(reverse("users:user-lock", args=[guard_of_other_facility.pk])).status_code == 404
    assert verified_client_for(director).get(reverse("users:user-list")).status_code == 403


def test_lock_unlock_and_resets_from_the_user_page(system_admin, doctor):
    client = verified_client_for(system_admin)
    make_totp_device(doctor)
    assert client.post(reverse("users:user-lock", args=[doctor.pk])).status_code == 302
    doctor.refresh_from_db()
    assert not doctor.is_active
    assert client.post(reverse("users:user-unlock", args=[doctor.pk])).status_code == 302
    reset = client.post(reverse("users:password-reset", args=[doctor.pk]))
    assert reset.status_code == 200
    doctor.refresh_from_db()
    assert doctor.check_password(reset.context["password"])
    assert client.post(reverse("users:two-factor-reset", args=[doctor.pk])).status_code == 302
    assert not doctor.totpdevice_set.exists()


def _post(client, url, data=None):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_by_the_api_an_administrator_creates_and_proposes_and_a_second_administrator_approves(
    system_admin, second_admin, facility
):
    api = verified_client_for(system_admin)
    created = _post(api, "/api/accounts/users", {"username": "pham.an", "full_name": "Phạm Văn An"})
    assert created.status_code == 201, created.content
    user_id = created.json()["user"]["id"]
    assert created.json()["temporary_password"]
    proposed = _post(api, f"/api/accounts/users/{user_id}/roles", {"facility_id": facility.pk, "role": Role.DIRECTOR})
    assert proposed.status_code == 201
    grant_id = proposed.json()["id"]
    assert proposed.json()["status"] == "proposed"
    alone = _post(api, f"/api/accounts/users/grants/{grant_id}/approve")
    assert alone.status_code == 400
    assert "cannot approve" in alone.json()["detail"]
    assert not Membership.objects.filter(user_id=user_id).exists()
    second = verified_client_for(second_admin)
    assert [g["id"] for g in second.get("/api/accounts/users/grants").json()] == [grant_id]
    assert _post(second, f"/api/accounts/users/grants/{grant_id}/approve").status_code == 200
    assert Membership.objects.filter(user_id=user_id, role=Role.DIRECTOR).exists()


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"username": "director", "full_name": "A B"}, 400, "username"),
        ({"username": "x.y", "full_name": "A B", "password": "1"}, 400, "password"),
        ({"username": "x.y"}, 422, None),
    ],
)
def test_bad_input_to_the_api_is_a_4xx_with_the_message(system_admin, director, payload, status, field):
    response = _post(verified_client_for(system_admin), "/api/accounts/users", payload)
    assert response.status_code == status
    if field:
        assert response.json()["field"] == field


def test_by_the_api_lock_and_unlock(system_admin, doctor):
    api = verified_client_for(system_admin)
    assert _post(api, f"/api/accounts/users/{doctor.pk}/lock").json()["is_active"] is False
    assert _post(api, f"/api/accounts/users/{doctor.pk}/unlock").json()["is_active"] is True
    unknown = _post(api, f"/api/accounts/users/{doctor.pk}/roles", {"facility_id": 999999, "role": Role.AUDITOR})
    assert unknown.status_code == 400
    bad_role = _post(
        api,
        f"/api/accounts/users/{doctor.pk}/roles",
        {"facility_id": doctor.memberships.get().facility_id, "role": "warden"},
    )
    assert bad_role.status_code == 400 and bad_role.json()["field"] == "role"


def test_a_locked_account_loses_its_open_session(system_admin, doctor):
    session = verified_client_for(doctor)
    assert session.get("/").status_code == 200
    services.lock_account(actor=system_admin, user=doctor)
    assert session.get("/").status_code == 302  # back to the sign-in page


def test_the_facility_and_role_filters_name_one_and_the_same_role(system_admin, facility, other_facility):
    """A counsellor in facility B who is an auditor in facility A is no counsellor of facility A."""
    from hoanhap.accounts.models import Membership as Held

    both = make_user(Role.AUDITOR, facility, username="both")
    Held.objects.create(user=both, facility=other_facility, role=Role.COUNSELLOR)
    response = verified_client_for(system_admin).get(
        reverse("users:user-list"), {"facility": facility.pk, "role": Role.COUNSELLOR}
    )
    assert response.context["listing"].count == 0
    response = verified_client_for(system_admin).get(
        reverse("users:user-list"), {"facility": facility.pk, "role": Role.AUDITOR}
    )
    assert [row.username for row in response.context["listing"].page] == ["both"]


def test_the_list_reads_the_same_queries_for_3_accounts_and_for_25(system_admin, facility):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = verified_client_for(system_admin)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("users:user-list")).status_code == 200
        return len(captured)

    for n in range(2):
        make_user(Role.COUNSELLOR, facility, username=f"few-{n}")
    few = queries()
    for n in range(22):
        make_user(Role.COUNSELLOR, facility, username=f"many-{n}")
    assert queries() == few
