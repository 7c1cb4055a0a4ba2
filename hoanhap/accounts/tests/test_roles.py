"""What each role may open, from one table: the pages, the API and the administration site
answer alike, and each role's capabilities hold in its own facilities only."""

import pytest
from django.urls import reverse

from hoanhap.accounts.roles import ROLE_CAPABILITIES, Capability, Role, capabilities_of
from hoanhap.accounts.selectors import all_capabilities, capabilities_in, has_capability
from hoanhap.testing import card_on, make_resident, make_user, verified_client_for

pytestmark = pytest.mark.django_db

C = Capability
ALLOWED, DENIED = 200, 403

# role: (residents list, a resident's record, audit trail, users administration)
ACCESS = {
    Role.DIRECTOR: (ALLOWED, ALLOWED, DENIED, DENIED),
    Role.DEPUTY_DIRECTOR: (ALLOWED, ALLOWED, DENIED, DENIED),
    Role.RESIDENT_MANAGER: (ALLOWED, ALLOWED, DENIED, DENIED),
    Role.MEDICAL_STAFF: (ALLOWED, ALLOWED, DENIED, DENIED),
    Role.COUNSELLOR: (ALLOWED, ALLOWED, DENIED, DENIED),
    Role.EDUCATION_OFFICER: (ALLOWED, ALLOWED, DENIED, DENIED),
    Role.WORK_TEAM_LEADER: (ALLOWED, ALLOWED, DENIED, DENIED),
    Role.VISIT_OFFICER: (ALLOWED, ALLOWED, DENIED, DENIED),
    Role.PARTY_SECRETARY: (DENIED, DENIED, DENIED, DENIED),
    Role.PORTAL_EDITOR: (DENIED, DENIED, DENIED, DENIED),
    Role.AUDITOR: (DENIED, DENIED, ALLOWED, DENIED),
    Role.PROVINCE_VIEWER: (ALLOWED, ALLOWED, DENIED, DENIED),
    # Privacy by design: the administrator manages accounts and never reads a resident.
    Role.SYSTEM_ADMIN: (DENIED, DENIED, DENIED, ALLOWED),
}

# The residents list, page or API, in any role.
LIST_QUERIES = 15

# Roles that see ID numbers and criminal records (legal data, Law 91/2025/QH15).
SEES_LEGAL_DATA = {Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.RESIDENT_MANAGER}

# Everything that changes data; a read-only role holds none of these.
WRITING = frozenset(C) - {
    C.VIEW_RESIDENTS,
    C.VIEW_HEALTH_DATA,
    C.VIEW_LEGAL_DATA,
    C.VIEW_REPORTS,
    C.VIEW_AUDIT,
    C.OVERSEE_FACILITY,
}


def test_the_table_covers_every_role():
    assert set(ACCESS) == set(Role)
    assert set(ROLE_CAPABILITIES) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_exactly_the_pages_the_table_allows(role, facility, django_assert_max_num_queries):
    residents_page, resident_record, audit_page, users_admin = ACCESS[role]
    resident = make_resident(facility)
    client = verified_client_for(make_user(role, facility))

    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(reverse("residents:list")).status_code == residents_page
    assert client.get(reverse("residents:detail", args=[resident.pk])).status_code == resident_record
    assert client.get(reverse("audit:search")).status_code == audit_page
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == users_admin


@pytest.mark.parametrize("role", list(Role))
def test_the_api_answers_each_role_as_the_pages_do(role, facility, django_assert_max_num_queries):
    residents_page, resident_record, _audit, _users = ACCESS[role]
    resident = make_resident(facility)
    client = verified_client_for(make_user(role, facility))

    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get("/api/residents").status_code == residents_page
    assert client.get(f"/api/residents/{resident.pk}").status_code == resident_record


@pytest.mark.parametrize("role", [role for role in Role if ACCESS[role][1] == ALLOWED])
def test_only_some_roles_see_legal_data_on_the_page_and_in_the_api(role, facility):
    resident = make_resident(facility, citizen_id="001090012345")
    client = verified_client_for(make_user(role, facility))

    page = client.get(reverse("residents:detail", args=[resident.pk]))
    api = client.get(f"/api/residents/{resident.pk}").json()

    if role in SEES_LEGAL_DATA:
        assert "001090012345" in page.content.decode()
        assert api["citizen_id"] == "001090012345"
    else:
        assert "001090012345" not in page.content.decode()
        assert api["citizen_id"] is None


def test_the_system_administrator_sees_no_resident_anywhere(system_admin, facility):
    resident = make_resident(facility, full_name="Trần Thị Mai")
    client = verified_client_for(system_admin)

    home = client.get(reverse("shell:home"))
    assert card_on(home, "residents.census") is None
    assert "Trần Thị Mai" not in home.content.decode()
    admin_index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/residents/" not in admin_index
    assert "/admin/audit/" not in admin_index
    assert client.get("/admin/residents/resident/").status_code == 404
    assert client.get("/admin/audit/auditentry/").status_code == 404
    assert client.get(f"/api/residents/{resident.pk}").status_code == DENIED


def test_the_province_viewer_reads_residents_of_both_facilities(
    province_viewer, facility, other_facility, django_assert_max_num_queries
):
    here = make_resident(facility, full_name="Lê Văn An")
    there = make_resident(other_facility, full_name="Phạm Văn Bình")
    client = verified_client_for(province_viewer)

    with django_assert_max_num_queries(LIST_QUERIES):
        listed = client.get(reverse("residents:list")).content.decode()
    assert "Lê Văn An" in listed
    assert "Phạm Văn Bình" in listed
    assert client.get(reverse("residents:detail", args=[here.pk])).status_code == 200
    assert client.get(reverse("residents:detail", args=[there.pk])).status_code == 200
    assert {r["id"] for r in client.get("/api/residents").json()["items"]} == {here.pk, there.pk}


def test_the_province_viewer_changes_nothing_in_either_facility(province_viewer, facility, other_facility):
    assert not all_capabilities(province_viewer) & WRITING
    for facility_id in (facility.pk, other_facility.pk):
        assert capabilities_in(province_viewer, facility_id) == {C.VIEW_RESIDENTS, C.VIEW_REPORTS}
    client = verified_client_for(province_viewer)
    assert client.get(reverse("admin:index")).status_code == DENIED


def test_the_province_viewer_reads_no_legal_data(province_viewer, facility):
    resident = make_resident(facility, citizen_id="001090012345")
    api = verified_client_for(province_viewer).get(f"/api/residents/{resident.pk}").json()
    assert api["citizen_id"] is None


def test_read_only_roles_hold_no_writing_capability():
    for role in (Role.PROVINCE_VIEWER, Role.AUDITOR):
        assert not capabilities_of(role) & WRITING


def test_a_capability_holds_only_in_the_facility_where_the_role_is_held(facility, other_facility):
    """A counsellor here and a director there sees legal data there, not here."""
    user = make_user(Role.COUNSELLOR, facility)
    user.memberships.create(facility=other_facility, role=Role.DIRECTOR)

    assert has_capability(user, C.VIEW_LEGAL_DATA, other_facility.pk)
    assert not has_capability(user, C.VIEW_LEGAL_DATA, facility.pk)

    here = make_resident(facility, citizen_id="001090011111")
    there = make_resident(other_facility, citizen_id="001090022222")
    client = verified_client_for(user)
    assert client.get(f"/api/residents/{here.pk}").json()["citizen_id"] is None
    assert client.get(f"/api/residents/{there.pk}").json()["citizen_id"] == "001090022222"


def test_an_ended_membership_gives_no_access(director, facility):
    resident = make_resident(facility)
    director.memberships.update(is_active=False)
    client = verified_client_for(director)
    assert client.get(reverse("residents:list")).status_code == DENIED
    assert client.get(reverse("residents:detail", args=[resident.pk])).status_code == DENIED


def test_a_closed_facility_gives_its_staff_no_access(director, facility):
    resident = make_resident(facility)
    facility.is_active = False
    facility.save()
    client = verified_client_for(director)
    assert client.get(reverse("residents:detail", args=[resident.pk])).status_code == DENIED


def test_a_deactivated_user_cannot_use_an_open_session(director):
    client = verified_client_for(director)
    director.is_active = False
    director.save()
    response = client.get(reverse("shell:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
