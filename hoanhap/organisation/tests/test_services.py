"""The organisation's services: postings (rotations), restructuring, leaving, accounts, holidays."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from hoanhap.accounts.roles import Role
from hoanhap.core.errors import DomainError
from hoanhap.core.models import Department, Holiday
from hoanhap.organisation import selectors, services
from hoanhap.organisation.models import Rotation
from hoanhap.testing import make_user

from .conftest import post, staff

pytestmark = pytest.mark.django_db


def test_a_rotation_ends_the_current_posting_the_day_before(director, departments, positions, facility) -> None:  # type: ignore[no-untyped-def]
    member = staff(facility, "Nguyễn Văn An")
    first = post(member, departments["Phòng Y tế"], positions["Viên chức"])
    services.post_staff_member(
        actor=director,
        staff_member=member,
        department=departments["Phòng Quản lý"],
        position=positions["Trưởng phòng"],
        starts_on=date(2025, 5, 1),
        decision_number="12/QĐ",
    )
    first.refresh_from_db()
    assert first.ends_on == date(2025, 4, 30)
    assert [(p.department.name, p.ends_on) for p in selectors.history_of(member)] == [
        ("Phòng Quản lý", None),
        ("Phòng Y tế", date(2025, 4, 30)),
    ]


@pytest.mark.parametrize(("starts_on", "refused"), [(date(2020, 1, 1), True), (date(2020, 1, 2), False)])
def test_a_rotation_must_start_after_the_current_posting(
    director, departments, positions, facility, starts_on, refused
) -> None:  # type: ignore[no-untyped-def]
    member = staff(facility, "Nguyễn Văn An", hired_on=date(2019, 1, 1))
    post(member, departments["Phòng Y tế"], positions["Viên chức"])

    def rotate() -> None:
        services.post_staff_member(
            actor=director,
            staff_member=member,
            department=departments["Phòng Quản lý"],
            position=positions["Viên chức"],
            starts_on=starts_on,
        )

    if refused:
        with pytest.raises(DomainError) as refusal:
            rotate()
        assert refusal.value.code == "before_current"
        assert Rotation.objects.filter(staff_member=member).count() == 1
    else:
        rotate()
        assert Rotation.objects.filter(staff_member=member).count() == 2


def test_a_gap_after_an_ended_posting_is_refused_unless_intended(director, departments, positions, facility) -> None:  # type: ignore[no-untyped-def]
    member = staff(facility, "Lê Thị Bình")
    post(member, departments["Phòng Y tế"], positions["Viên chức"], ends_on=date(2024, 12, 31))
    kwargs = {
        "actor": director,
        "staff_member": member,
        "department": departments["Phòng Quản lý"],
        "position": positions["Viên chức"],
        "starts_on": date(2025, 2, 1),
    }
    with pytest.raises(DomainError) as refused:
        services.post_staff_member(**kwargs)
    assert refused.value.code == "gap"
    assert "31/12/2024" in str(refused.value)
    services.post_staff_member(**kwargs, gap_intended=True)
    assert Rotation.objects.filter(staff_member=member).count() == 2


def test_a_posting_overlapping_an_ended_one_is_refused(director, departments, positions, facility) -> None:  # type: ignore[no-untyped-def]
    member = staff(facility, "Lê Thị Bình")
    post(member, departments["Phòng Y tế"], positions["Viên chức"], ends_on=date(2024, 12, 31))
    with pytest.raises(DomainError) as refused:
        services.post_staff_member(
            actor=director,
            staff_member=member,
            department=departments["Phòng Quản lý"],
            position=positions["Viên chức"],
            starts_on=date(2024, 12, 31),
        )
    assert refused.value.code == "overlap"


def test_a_posting_in_a_dissolved_department_is_refused(director, departments, positions, facility) -> None:  # type: ignore[no-untyped-def]
    member = staff(facility, "Lê Thị Bình")
    services.dissolve_department(actor=director, department=departments["Đội Bảo vệ"], on=date(2025, 3, 1))
    with pytest.raises(DomainError) as refused:
        services.post_staff_member(
            actor=director,
            staff_member=member,
            department=departments["Đội Bảo vệ"],
            position=positions["Viên chức"],
            starts_on=date(2025, 3, 1),
        )
    assert refused.value.code == "department_not_in_force"


def test_only_the_staff_manager_posts(doctor, departments, positions, facility) -> None:  # type: ignore[no-untyped-def]
    member = staff(facility, "Lê Thị Bình")
    with pytest.raises(PermissionDenied):
        services.post_staff_member(
            actor=doctor,
            staff_member=member,
            department=departments["Phòng Y tế"],
            position=positions["Viên chức"],
            starts_on=date(2025, 3, 1),
        )


def test_restructuring_keeps_who_was_where_before_and_after(director, departments, positions, facility) -> None:  # type: ignore[no-untyped-def]
    guard = staff(facility, "Phạm Văn Cường")
    worker = staff(facility, "Hoàng Thị Dung")
    nurse = staff(facility, "Vũ Văn Em")
    post(guard, departments["Đội Bảo vệ"], positions["Trưởng phòng"])
    post(worker, departments["Đội Lao động"], positions["Viên chức"])
    post(nurse, departments["Phòng Y tế"], positions["Viên chức"])
    day = date(2025, 3, 1)
    created = services.restructure(
        actor=director,
        facility=facility,
        on=day,
        dissolve=[departments["Đội Bảo vệ"], departments["Đội Lao động"]],
        found=[services.NewDepartment("Đội Lao động và Bảo vệ")],
        moves={
            departments["Đội Bảo vệ"].pk: "Đội Lao động và Bảo vệ",
            departments["Đội Lao động"].pk: "đội lao động và bảo vệ",
        },
    )
    assert [d.name for d in created] == ["Đội Lao động và Bảo vệ"]

    def where(on: date) -> dict[str, list[str]]:
        return {
            row.department.name: [p.staff_member.full_name for p in row.postings]
            for row in selectors.structure_on(director, on)
        }

    before = where(date(2025, 2, 28))
    after = where(day)
    assert len(before) == 5 and len(after) == 4
    assert before["Đội Bảo vệ"] == ["Phạm Văn Cường"] and before["Đội Lao động"] == ["Hoàng Thị Dung"]
    assert after["Đội Lao động và Bảo vệ"] == ["Phạm Văn Cường", "Hoàng Thị Dung"]  # by position, then name
    assert after["Phòng Y tế"] == before["Phòng Y tế"] == ["Vũ Văn Em"]
    moved = Rotation.objects.get(staff_member=guard, starts_on=day)
    assert moved.position == positions["Trưởng phòng"]


def test_restructuring_without_a_target_for_serving_staff_changes_nothing(
    director, departments, positions, facility
) -> None:  # type: ignore[no-untyped-def]
    guard = staff(facility, "Phạm Văn Cường")
    post(guard, departments["Đội Bảo vệ"], positions["Viên chức"])
    with pytest.raises(DomainError) as refused:
        services.restructure(
            actor=director,
            facility=facility,
            on=date(2025, 3, 1),
            dissolve=[departments["Đội Bảo vệ"]],
            found=[services.NewDepartment("Đội mới")],
            moves={},
        )
    assert refused.value.code == "target_missing"
    departments["Đội Bảo vệ"].refresh_from_db()
    assert departments["Đội Bảo vệ"].dissolved_on is None
    assert Rotation.objects.get(staff_member=guard).ends_on is None
    assert not Department.objects.filter(name="Đội mới").exists()


def test_a_department_with_staff_serving_is_dissolved_only_by_restructuring(
    director, departments, positions, facility
) -> None:  # type: ignore[no-untyped-def]
    post(staff(facility, "Phạm Văn Cường"), departments["Đội Bảo vệ"], positions["Viên chức"])
    with pytest.raises(DomainError) as refused:
        services.dissolve_department(actor=director, department=departments["Đội Bảo vệ"], on=date(2025, 3, 1))
    assert refused.value.code == "staff_serving"


@pytest.mark.parametrize(("on", "refused"), [(date(2020, 1, 1), True), (date(2020, 1, 2), False)])
def test_a_department_is_dissolved_only_after_its_founding(director, departments, on, refused) -> None:  # type: ignore[no-untyped-def]
    if refused:
        with pytest.raises(DomainError):
            services.dissolve_department(actor=director, department=departments["Đội Bảo vệ"], on=on)
    else:
        services.dissolve_department(actor=director, department=departments["Đội Bảo vệ"], on=on)


def test_leaving_ends_the_current_posting(director, departments, positions, facility) -> None:  # type: ignore[no-untyped-def]
    member = staff(facility, "Nguyễn Văn An")
    posting = post(member, departments["Phòng Y tế"], positions["Viên chức"])
    services.record_leaving(actor=director, staff_member=member, left_on=date(2025, 6, 30))
    posting.refresh_from_db()
    assert posting.ends_on == date(2025, 6, 30)
    with pytest.raises(DomainError):
        services.record_leaving(actor=director, staff_member=member, left_on=date(2025, 7, 1))


def test_an_account_is_linked_once_and_only_within_its_facility(director, facility, other_facility) -> None:  # type: ignore[no-untyped-def]
    first, second = staff(facility, "Nguyễn Văn An"), staff(facility, "Lê Thị Bình")
    account = make_user(Role.MEDICAL_STAFF, facility, username="nurse")
    stranger = make_user(Role.MEDICAL_STAFF, other_facility, username="stranger")
    services.link_account(actor=director, staff_member=first, user=account)
    with pytest.raises(DomainError) as taken:
        services.link_account(actor=director, staff_member=second, user=account)
    assert taken.value.code == "account_taken"
    with pytest.raises(DomainError) as elsewhere:
        services.link_account(actor=director, staff_member=second, user=stranger)
    assert elsewhere.value.code == "account_elsewhere"


def test_the_staff_manager_keeps_the_facility_days_off_and_the_administrator_the_national_ones(
    director, system_admin, facility
) -> None:  # type: ignore[no-untyped-def]
    own = services.add_holiday(
        actor=director, facility=facility, day=date(2026, 3, 20), name="Ngày truyền thống", kind="public_holiday"
    )
    assert own.kind == Holiday.Kind.FACILITY
    with pytest.raises(PermissionDenied):
        services.add_holiday(actor=director, facility=None, day=date(2026, 3, 21), name="X", kind="public_holiday")
    national = services.add_holiday(
        actor=system_admin, facility=None, day=date(2026, 11, 24), name="Ngày Văn hóa", kind="public_holiday"
    )
    with pytest.raises(DomainError) as taken:
        services.add_holiday(
            actor=system_admin, facility=None, day=date(2026, 11, 24), name="Again", kind="public_holiday"
        )
    assert taken.value.code == "day_taken"
    with pytest.raises(PermissionDenied):
        services.remove_holiday(actor=director, holiday=national)
    services.remove_holiday(actor=system_admin, holiday=national)


def test_the_national_days_off_of_2025_to_2027_are_installed() -> None:
    days = set(Holiday.objects.filter(facility__isnull=True).values_list("day", flat=True))
    assert {date(2025, 1, 29), date(2026, 2, 17), date(2026, 4, 27), date(2027, 9, 3)} <= days
