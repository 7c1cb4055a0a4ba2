"""A user of several facilities (the province viewer) looks at one facility or at all of theirs:
the home page's figures follow the choice, and "All my facilities" is a choice of its own."""

import pytest
from django.urls import reverse

from hoanhap.testing import card_on, client_for, make_episode, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_here_one_there(facility, other_facility):  # type: ignore[no-untyped-def]
    for _ in range(2):
        make_episode(make_resident(facility))
    make_episode(make_resident(other_facility))


def in_rehab(client) -> int:  # type: ignore[no-untyped-def]
    census = card_on(client.get(reverse("shell:home")), "residents.census")
    assert census is not None
    return census["in_rehab"]


def switch(client, value) -> None:  # type: ignore[no-untyped-def]
    assert client.post(reverse("shell:switch-facility"), {"facility": value}).status_code == 302


def test_before_choosing_the_province_viewer_sees_all_facilities_summed(province_viewer, two_here_one_there):
    client = client_for(province_viewer)
    assert in_rehab(client) == 3
    assert 'value="all" selected' in client.get(reverse("shell:home")).content.decode()


def test_the_figures_follow_the_chosen_facility(province_viewer, facility, other_facility, two_here_one_there):
    client = client_for(province_viewer)
    switch(client, other_facility.pk)
    assert in_rehab(client) == 1
    switch(client, facility.pk)
    assert in_rehab(client) == 2


def test_all_my_facilities_is_an_explicit_choice(province_viewer, other_facility, two_here_one_there):
    client = client_for(province_viewer)
    switch(client, other_facility.pk)
    switch(client, "all")
    assert in_rehab(client) == 3
    page = client.get(reverse("shell:home")).content.decode()
    assert 'value="all" selected' in page


def test_a_user_of_one_facility_sees_no_selector_and_their_figures(director, two_here_one_there):
    client = client_for(director)
    assert in_rehab(client) == 2
    assert 'id="facility-switch"' not in client.get(reverse("shell:home")).content.decode()


def test_the_lists_and_the_export_follow_the_chosen_facility(province_viewer, facility, other_facility):
    import io

    import openpyxl

    from hoanhap.testing import streamed

    make_episode(make_resident(facility, "Nguyễn Văn Ở Đây", record_number="LC-1"))
    make_episode(make_resident(other_facility, "Lò Văn Ở Kia", record_number="YB-1"))
    client = client_for(province_viewer)

    def listed() -> list[str]:
        return [resident.full_name for resident in client.get(reverse("residents:list")).context["page"]]

    def exported() -> list[str]:
        sheet = openpyxl.load_workbook(io.BytesIO(streamed(client.get(reverse("residents:export"))))).active
        names = [str(cell.value) for cell in sheet[1]]
        column = names.index("Họ và tên")
        return [str(row[column]) for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert sorted(listed()) == sorted(exported()) == ["Lò Văn Ở Kia", "Nguyễn Văn Ở Đây"]
    switch(client, other_facility.pk)
    assert listed() == exported() == ["Lò Văn Ở Kia"]
    switch(client, "all")
    assert len(listed()) == 2


def test_the_episode_lists_follow_the_chosen_facility(province_viewer, facility, other_facility):
    from hoanhap.residents.models import Episode

    for where in (facility, other_facility):
        make_episode(make_resident(where), status=Episode.Status.ABSCONDED)
    client = client_for(province_viewer)
    assert client.get(reverse("residents:absconded")).context["page"].paginator.count == 2
    switch(client, facility.pk)
    assert client.get(reverse("residents:absconded")).context["page"].paginator.count == 1
