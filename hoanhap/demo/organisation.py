"""The organisation in the demo: positions, some sixty staff members at the main facility (fifteen
at the others) posted in the departments the generator built, their qualifications, rotations
between departments, a few who left, and the restructuring of 01/03/2025 — when the Ministry of
Public Security took the centres over (DOMAIN.md "Who runs a centre") — that turned five
departments into four, so the structure page shows the history on either side of it. The demo
accounts (giamdoc, quanly, yte, …) are linked to their staff members. Synthetic, like the rest."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from hoanhap.core.models import Department, Facility
from hoanhap.organisation.models import Position, Qualification, Rotation, StaffMember

from . import names

RESTRUCTURED_ON = date(2025, 3, 1)
POSITIONS = ("Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Viên chức", "Nhân viên")
# The departments the restructuring founds, and where each dissolved department's staff go.
FOUNDED = (
    ("Đội Quản lý, Giáo dục học viên", Department.Kind.RESIDENT_MANAGEMENT),
    ("Đội Lao động, Dạy nghề và Bảo vệ", Department.Kind.LABOUR_VOCATION),
)
MOVES: dict[str, str] = {
    Department.Kind.RESIDENT_MANAGEMENT: "Đội Quản lý, Giáo dục học viên",
    Department.Kind.LABOUR_VOCATION: "Đội Lao động, Dạy nghề và Bảo vệ",
    Department.Kind.SECURITY: "Đội Lao động, Dạy nghề và Bảo vệ",
}
# Staff per department kind at the main facility (the others have a quarter).
SIZES: dict[str, int] = {
    Department.Kind.ADMINISTRATION: 10,
    Department.Kind.RESIDENT_MANAGEMENT: 18,
    Department.Kind.MEDICAL: 10,
    Department.Kind.LABOUR_VOCATION: 12,
    Department.Kind.SECURITY: 10,
}
# The demo accounts of the main facility and the department kind and rank they hold.
ACCOUNTS: dict[str, tuple[str, int]] = {
    "giamdoc": (Department.Kind.ADMINISTRATION, 0),
    "phogiamdoc": (Department.Kind.ADMINISTRATION, 1),
    "quanly": (Department.Kind.RESIDENT_MANAGEMENT, 0),
    "yte": (Department.Kind.MEDICAL, 0),
    "tuvan": (Department.Kind.RESIDENT_MANAGEMENT, 2),
    "giaoduc": (Department.Kind.RESIDENT_MANAGEMENT, 3),
    "todoi": (Department.Kind.LABOUR_VOCATION, 0),
    "thamgap": (Department.Kind.SECURITY, 2),
    "bithu": (Department.Kind.ADMINISTRATION, 2),
    "bientap": (Department.Kind.ADMINISTRATION, 3),
    "kiemtoan": (Department.Kind.ADMINISTRATION, 4),
}
DEGREES: dict[str, tuple[tuple[str, str], ...]] = {
    Department.Kind.MEDICAL: (("Bác sĩ", "Đa khoa"), ("Y sĩ", "Y học cổ truyền"), ("Cao đẳng", "Điều dưỡng")),
    Department.Kind.RESIDENT_MANAGEMENT: (
        ("Cử nhân", "Công tác xã hội"),
        ("Cử nhân", "Tâm lý học"),
        ("Cử nhân", "Giáo dục học"),
    ),
    Department.Kind.ADMINISTRATION: (("Cử nhân", "Luật"), ("Cử nhân", "Kế toán"), ("Thạc sĩ", "Quản lý công")),
}
OTHER_DEGREES = (
    ("Trung cấp", "Nghiệp vụ bảo vệ"),
    ("Cao đẳng", "Kỹ thuật nông nghiệp"),
    ("Trung cấp", "Điện dân dụng"),
)
SCHOOLS = (
    "Trường Đại học Y Hà Nội",
    "Trường Đại học Luật Hà Nội",
    "Học viện Hành chính Quốc gia",
    "Trường Cao đẳng Lào Cai",
)


def _day_between(rng: Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(max(1, (end - start).days)))


def seed(world: Any) -> int:
    """Every facility's staff; returns how many rows were written."""
    rows = 0
    for number, facility in enumerate(world.facilities, start=1):
        rows += _seed_facility(Random(world.rng.getrandbits(64)), facility, world, main=number == 1, number=number)
    return rows


def _seed_facility(rng: Random, facility: Facility, world: Any, *, main: bool, number: int) -> int:
    today: date = world.today
    positions = Position.objects.bulk_create(
        [Position(facility=facility, name=name, order=order) for order, name in enumerate(POSITIONS)]
    )
    by_name = {p.name: p for p in positions}
    old = list(Department.objects.filter(facility=facility).order_by("order"))
    restructure = today > RESTRUCTURED_ON
    new: dict[str, Department] = {}
    if restructure:
        new = {
            d.name: d
            for d in Department.objects.bulk_create(
                [
                    Department(facility=facility, name=name, kind=kind, order=10 + n, established_on=RESTRUCTURED_ON)
                    for n, (name, kind) in enumerate(FOUNDED)
                ]
            )
        }
        Department.objects.filter(pk__in=[d.pk for d in old if d.kind in MOVES]).update(dissolved_on=RESTRUCTURED_ON)
    staff: list[StaffMember] = []
    postings: list[tuple[StaffMember, list[tuple[Department, Position, date, date | None, str]]]] = []
    qualifications: list[tuple[StaffMember, Qualification]] = []
    ranks: dict[tuple[str, int], StaffMember] = {}
    for department in old:
        size = SIZES.get(department.kind, 6) if main else max(2, SIZES.get(department.kind, 6) // 4)
        for rank in range(size):
            sex = (
                names.FEMALE
                if rng.random() < (0.6 if department.kind == Department.Kind.MEDICAL else 0.3)
                else names.MALE
            )
            hired_on = _day_between(rng, date(2006, 1, 1), min(today, date(2024, 6, 30)))
            leaves = rank > 4 and rng.random() < 0.08
            left_on = (
                _day_between(rng, hired_on + timedelta(days=200), min(today, RESTRUCTURED_ON) - timedelta(days=1))
                if leaves
                else None
            )
            member = StaffMember(
                facility=facility,
                full_name=names.full_name(rng, sex=sex),
                sex=StaffMember.Sex.FEMALE if sex == names.FEMALE else StaffMember.Sex.MALE,
                date_of_birth=hired_on - timedelta(days=365 * rng.randint(22, 35) + rng.randrange(365)),
                phone=f"09{rng.randrange(10**8):08d}",
                hired_on=hired_on,
                left_on=left_on,
            )
            ranks[(department.kind, rank)] = member
            if department.kind == Department.Kind.ADMINISTRATION and rank < 2:
                position = by_name["Giám đốc" if rank == 0 else "Phó Giám đốc"]
            elif rank < 2:
                position = by_name["Trưởng phòng" if rank == 0 else "Phó Trưởng phòng"]
            else:
                position = by_name["Viên chức" if rng.random() < 0.7 else "Nhân viên"]
            spans: list[tuple[Department, Position, date, date | None, str]] = []
            start = hired_on
            # One in five came from another department: a rotation with its decision.
            others = [d for d in old if d.pk != department.pk]
            if rng.random() < 0.2 and (min(left_on or today, RESTRUCTURED_ON) - start).days > 400:
                moved_on = _day_between(rng, start + timedelta(days=180), min(left_on or today, RESTRUCTURED_ON))
                spans.append((rng.choice(others), by_name["Viên chức"], start, moved_on - timedelta(days=1), ""))
                start = moved_on
            decision = f"{rng.randint(1, 300)}/QĐ-CSCN"
            if restructure and department.kind in MOVES and (left_on is None or left_on >= RESTRUCTURED_ON):
                spans.append((department, position, start, RESTRUCTURED_ON - timedelta(days=1), decision))
                spans.append(
                    (new[MOVES[department.kind]], position, RESTRUCTURED_ON, None, "Sắp xếp lại tổ chức 01/03/2025")
                )
            else:
                spans.append((department, position, start, left_on, decision))
            if left_on is not None:
                spans = [s for s in spans if s[2] <= left_on]
                last = spans[-1]
                spans[-1] = (last[0], last[1], last[2], left_on, last[4])
            member.build_search_text()
            staff.append(member)
            postings.append((member, spans))
            level, field = rng.choice(DEGREES.get(department.kind, OTHER_DEGREES))
            year = hired_on.year - rng.randint(0, 3)
            qualifications.append(
                (
                    member,
                    Qualification(
                        facility=facility, level=level, field=field, institution=rng.choice(SCHOOLS), year=year
                    ),
                )
            )
            if rng.random() < 0.25:
                qualifications.append(
                    (
                        member,
                        Qualification(
                            facility=facility,
                            level="Chứng chỉ",
                            field="Tư vấn điều trị nghiện",
                            year=min(today.year, year + 5),
                        ),
                    )
                )
    # The demo accounts are these staff members (same name).
    accounts = ACCOUNTS if main else {f"giamdoc{number}": (Department.Kind.ADMINISTRATION, 0)}
    for username, key in accounts.items():
        user = world.staff.get(username)
        linked = ranks.get(key)
        if user is not None and linked is not None:
            linked.user = user
            linked.full_name = user.full_name
            linked.build_search_text()
    StaffMember.objects.bulk_create(staff)
    for member, quali in qualifications:
        quali.staff_member = member
    Qualification.objects.bulk_create([q for _m, q in qualifications])
    rotations = [
        Rotation(
            facility=facility, staff_member=member, department=d, position=p, starts_on=s, ends_on=e, decision_number=n
        )
        if not n.startswith("Sắp xếp")
        else Rotation(facility=facility, staff_member=member, department=d, position=p, starts_on=s, ends_on=e, note=n)
        for member, spans in postings
        for d, p, s, e, n in spans
    ]
    Rotation.objects.bulk_create(rotations)
    return len(positions) + len(new) + len(staff) + len(qualifications) + len(rotations)
