"""Who is at the facility, as the other modules ask before they record a resident in a class, a
work log, a visit or an issue of supplies."""

import pytest

from hoanhap.residents.models import Episode
from hoanhap.residents.selectors import is_present, open_episode_of, open_episodes
from hoanhap.testing import make_episode, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def episodes(facility, other_facility):  # type: ignore[no-untyped-def]
    statuses = list(Episode.Status.values)
    made = {status: make_episode(make_resident(facility, f"Học Viên {status}"), status=status) for status in statuses}
    make_episode(make_resident(other_facility, "Người Khác"))
    return made


def test_present_means_in_rehab_here_now_not_on_leave_absconded_in_hospital_or_suspended(facility, episodes):
    present = set(open_episodes([facility.pk], present_only=True))
    assert present == {episodes[Episode.Status.ACTIVE]}
    assert [is_present(episode) for episode in present] == [True]
    assert not is_present(episodes[Episode.Status.ON_LEAVE])


def test_in_rehab_here_is_every_open_episode_of_the_facility_and_no_other(facility, episodes):
    open_here = set(open_episodes([facility.pk]))
    assert open_here == {episode for status, episode in episodes.items() if status != Episode.Status.CLOSED}


def test_a_residents_open_episode_is_found_only_at_the_facility_that_holds_it(facility, other_facility, episodes):
    on_leave = episodes[Episode.Status.ON_LEAVE]
    assert open_episode_of(on_leave.resident_id, facility.pk) == on_leave
    assert open_episode_of(on_leave.resident_id, other_facility.pk) is None
    assert open_episode_of(episodes[Episode.Status.CLOSED].resident_id, facility.pk) is None
