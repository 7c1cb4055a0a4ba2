"""Demo user administration: two newcomers whose roles the administrator ("quantri") proposed,
one waiting for the director's approval ("giamdoc" sees it on the home page), one refused."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from hoanhap.accounts.models import RoleGrant, User
from hoanhap.accounts.roles import Role
from hoanhap.core.collation import name_sort_key

from .daily_life import DemoWorld


def seed(world: DemoWorld) -> int:
    admin, director = world.staff.get("quantri"), world.staff.get("giamdoc")
    if admin is None or director is None or not world.facilities:
        return 0
    facility = world.facilities[0]
    people = [("tuvan.moi", "Đặng Thị Thu Hà"), ("yte.moi", "Vũ Minh Khôi")]
    users = User.objects.bulk_create(
        User(username=username, full_name=name, name_sort_key=name_sort_key(name), password=make_password(None))
        for username, name in people
    )
    now = timezone.now()
    grants = RoleGrant.objects.bulk_create(
        [
            RoleGrant(user=users[0], facility=facility, role=Role.COUNSELLOR, proposed_by=admin),
            RoleGrant(
                user=users[1],
                facility=facility,
                role=Role.MEDICAL_STAFF,
                proposed_by=admin,
                status=RoleGrant.Status.REFUSED,
                decided_by=director,
                decided_at=now - timedelta(days=2),
                reason="Chưa có quyết định tiếp nhận viên chức",
            ),
        ]
    )
    return len(users) + len(grants)
