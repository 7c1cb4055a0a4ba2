"""The administration site, for system administrators: the facility structure, and — to read
only — the accounts and roles of their own facilities (managed in the application, audited, a role
that sees residents given by two people); never a resident; users are never deleted."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from hoanhap.accounts.models import Membership, User
from hoanhap.accounts.roles import Role
from hoanhap.core.models import Department, Facility, Room, Zone
from hoanhap.testing import client_for, make_totp_device, make_user, verified_client_for

pytestmark = pytest.mark.django_db


def membership_formset(*rows: dict, total: int | None = None, initial: int = 0) -> dict:
    data = {
        "memberships-TOTAL_FORMS": str(total if total is not None else len(rows)),
        "memberships-INITIAL_FORMS": str(initial),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"memberships-{n}-{key}": value for key, value in row.items()})
    return data


def test_a_system_administrator_opens_the_users_list(system_admin, director, django_assert_max_num_queries):
    client = verified_client_for(system_admin)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    assert director in response.context["cl"].result_list


@pytest.mark.parametrize("fixture", ["director", "auditor", "province_viewer"])
def test_other_roles_get_a_403_from_the_administration(request, fixture):
    client = verified_client_for(request.getfixturevalue(fixture))
    assert client.get(reverse("admin:index")).status_code == 403
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_one_login_page(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("superuser", [False, True])
def test_no_account_is_created_in_the_administration(system_admin, facility, superuser):
    actor = (
        User.objects.create_superuser("root", password="trai-cai-nghien-ban-mai-2026") if superuser else system_admin
    )
    client = verified_client_for(actor)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "can-bo-moi",
            "full_name": "Cán bộ Mới",
            "usable_password": "true",
            "password1": "trai-cai-nghien-ban-mai-2026",
            "password2": "trai-cai-nghien-ban-mai-2026",
            **membership_formset({"facility": facility.pk, "role": Role.COUNSELLOR, "is_active": "on"}),
        },
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="can-bo-moi").exists()


@pytest.mark.parametrize("superuser", [False, True])
def test_no_role_is_given_and_no_password_set_in_the_administration(system_admin, director, facility, superuser):
    """Roles are granted in the application, where a role that sees residents takes two people."""
    actor = (
        User.objects.create_superuser("root", password="trai-cai-nghien-ban-mai-2026") if superuser else system_admin
    )
    client = verified_client_for(actor)
    existing = director.memberships.get()
    data = {
        "username": director.username,
        "full_name": director.full_name,
        "email": "",
        "phone": "",
        "is_active": "on",
        **membership_formset(
            {"id": existing.pk, "user": director.pk, "facility": facility.pk, "role": Role.DIRECTOR, "is_active": "on"},
            {"user": director.pk, "facility": facility.pk, "role": Role.RESIDENT_MANAGER, "is_active": "on"},
            initial=1,
        ),
    }

    assert client.post(reverse("admin:accounts_user_change", args=[director.pk]), data).status_code == 403
    password = {"password1": "trai-cai-nghien-ban-mai-2026", "password2": "trai-cai-nghien-ban-mai-2026"}
    response = client.post(reverse("admin:auth_user_password_change", args=[director.pk]), password)
    assert response.status_code == 403
    assert not Membership.objects.filter(user=director, role=Role.RESIDENT_MANAGER).exists()
    director.refresh_from_db()
    assert not director.check_password("trai-cai-nghien-ban-mai-2026")


def test_the_administration_shows_a_users_roles_without_a_form_to_change_them(system_admin, director):
    page = verified_client_for(system_admin).get(reverse("admin:accounts_user_change", args=[director.pk]))
    assert page.status_code == 200
    inline = page.context["inline_admin_formsets"][0]
    assert not inline.has_add_permission
    assert not inline.has_change_permission


def test_users_cannot_be_deleted_only_deactivated(system_admin, director):
    client = verified_client_for(system_admin)
    assert client.get(reverse("admin:accounts_user_delete", args=[director.pk])).status_code == 403
    changelist = client.get(reverse("admin:accounts_user_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    assert User.objects.filter(pk=director.pk).exists()


def test_an_administrator_sees_only_the_users_of_their_facilities(system_admin, director, director_of_other_facility):
    client = verified_client_for(system_admin)
    listed = list(client.get(reverse("admin:accounts_user_changelist")).context["cl"].result_list)
    assert director in listed
    assert director_of_other_facility not in listed
    response = client.get(reverse("admin:accounts_user_change", args=[director_of_other_facility.pk]))
    assert response.status_code == 302  # Django's admin: "does not exist", back to the list


def test_an_administrator_cannot_make_anyone_a_superuser(system_admin, director):
    client = verified_client_for(system_admin)
    page = client.get(reverse("admin:accounts_user_change", args=[director.pk]))
    assert "is_superuser" not in page.context["adminform"].form.fields
    assert "is_staff" not in page.context["adminform"].form.fields


def test_an_administrator_never_sees_a_superusers_account(system_admin):
    root = User.objects.create_superuser("root", password="trai-cai-nghien-ban-mai-2026")
    client = verified_client_for(system_admin)
    assert root not in client.get(reverse("admin:accounts_user_changelist")).context["cl"].result_list


def test_an_administrator_edits_departments_zones_and_rooms_of_their_facility(
    system_admin, facility, other_facility, django_assert_max_num_queries
):
    zone = Zone.objects.create(facility=facility, name="Khu A")
    Zone.objects.create(facility=other_facility, name="Khu khác")
    client = verified_client_for(system_admin)

    response = client.post(
        reverse("admin:core_department_add"),
        {"facility": facility.pk, "name": "Phòng Y tế", "kind": "medical", "order": 1},
    )
    assert response.status_code == 302
    assert Department.objects.filter(facility=facility, name="Phòng Y tế").exists()
    with django_assert_max_num_queries(20):
        zones = client.get(reverse("admin:core_zone_changelist")).context["cl"].result_list
    assert list(zones) == [zone]
    response = client.post(
        reverse("admin:core_room_add"), {"facility": facility.pk, "zone": zone.pk, "name": "P.101", "capacity": 20}
    )
    assert response.status_code == 302
    assert Room.objects.filter(zone=zone).exists()


def test_an_administrator_cannot_put_a_room_in_another_facilitys_zone(system_admin, facility, other_facility):
    their_zone = Zone.objects.create(facility=other_facility, name="Khu khác")
    client = verified_client_for(system_admin)
    response = client.post(
        reverse("admin:core_room_add"), {"facility": facility.pk, "zone": their_zone.pk, "name": "P.1", "capacity": 5}
    )
    assert response.status_code == 200
    assert "zone" in response.context["adminform"].form.errors


def test_an_administrator_edits_their_facility_but_cannot_add_or_delete_one(system_admin, facility, other_facility):
    client = verified_client_for(system_admin)
    assert client.get(reverse("admin:core_facility_change", args=[facility.pk])).status_code == 200
    assert client.get(reverse("admin:core_facility_change", args=[other_facility.pk])).status_code == 302
    assert client.get(reverse("admin:core_facility_add")).status_code == 403
    assert client.get(reverse("admin:core_facility_delete", args=[facility.pk])).status_code == 403
    assert Facility.objects.count() == 2


def test_an_administrator_sees_two_factor_devices_but_removes_them_only_in_the_application(system_admin, director):
    device = make_totp_device(director)
    client = verified_client_for(system_admin)
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.content.decode()
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    response = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert director.totpdevice_set.exists()


def test_a_locked_username_is_unlocked_in_the_application_not_in_the_administration(system_admin, director):
    for _ in range(5):
        Client().post(reverse("accounts:login"), {"username": "director", "password": "wrong-password-1"})
    attempt = AccessAttempt.objects.get(username="director")
    client = verified_client_for(system_admin)
    response = client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AccessAttempt.objects.exists()


def test_the_administrator_must_have_passed_two_factor(system_admin):
    response = client_for(system_admin).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-setup"))


def test_a_superuser_without_a_role_may_administer_after_two_factor(db):
    root = User.objects.create_superuser("root", password="trai-cai-nghien-ban-mai-2026")
    client = verified_client_for(root)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:core_facility_add")).status_code == 200


def test_the_administrator_role_is_a_role_like_any_other(facility):
    admin = make_user(Role.SYSTEM_ADMIN, facility)
    assert not admin.is_staff
    assert not admin.is_superuser


def test_every_page_linked_from_the_administration_index_opens(system_admin, director, facility):
    Zone.objects.create(facility=facility, name="Khu A")
    make_totp_device(director)
    client = verified_client_for(system_admin)
    models = [model for app in client.get(reverse("admin:index")).context["app_list"] for model in app["models"]]
    assert {m["object_name"] for m in models} >= {"User", "Facility", "Zone", "Room", "Department", "TOTPDevice"}
    for model in models:
        changelist = client.get(model["admin_url"])
        assert changelist.status_code == 200, model["object_name"]
        if model["add_url"]:
            assert client.get(model["add_url"]).status_code == 200, model["object_name"]
        for obj in changelist.context["cl"].result_list[:1]:
            opts = obj._meta
            change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
            assert change.status_code == 200, model["object_name"]


def test_nothing_about_residents_is_in_the_administration():
    from django.contrib import admin

    assert not {model._meta.app_label for model in admin.site._registry} & {"residents", "audit"}


def test_no_path_in_the_administration_writes_an_account_a_role_a_grant_a_device_or_a_lockout(rf, db):
    """Roles, accounts, two-factor devices and lockouts change only in the application, audited,
    where a role that sees residents takes two people — not here, not even for a superuser."""
    from axes.models import AccessAttempt as Attempt
    from django.contrib import admin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hoanhap.accounts.models import RoleGrant

    assert Membership not in admin.site._registry
    assert RoleGrant not in admin.site._registry
    request = rf.get("/admin/")
    request.user = User.objects.create_superuser("root", password="trai-cai-nghien-ban-mai-2026")
    for model in (User, TOTPDevice, Attempt):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None)
            assert not inline.has_change_permission(request, None)
