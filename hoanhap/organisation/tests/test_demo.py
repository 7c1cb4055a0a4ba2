"""The demo's organisation: some sixty staff at the main facility, the 2025 restructuring in the
history, no overlapping postings, the demo accounts linked."""

import itertools
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from hoanhap.core.models import Facility
from hoanhap.demo.generator import generate
from hoanhap.organisation import selectors
from hoanhap.organisation.models import Rotation, StaffMember

pytestmark = pytest.mark.django_db


def test_the_demo_staff_shows_the_2025_restructuring_and_links_the_accounts() -> None:
    generate(seed=3, residents=30, today=date(2026, 3, 2), daily_life=False)
    main = Facility.objects.order_by("pk")[0]
    assert 55 <= StaffMember.objects.filter(facility=main).count() <= 65
    director = get_user_model().objects.get(username="giamdoc")
    before = selectors.structure_on(director, date(2025, 2, 28), main.pk)
    after = selectors.structure_on(director, date(2025, 3, 1), main.pk)
    assert (len(before), len(after)) == (5, 4)
    assert sum(len(row.postings) for row in before) == sum(len(row.postings) for row in after)
    assert StaffMember.objects.get(user=director).full_name == director.full_name
    assert StaffMember.objects.filter(user__username__in=["quanly", "yte", "giaoduc"]).count() == 3
    for member in StaffMember.objects.filter(facility=main):
        spans = list(Rotation.objects.filter(staff_member=member).order_by("starts_on"))
        for earlier, later in itertools.pairwise(spans):
            assert earlier.ends_on is not None and earlier.ends_on < later.starts_on, member.full_name
