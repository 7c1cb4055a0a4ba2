"""The one door to a record: 403 without the capability, 404 for another facility's record as for
a missing one, the read logged."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from hoanhap.accounts.roles import Capability
from hoanhap.audit.access import object_for_request
from hoanhap.audit.models import AuditEntry
from hoanhap.residents.models import Episode
from hoanhap.testing import make_episode, make_resident

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return request


def test_a_director_gets_the_record_and_the_read_is_logged(director, facility):
    episode = make_episode(make_resident(facility))
    found = object_for_request(
        request_of(director), Episode.objects.all(), episode.pk, capability=Capability.VIEW_RESIDENTS
    )
    assert found == episode
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS)
    assert (entry.actor, entry.event, entry.via) == (director, "audit.record_viewed", "GET /somewhere/")


def test_another_facilitys_record_is_as_missing_as_one_that_does_not_exist(director_of_other_facility, facility):
    episode = make_episode(make_resident(facility))
    request = request_of(director_of_other_facility)
    for pk in (episode.pk, 999_999):
        with pytest.raises(Http404):
            object_for_request(request, Episode.objects.all(), pk, capability=Capability.VIEW_RESIDENTS)
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).exists()


def test_a_role_without_the_capability_is_refused_before_anything_is_read(auditor, facility):
    episode = make_episode(make_resident(facility))
    with pytest.raises(PermissionDenied):
        object_for_request(request_of(auditor), Episode.objects.all(), episode.pk, capability=Capability.VIEW_RESIDENTS)


def test_a_page_that_any_of_several_capabilities_opens_lets_in_each_and_only_them(
    director, team_leader, doctor, facility
):
    episode = make_episode(make_resident(facility))
    # The director oversees the facility; the team leader records work; the doctor does neither.
    any_of = frozenset({Capability.RECORD_WORK, Capability.OVERSEE_FACILITY})
    for reader in (director, team_leader):
        assert object_for_request(request_of(reader), Episode.objects.all(), episode.pk, capability=any_of) == episode
    with pytest.raises(PermissionDenied):
        object_for_request(request_of(doctor), Episode.objects.all(), episode.pk, capability=any_of)
