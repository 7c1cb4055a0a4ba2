import contextlib
from collections import Counter
from datetime import date
from io import StringIO
from random import Random

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import RequestFactory

from hoanhap.accounts.models import Membership, User
from hoanhap.accounts.roles import Role
from hoanhap.audit.models import AuditEntry
from hoanhap.core import registry
from hoanhap.core.models import Facility, Room, Zone
from hoanhap.demo import ids, names
from hoanhap.demo.generator import DEMO_PASSWORD, generate
from hoanhap.residents import terms
from hoanhap.residents.models import Episode, LegalEvent, Resident, StageChange, TimelineEvent
from hoanhap.residents.release import release_computation, stage_plan, stored_release_on
from hoanhap.residents.validators import check_citizen_id_matches, validate_citizen_id
from hoanhap.testing import make_facility

# After the rule change of 01/07/2026, so that two years of decisions meet both rule sets.
TODAY = date(2026, 11, 26)


def seed(number: int = 7, residents: int = 40) -> None:
    generate(seed=number, residents=residents, today=TODAY)


class _Undo(Exception):
    pass


def generated_people(number: int) -> list[tuple]:
    """The people a seed gives, read back from the database, then rolled back."""
    people: list[tuple] = []
    with contextlib.suppress(_Undo), transaction.atomic():
        seed(number)
        people.extend(
            Resident.objects.order_by("facility__code", "record_number").values_list(
                "facility__code", "record_number", "full_name", "date_of_birth", "citizen_id", "permanent_address"
            )
        )
        people.extend(
            Episode.objects.order_by("resident__citizen_id", "admitted_on").values_list(
                "resident__citizen_id", "kind", "admitted_on", "term_months", "stage", "status", "expected_release_on"
            )
        )
        raise _Undo
    return people


@pytest.mark.django_db
def test_demo_data_writes_no_audit_entries():
    # Bulk-inserted: nobody did these things, so there is nothing to audit.
    seed()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_people():
    first = generated_people(7)
    assert first
    assert generated_people(7) == first
    assert generated_people(8) != first


@pytest.mark.django_db
def test_citizen_ids_have_twelve_digits_and_agree_with_the_birth_and_sex():
    seed()
    # Circular 59/2021/TT-BCA: 0/1 a man/woman born in the 1900s, 2/3 in the 2000s.
    century_sex = {(19, "male"): "0", (19, "female"): "1", (20, "male"): "2", (20, "female"): "3"}
    residents = list(Resident.objects.all())
    for resident in residents:
        number, born = resident.citizen_id, resident.date_of_birth
        assert len(number) == 12 and number.isdigit()
        assert number[:3] in names.PROVINCE_CODES
        assert number[3] == century_sex[(born.year // 100, resident.sex)]
        assert number[4:6] == f"{born.year % 100:02d}"
        validate_citizen_id(number)
        check_citizen_id_matches(number, date_of_birth=born, sex=resident.sex)
    assert len({resident.citizen_id for resident in residents}) == len(residents)


@pytest.mark.django_db
def test_every_open_episode_has_a_term_valid_on_its_decision_date():
    seed()
    open_episodes = Episode.objects.exclude(status=Episode.Status.CLOSED).select_related("resident")
    rule_sets = set()
    for episode in open_episodes:
        decided_on = episode.decision_on if episode.is_compulsory else episode.requested_on
        assert decided_on is not None
        earlier = episode.resident.episodes.filter(admitted_on__lt=episode.clock_start_on, transferred_from=None)
        assert episode.prior_compulsory_count == earlier.exclude(kind=terms.EpisodeKind.VOLUNTARY).count()
        terms.validate_term(
            kind=terms.EpisodeKind(episode.kind),
            term_months=episode.term_months,
            decided_on=decided_on,
            prior_compulsory_count=episode.prior_compulsory_count,
        )
        rule_sets.add(terms.rule_set_on(decided_on).effective_from)
    assert rule_sets == {terms.RULES_2022.effective_from, terms.RULES_2026.effective_from}


@pytest.mark.django_db
def test_release_dates_are_those_the_events_give():
    seed(residents=120)
    episodes = Episode.objects.prefetch_related("legal_events")
    for episode in episodes.exclude(status=Episode.Status.CLOSED):
        assert episode.expected_release_on == stored_release_on(episode, today=TODAY)
    for episode in episodes.filter(outcome=Episode.Outcome.COMPLETED):
        assert episode.closed_on is not None
        assert episode.closed_on == release_computation(episode, today=episode.closed_on).expected_on
        assert terms.may_finish_after(
            terms.EpisodeKind(episode.kind),
            terms.Stage(episode.stage),
            rule_set=terms.rule_set_on(episode.closed_on),
        )
    assert episodes.filter(status=Episode.Status.ABSCONDED, expected_release_on=None).exists()


@pytest.mark.django_db
def test_minors_live_in_the_minors_zone_and_women_in_the_womens_zone():
    seed()
    episodes = Episode.objects.select_related("resident", "zone")
    for episode in episodes:
        assert episode.zone is not None and episode.room is not None
        if episode.kind == terms.EpisodeKind.COMPULSORY_MINOR:
            assert episode.zone.kind == Zone.Kind.MINORS
        elif episode.resident.sex == "female":
            assert episode.zone.kind == Zone.Kind.WOMEN
        else:
            assert episode.zone.kind not in (Zone.Kind.MINORS, Zone.Kind.WOMEN)
        assert episode.room.zone_id == episode.zone_id
    assert episodes.filter(kind=terms.EpisodeKind.COMPULSORY_MINOR).exists()
    assert episodes.filter(resident__sex="female").exists()


@pytest.mark.django_db
def test_no_room_holds_more_people_than_its_beds():
    seed(residents=120)
    in_rehab = Count("id", filter=~Q(status=Episode.Status.CLOSED))
    occupancy = Episode.objects.values("room").annotate(n=in_rehab)
    capacity = dict(Room.objects.values_list("pk", "capacity"))
    assert all(row["n"] <= capacity[row["room"]] for row in occupancy)


@pytest.mark.django_db
def test_every_admission_stage_change_and_closing_is_on_the_timeline():
    seed()
    journal = Counter(TimelineEvent.objects.values_list("episode_id", "kind"))
    for episode in Episode.objects.all():
        arrival = "residents.transfer_in" if episode.transferred_from_id else "residents.admitted"
        assert journal[episode.pk, arrival] == 1
        stage_changes = StageChange.objects.filter(episode=episode).count()
        assert journal[episode.pk, "residents.stage_changed"] == stage_changes
        if episode.status == Episode.Status.CLOSED:
            closing = {
                "residents.completion",
                "residents.exemption",
                "residents.death",
                "residents.discharge",
                "residents.transfer_out",
            }
            assert sum(journal[episode.pk, kind] for kind in closing) == 1
    # Every kind written is registered: the residents' own and the other modules' (daily life).
    assert set(TimelineEvent.objects.values_list("kind", flat=True)) <= set(registry.timeline_kinds.keys())
    assert LegalEvent.objects.filter(kind=LegalEvent.Kind.RETURN, period__isnull=True).count() == 0


@pytest.mark.django_db
def test_search_text_is_the_one_the_resident_builds():
    seed()
    for resident in Resident.objects.all():
        stored = resident.search_text
        assert resident.build_search_text() == stored


@pytest.mark.django_db
def test_there_is_a_demo_user_for_every_role():
    seed()
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    province = User.objects.get(username="tinh")
    assert set(province.memberships.values_list("facility__code", flat=True)) == set(
        Facility.objects.values_list("code", flat=True)
    )


@pytest.mark.django_db
def test_the_demo_password_signs_in():
    seed()
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="giamdoc", password=DEMO_PASSWORD) == User.objects.get(username="giamdoc")
    assert authenticate(request, username="giamdoc", password="wrong-password-1") is None


@pytest.mark.django_db
def test_seed_demo_if_empty_seeds_once_and_prints_the_logins():
    first, second = StringIO(), StringIO()
    call_command("seed_demo", "--if-empty", "--residents", "20", stdout=first)
    counts = (Facility.objects.count(), Resident.objects.count(), User.objects.count())
    call_command("seed_demo", "--if-empty", "--residents", "20", stdout=second)
    assert (Facility.objects.count(), Resident.objects.count(), User.objects.count()) == counts
    assert "Demo data created" in first.getvalue()
    assert "no demo data was added" in second.getvalue()
    for output in (first.getvalue(), second.getvalue()):
        assert "giamdoc" in output and DEMO_PASSWORD in output
        assert "quantri" in output and "TOTP" in output


@pytest.mark.django_db
def test_seed_demo_refuses_to_add_the_demo_data_twice():
    call_command("seed_demo", "--residents", "20", stdout=StringIO())
    with pytest.raises(CommandError, match="already"):
        call_command("seed_demo", "--residents", "20", stdout=StringIO())


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_real_data_alone():
    make_facility("real-centre")
    output = StringIO()
    call_command("seed_demo", "--if-empty", stdout=output)
    assert Facility.objects.count() == 1
    assert not Resident.objects.exists()
    assert "no demo data was added" in output.getvalue()


def test_nguyen_is_the_surname_of_about_38_percent():
    rng = Random(1)
    surnames = Counter(names.full_name(rng, sex="male").split()[0] for _ in range(20_000))
    assert 0.36 < surnames["Nguyễn"] / 20_000 < 0.41
    assert surnames["Trần"] > surnames["Phạm"] > surnames["Đặng"]


def test_the_34_provinces_keep_the_63_former_codes():
    assert len(names.PROVINCES) == 34
    assert len(names.PROVINCE_CODES) == 63
    assert names.FORMER_PROVINCES["Yên Bái"].province.name == "Lào Cai"


def test_the_citizen_id_issuer_never_repeats_a_number():
    issuer = ids.CitizenIdIssuer(Random(3))
    issued = {issuer.issue(province_code="010", date_of_birth=date(1990, 1, 1), sex="male") for _ in range(20_000)}
    assert len(issued) == 20_000
    assert all(number.startswith("010090") for number in issued)
    assert ids.citizen_id_prefix(province_code="015", date_of_birth=date(2003, 5, 1), sex="female") == "015303"


@pytest.mark.django_db
def test_the_stage_plan_of_every_open_episode_ends_on_its_release_date():
    seed(residents=60)
    for episode in Episode.objects.exclude(status=Episode.Status.CLOSED).prefetch_related("legal_events"):
        plan = stage_plan(episode, today=TODAY)
        assert episode.stage_planned_end_on == plan[0].ends_on
        assert plan[-1].ends_on == release_computation(episode, today=TODAY).expected_on


@pytest.mark.django_db
def test_each_facility_has_last_years_and_this_years_plan_approved():
    from hoanhap.plans.models import AnnualPlan

    seed()
    plans = AnnualPlan.objects.all()
    facilities = Facility.objects.count()
    assert plans.filter(year=TODAY.year).count() == facilities
    assert plans.filter(year=TODAY.year - 1).count() == facilities
    assert set(plans.values_list("status", flat=True)) == {"approved"}
    assert all(plan.targets.filter(figure="residents.admissions", planned__gt=0).exists() for plan in plans)
