"""The organisation's pages: who opens them, what they show, bad input, another facility's record."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from hoanhap.core.models import Holiday
from hoanhap.organisation.models import Rotation
from hoanhap.testing import client_for, verified_client_for

from .conftest import post, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew(facility, departments, positions):  # type: ignore[no-untyped-def]
    """Four staff: three serving (two in the medical department), one who has left."""
    people = {
        "Đặng Văn Yên": ("Phòng Y tế", "Trưởng phòng", None),
        "Nguyễn Thị Ánh": ("Phòng Y tế", "Viên chức", None),
        "Bùi Đức Bảo": ("Phòng Hành chính", "Nhân viên", None),
        "Lê Văn Cũ": ("Đội Bảo vệ", "Nhân viên", date(2024, 12, 31)),
    }
    made = {}
    for name, (department, position, left_on) in people.items():
        member = staff(facility, name, left_on=left_on)
        post(member, departments[department], positions[position], ends_on=left_on)
        made[name] = member
    return made


def names_on(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.full_name for row in response.context["listing"].page]


def test_the_staff_list_is_in_vietnamese_order_by_given_name(director, crew, today) -> None:  # type: ignore[no-untyped-def]
    response = client_for(director).get(reverse("organisation:staff-list"))
    assert response.status_code == 200
    assert names_on(response) == ["Nguyễn Thị Ánh", "Bùi Đức Bảo", "Lê Văn Cũ", "Đặng Văn Yên"]
    assert "4 rows match" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "anh"}, ["Nguyễn Thị Ánh"]),
        ({"q": "DANG VAN"}, ["Đặng Văn Yên"]),
        ({"status": "serving"}, ["Nguyễn Thị Ánh", "Bùi Đức Bảo", "Đặng Văn Yên"]),
        ({"status": "left"}, ["Lê Văn Cũ"]),
        ({"sort": "-name"}, ["Đặng Văn Yên", "Lê Văn Cũ", "Bùi Đức Bảo", "Nguyễn Thị Ánh"]),
    ],
)
def test_the_staff_list_filters_and_sorts(director, crew, today, query, expected) -> None:  # type: ignore[no-untyped-def]
    response = client_for(director).get(reverse("organisation:staff-list"), query)
    assert names_on(response) == expected


def test_the_staff_list_filters_by_department_and_position(director, crew, departments, positions, today) -> None:  # type: ignore[no-untyped-def]
    client = client_for(director)
    url = reverse("organisation:staff-list")
    by_department = client.get(url, {"department": departments["Phòng Y tế"].pk})
    assert names_on(by_department) == ["Nguyễn Thị Ánh", "Đặng Văn Yên"]
    by_both = client.get(url, {"department": departments["Phòng Y tế"].pk, "position": positions["Trưởng phòng"].pk})
    assert names_on(by_both) == ["Đặng Văn Yên"]


def test_the_staff_list_refuses_a_department_it_does_not_offer(director, crew, today) -> None:  # type: ignore[no-untyped-def]
    response = client_for(director).get(reverse("organisation:staff-list"), {"department": "999999"})
    assert response.status_code == 400


def test_the_staff_export_holds_what_the_list_shows(director, crew, today) -> None:  # type: ignore[no-untyped-def]
    response = client_for(director).get(reverse("organisation:staff-export"), {"status": "serving"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["Nguyễn Thị Ánh", "Bùi Đức Bảo", "Đặng Văn Yên"]
    assert rows[0][1] == "Phòng Y tế"


def test_the_staff_list_takes_constant_queries(
    director, crew, facility, departments, positions, today, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for n in range(20):
        post(staff(facility, f"Nguyễn Văn Số {n}"), departments["Phòng Quản lý"], positions["Viên chức"])
    client = client_for(director)
    client.get(reverse("organisation:staff-list"))
    with django_assert_max_num_queries(14):
        client.get(reverse("organisation:staff-list"))


@pytest.mark.parametrize(
    ("persona", "status"), [("director", 200), ("doctor", 403), ("team_leader", 403), ("auditor", 403)]
)
def test_only_the_leadership_opens_the_staff_pages(request, crew, persona, status) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona)
    member = crew["Bùi Đức Bảo"]
    client = client_for(user)
    assert client.get(reverse("organisation:staff-list")).status_code == status
    assert client.get(reverse("organisation:staff-detail", args=[member.pk])).status_code == status
    assert client.get(reverse("organisation:structure")).status_code == status


def test_another_facilitys_staff_member_is_not_found(director, other_facility_staff) -> None:  # type: ignore[no-untyped-def]
    client = client_for(director)
    assert client.get(reverse("organisation:staff-detail", args=[other_facility_staff.pk])).status_code == 404
    assert client.get(reverse("organisation:staff-post", args=[other_facility_staff.pk])).status_code == 404


def test_the_staff_page_shows_the_history(director, crew, departments, positions, today) -> None:  # type: ignore[no-untyped-def]
    member = crew["Bùi Đức Bảo"]
    client = client_for(director)
    response = client.post(
        reverse("organisation:staff-post", args=[member.pk]),
        {
            "department": departments["Phòng Quản lý"].pk,
            "position": positions["Viên chức"].pk,
            "starts_on": "01/02/2026",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("organisation:staff-detail", args=[member.pk])).content.decode()
    assert "Phòng Quản lý" in page and "Phòng Hành chính" in page and "31/01/2026" in page


def test_a_posting_with_a_bad_date_is_refused_beside_the_field(director, crew, departments, positions, today) -> None:  # type: ignore[no-untyped-def]
    member = crew["Bùi Đức Bảo"]
    url = reverse("organisation:staff-post", args=[member.pk])
    data = {"department": departments["Phòng Quản lý"].pk, "position": positions["Viên chức"].pk}
    client = client_for(director)
    assert client.post(url, {**data, "starts_on": "31/02/2026"}).status_code == 400
    refused = client.post(url, {**data, "starts_on": "01/01/2020"})
    assert refused.status_code == 400
    assert "the new one must start later" in refused.content.decode()
    assert Rotation.objects.filter(staff_member=member).count() == 1


def test_a_staff_member_is_added_and_refused_with_leaving_before_hiring(director, facility, today) -> None:  # type: ignore[no-untyped-def]
    client = client_for(director)
    url = reverse("organisation:staff-create")
    response = client.post(url, {"full_name": "Trịnh Văn Mới", "sex": "male", "hired_on": "01/03/2026"})
    assert response.status_code == 302
    assert client.post(url, {"full_name": "", "sex": "x", "hired_on": "hôm qua"}).status_code == 400


def test_the_structure_page_shows_a_day_before_and_after_a_restructuring(
    director, crew, departments, facility, today
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(director)
    data = {
        "on": "01/03/2025",
        f"dissolve_{departments['Phòng Hành chính'].pk}": "on",
        f"move_{departments['Phòng Hành chính'].pk}": "Văn phòng",
        "found": "Văn phòng",
    }
    assert client.post(reverse("organisation:restructure"), data).status_code == 302
    before = client.get(reverse("organisation:structure"), {"on": "28/02/2025"}).content.decode()
    after = client.get(reverse("organisation:structure"), {"on": "01/03/2025"}).content.decode()
    assert "Phòng Hành chính" in before and "Văn phòng" not in before
    assert "Văn phòng" in after and "Phòng Hành chính" not in after
    assert "Bùi Đức Bảo" in before and "Bùi Đức Bảo" in after


def test_a_restructuring_without_a_target_is_refused(director, crew, departments, today) -> None:  # type: ignore[no-untyped-def]
    data = {"on": "01/03/2025", f"dissolve_{departments['Phòng Hành chính'].pk}": "on"}
    response = client_for(director).post(reverse("organisation:restructure"), data)
    assert response.status_code == 400
    assert "Say which department the staff of Phòng Hành chính move to." in response.content.decode()


def test_the_holidays_page_lists_the_national_days_and_the_facilitys_own(director, facility, today) -> None:  # type: ignore[no-untyped-def]
    Holiday.objects.create(facility=facility, day=date(2026, 3, 20), name="Ngày truyền thống", kind="facility")
    response = client_for(director).get(reverse("organisation:holidays"), {"year": "2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tết Nguyên đán Bính Ngọ" in page and "Ngày truyền thống" in page
    assert "official notice" in page


@pytest.mark.parametrize("year", ["abc", "99999", "-1"])
def test_the_holidays_page_reads_a_bad_year_as_this_one(director, year, today) -> None:  # type: ignore[no-untyped-def]
    response = client_for(director).get(reverse("organisation:holidays"), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == 2026


def test_the_staff_manager_adds_a_facility_day_off_and_not_a_national_one(director, facility, today) -> None:  # type: ignore[no-untyped-def]
    client = client_for(director)
    url = reverse("organisation:holidays")
    assert client.post(url, {"day": "20/03/2026", "name": "Ngày truyền thống", "kind": "facility"}).status_code == 302
    assert Holiday.objects.filter(facility=facility, day=date(2026, 3, 20)).exists()
    assert client.post(url, {"day": "20/03/2026", "name": "Again", "kind": "facility"}).status_code == 400
    assert (
        client.post(url, {"day": "21/03/2026", "name": "X", "kind": "public_holiday", "national": "on"}).status_code
        == 403
    )


def test_the_administrator_removes_a_national_day_and_the_staff_manager_may_not(director, system_admin, today) -> None:  # type: ignore[no-untyped-def]
    national = Holiday.objects.get(facility__isnull=True, day=date(2026, 9, 1))
    url = reverse("organisation:holiday-remove", args=[national.pk])
    assert client_for(director).post(url).status_code == 403
    assert verified_client_for(system_admin).post(url).status_code == 302
    assert not Holiday.objects.filter(pk=national.pk).exists()


def test_another_facilitys_day_off_is_not_found(director, other_facility, today) -> None:  # type: ignore[no-untyped-def]
    theirs = Holiday.objects.create(facility=other_facility, day=date(2026, 3, 20), name="X", kind="facility")
    assert client_for(director).post(reverse("organisation:holiday-remove", args=[theirs.pk])).status_code == 404


def test_the_account_page_offers_free_accounts_and_links_one(director, crew, facility, today) -> None:  # type: ignore[no-untyped-def]
    from hoanhap.accounts.roles import Role
    from hoanhap.testing import make_user

    nurse = make_user(Role.MEDICAL_STAFF, facility, username="nurse")
    member = crew["Nguyễn Thị Ánh"]
    url = reverse("organisation:staff-account", args=[member.pk])
    client = client_for(director)
    assert "nurse" in client.get(url).content.decode()
    assert client.post(url, {"user": nurse.pk}).status_code == 302
    member.refresh_from_db()
    assert member.user == nurse
    assert "nurse" in client.get(url).content.decode()  # still offered: it is theirs
    assert client.post(url, {"user": "999999"}).status_code == 400
    page = client.get(reverse("organisation:staff-detail", args=[crew["Bùi Đức Bảo"].pk])).content.decode()
    assert "No account" in page


@pytest.mark.parametrize(
    "name", ["organisation:structure", "organisation:rotation-list", "organisation:department-list"]
)
def test_the_other_lists_take_constant_queries(
    director, crew, facility, departments, positions, name, today, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for n in range(20):
        post(
            staff(facility, f"Nguyễn Văn Số {n}"),
            departments["Phòng Quản lý"],
            positions["Viên chức"],
            date(2026, 1, 5),
        )
    client = client_for(director)
    assert client.get(reverse(name)).status_code == 200
    with django_assert_max_num_queries(14):
        client.get(reverse(name))


def test_a_period_of_postings_that_ends_before_it_starts_is_refused_beside_the_field(director, today) -> None:  # type: ignore[no-untyped-def]
    response = verified_client_for(director).get(
        reverse("organisation:rotation-list"), {"from_on": "31/12/2025", "to_on": "01/01/2025"}
    )
    assert response.status_code == 400 and "The end cannot be before the start." in response.content.decode()
