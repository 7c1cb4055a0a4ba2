"""User administration: accounts, roles granted by two people, locks and resets — each in the
audit trail, where the auditors of the facilities concerned read it."""

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoanhap.accounts.models import Membership, RoleGrant, User
from hoanhap.accounts.roles import Role, sees_residents
from hoanhap.audit.models import AuditEntry
from hoanhap.audit.selectors import entries_visible_to
from hoanhap.core.errors import DomainError
from hoanhap.testing import PASSWORD, make_totp_device, make_user
from hoanhap.users import services

pytestmark = pytest.mark.usefixtures("english_messages")


def signs_in(username: str, password: str) -> bool:
    client = Client()
    client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.1.1")
    return "_auth_user_id" in client.session


@pytest.fixture
def second_admin(facility):  # type: ignore[no-untyped-def]
    return make_user(Role.SYSTEM_ADMIN, facility, username="admin-2")


@pytest.fixture
def newcomer(system_admin):  # type: ignore[no-untyped-def]
    user, _ = services.create_account(actor=system_admin, username="nguyen.lan", full_name="Nguyễn Thị Lan")
    return user


@pytest.mark.parametrize(
    ("role", "two_people"),
    [
        (Role.DIRECTOR, True),
        (Role.MEDICAL_STAFF, True),
        (Role.COUNSELLOR, True),
        (Role.WORK_TEAM_LEADER, True),
        (Role.VISIT_OFFICER, True),
        (Role.PROVINCE_VIEWER, True),
        (Role.SYSTEM_ADMIN, True),
        (Role.AUDITOR, False),
        (Role.PORTAL_EDITOR, False),
        (Role.PARTY_SECRETARY, False),
    ],
)
def test_a_role_that_sees_residents_and_the_administrators_role_take_two_people(role, two_people):
    assert services.needs_second_person(role) is two_people
    assert sees_residents(role) is (two_people and role != Role.SYSTEM_ADMIN)


def test_an_account_is_created_with_a_temporary_password_that_signs_in(system_admin, facility):
    user, password = services.create_account(actor=system_admin, username="tran.binh", full_name="Trần  Văn Bình")
    assert user.full_name == "Trần Văn Bình"
    assert signs_in("tran.binh", password)
    entry = AuditEntry.objects.get(event="accounts.account_created", object_pk=str(user.pk), facility_id=facility.pk)
    assert entry.actor == system_admin


@pytest.mark.parametrize(
    ("username", "password", "field", "message"),
    [
        ("admin", None, "username", "The username “admin” is taken."),
        ("ADMIN", None, "username", "The username “ADMIN” is taken."),
        ("has space", None, "username", "A username has letters"),
        ("", None, "username", "Enter a username."),
        ("someone", "123", "password", "too short"),
    ],
)
def test_bad_account_input_is_refused_beside_its_field(system_admin, username, password, field, message):
    with pytest.raises(DomainError) as refused:
        services.create_account(actor=system_admin, username=username, full_name="Lê Văn An", password=password)
    assert refused.value.field == field
    assert message in str(refused.value)


def test_only_an_administrator_creates_an_account(director):
    with pytest.raises(PermissionDenied):
        services.create_account(actor=director, username="x.y", full_name="Lê Văn An")


def test_a_role_that_sees_residents_is_only_proposed_until_the_director_approves(
    system_admin, director, newcomer, facility
):
    grant = services.propose_role(actor=system_admin, user=newcomer, facility=facility, role=Role.MEDICAL_STAFF)
    assert grant.status == RoleGrant.Status.PROPOSED
    assert not Membership.objects.filter(user=newcomer).exists()

    services.approve_grant(actor=director, grant=grant)

    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.APPROVED and grant.decided_by == director
    assert Membership.objects.filter(user=newcomer, facility=facility, role=Role.MEDICAL_STAFF, is_active=True).exists()


def test_the_proposer_cannot_approve_their_own_proposal(system_admin, newcomer, facility):
    grant = services.propose_role(actor=system_admin, user=newcomer, facility=facility, role=Role.DIRECTOR)
    with pytest.raises(DomainError, match="cannot approve"):
        services.approve_grant(actor=system_admin, grant=grant)
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_director_of_another_facility_cannot_approve(system_admin, director_of_other_facility, newcomer, facility):
    grant = services.propose_role(actor=system_admin, user=newcomer, facility=facility, role=Role.COUNSELLOR)
    with pytest.raises(PermissionDenied):
        services.approve_grant(actor=director_of_other_facility, grant=grant)
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_second_administrator_can_approve(system_admin, second_admin, newcomer, facility):
    grant = services.propose_role(actor=system_admin, user=newcomer, facility=facility, role=Role.COUNSELLOR)
    services.approve_grant(actor=second_admin, grant=grant)
    assert Membership.objects.filter(user=newcomer, role=Role.COUNSELLOR).exists()


def test_the_person_who_would_receive_the_role_cannot_approve_it(system_admin, second_admin, facility):
    grant = services.propose_role(actor=second_admin, user=system_admin, facility=facility, role=Role.DIRECTOR)
    with pytest.raises(DomainError):
        services.approve_grant(actor=system_admin, grant=grant)
    assert not Membership.objects.filter(user=system_admin, role=Role.DIRECTOR).exists()


def test_nobody_proposes_a_role_for_themselves(system_admin, facility):
    with pytest.raises(DomainError, match="yourself"):
        services.propose_role(actor=system_admin, user=system_admin, facility=facility, role=Role.AUDITOR)


def test_a_role_that_sees_no_resident_takes_effect_at_once(system_admin, newcomer, facility):
    grant = services.propose_role(actor=system_admin, user=newcomer, facility=facility, role=Role.PORTAL_EDITOR)
    assert grant.status == RoleGrant.Status.APPROVED
    assert Membership.objects.filter(user=newcomer, role=Role.PORTAL_EDITOR, is_active=True).exists()


def test_an_unknown_role_is_refused(system_admin, newcomer, facility):
    with pytest.raises(DomainError, match="Unknown role") as refused:
        services.propose_role(actor=system_admin, user=newcomer, facility=facility, role="warden")
    assert refused.value.field == "role"


def test_an_administrator_acts_only_in_the_facilities_they_administer(system_admin, newcomer, other_facility):
    with pytest.raises(PermissionDenied):
        services.propose_role(actor=system_admin, user=newcomer, facility=other_facility, role=Role.AUDITOR)


def test_a_refusal_needs_a_reason_and_makes_no_membership(system_admin, director, newcomer, facility):
    grant = services.propose_role(actor=system_admin, user=newcomer, facility=facility, role=Role.DIRECTOR)
    with pytest.raises(DomainError, match="why"):
        services.refuse_grant(actor=director, grant=grant, reason="  ")
    services.refuse_grant(actor=director, grant=grant, reason="Chưa có quyết định bổ nhiệm")
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.REFUSED
    with pytest.raises(DomainError, match="cannot be recorded"):
        services.approve_grant(actor=director, grant=grant)
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_withdrawn_proposal_can_no_longer_be_approved(system_admin, director, newcomer, facility):
    grant = services.propose_role(actor=system_admin, user=newcomer, facility=facility, role=Role.DIRECTOR)
    services.withdraw_grant(actor=system_admin, grant=grant)
    with pytest.raises(DomainError):
        services.approve_grant(actor=director, grant=grant)


def test_a_revoked_role_ends_at_once(system_admin, doctor, facility):
    membership = Membership.objects.get(user=doctor)
    services.revoke_role(actor=system_admin, membership=membership)
    membership.refresh_from_db()
    assert not membership.is_active
    assert AuditEntry.objects.filter(event="accounts.role_revoked", facility_id=facility.pk).exists()


def test_every_step_of_a_grant_is_in_the_trail_of_its_facility_and_its_auditor_reads_it(
    system_admin, director, auditor, auditor_of_other_facility, newcomer, facility
):
    grant = services.propose_role(actor=system_admin, user=newcomer, facility=facility, role=Role.MEDICAL_STAFF)
    services.approve_grant(actor=director, grant=grant)
    visible = set(entries_visible_to(auditor).values_list("event", flat=True))
    assert {"accounts.account_created", "accounts.role_proposed", "accounts.role_granted"} <= visible
    assert not entries_visible_to(auditor_of_other_facility).filter(event__startswith="accounts.").exists()


def test_a_locked_account_cannot_sign_in_and_unlocking_restores_it(system_admin, doctor, auditor):
    services.lock_account(actor=system_admin, user=doctor)
    assert not signs_in("doctor", PASSWORD)
    services.unlock_account(actor=system_admin, user=doctor)
    assert signs_in("doctor", PASSWORD)
    events = set(entries_visible_to(auditor).values_list("event", flat=True))
    assert {"accounts.locked", "accounts.unlocked"} <= events


def test_unlocking_clears_the_failed_sign_ins_that_locked_the_username(system_admin, doctor):
    AccessAttempt.objects.create(username="doctor", failures_since_start=9, ip_address="10.0.0.1", user_agent="x")
    services.unlock_account(actor=system_admin, user=doctor)
    assert not AccessAttempt.objects.filter(username="doctor").exists()


def test_unlocking_an_account_that_is_not_locked_is_refused(system_admin, doctor):
    with pytest.raises(DomainError, match="not locked"):
        services.unlock_account(actor=system_admin, user=doctor)


def test_an_administrator_cannot_lock_themselves(system_admin):
    with pytest.raises(DomainError, match="your own account"):
        services.lock_account(actor=system_admin, user=system_admin)


def test_a_password_reset_gives_a_new_temporary_password_and_the_old_one_stops(system_admin, doctor, auditor):
    temporary = services.reset_password(actor=system_admin, user=doctor)
    assert not signs_in("doctor", PASSWORD)
    assert signs_in("doctor", temporary)
    assert entries_visible_to(auditor).filter(event="accounts.password_reset").exists()


def test_a_two_factor_reset_removes_the_devices(system_admin, second_admin, auditor):
    make_totp_device(second_admin)
    assert services.reset_two_factor(actor=system_admin, user=second_admin) == 1
    assert not TOTPDevice.objects.filter(user=second_admin).exists()
    assert entries_visible_to(auditor).filter(event="accounts.two_factor_reset").exists()
    with pytest.raises(DomainError, match="no two-factor device"):
        services.reset_two_factor(actor=system_admin, user=second_admin)


def test_an_administrator_never_touches_an_account_of_another_facility(system_admin, guard_of_other_facility):
    with pytest.raises(PermissionDenied):
        services.reset_password(actor=system_admin, user=guard_of_other_facility)


def test_an_account_created_without_facility_by_a_superuser_is_filed_for_the_province(db):
    root = User.objects.create_superuser("root", password=PASSWORD)
    user, _ = services.create_account(actor=root, username="new.one", full_name="Phạm Văn Nam")
    assert AuditEntry.objects.filter(
        event="accounts.account_created", object_pk=str(user.pk), facility_id=None
    ).exists()
