"""People for the demo facilities: who they are, and their rehab history.

A person is registered and admitted, serves the term `plan.TermPlanner` plans, leaves by
completion, discharge, exemption or death, or is still in rehab today; some relapse and come back
for a second term. `rows.RowWriter` writes the rows. Every choice draws from the `random.Random`
given to the builder, in order: the same seed gives the same people.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from random import Random

from hoanhap.residents import terms
from hoanhap.residents.models import Episode, FamilyContact, Resident, Sex, Substance
from hoanhap.residents.terms import EpisodeKind

from . import ids, names
from .names import Weighted
from .plan import Term, TermPlanner, days
from .rows import Person, RowWriter
from .sites import Site

# With these kinds (and the terms in plan.USUAL_TERMS) a facility admits about as many people a
# year as it holds: Lào Cai has some 390 admissions a year and about 400 people in rehab.
KINDS = Weighted([(EpisodeKind.COMPULSORY, 72), (EpisodeKind.VOLUNTARY, 25), (EpisodeKind.COMPULSORY_MINOR, 3)])
FEMALE_SHARE = 0.08
MINOR_AGES = Weighted([(13, 1), (14, 2), (15, 4), (16, 6), (17, 7)])
RELAPSE_SHARE = 0.12
SUBSTANCES_LOWLAND = Weighted(
    [
        (Substance.METHAMPHETAMINE, 58),
        (Substance.HEROIN, 28),
        (Substance.AMPHETAMINE, 4),
        (Substance.CANNABIS, 4),
        (Substance.ECSTASY, 2),
        (Substance.KETAMINE, 2),
        (Substance.SYNTHETIC, 2),
    ]
)
SUBSTANCES_HIGHLAND = Weighted(
    [(Substance.HEROIN, 50), (Substance.METHAMPHETAMINE, 35), (Substance.OPIUM, 12), (Substance.CANNABIS, 3)]
)


def date_of_birth(rng: Random, *, kind: EpisodeKind, sex: str, on: date) -> date:
    """Someone of the usual age for `kind` on `on`: a minor of 13 to 17, or an adult of 18 to 59."""
    if kind == EpisodeKind.COMPULSORY_MINOR:
        age = MINOR_AGES.pick(rng)
    elif sex == Sex.FEMALE:
        age = int(rng.triangular(19, 52, 30))
    else:
        age = int(rng.triangular(18, 60, 29))
    # The birthday `age` years before `on`, then up to 364 days earlier: still `age` on `on`.
    return terms.add_months(on, -12 * age) - days(rng.randrange(365))


class HistoryBuilder:
    """Builds people admitted to `site`; a transfer may take one to one of `others`."""

    def __init__(
        self,
        rng: Random,
        *,
        site: Site,
        others: Sequence[Site] = (),
        citizen_ids: ids.CitizenIdIssuer,
        today: date,
        detail: bool = True,
    ) -> None:
        self.rng = rng
        self.site = site
        self.sites = [site, *others]
        self.citizen_ids = citizen_ids
        self.today = today
        self.planner = TermPlanner(rng, today=today)
        self.writer = RowWriter(rng, sites=self.sites, today=today, detail=detail)

    def person(self, admitted_on: date) -> Person:
        rng = self.rng
        kind = KINDS.pick(rng)
        sex = Sex.FEMALE if kind != EpisodeKind.COMPULSORY_MINOR and rng.random() < FEMALE_SHARE else Sex.MALE
        ethnicity = names.LAO_CAI_ETHNICITIES.pick(rng)
        term = self._plan(kind=kind, admitted_on=admitted_on, prior=0, home=self.site)
        person = Person(self._resident(kind=kind, sex=sex, ethnicity=ethnicity, term=term))
        self._contacts(person)
        self.writer.log(
            person, self.site, "registered", admitted_on, person.resident.record_number, source=person.resident
        )
        self.writer.write(person, term, home=self.site)
        last = person.episodes[-1]
        if (
            last.outcome == Episode.Outcome.COMPLETED
            and kind != EpisodeKind.COMPULSORY_MINOR
            and rng.random() < RELAPSE_SHARE
        ):
            assert last.closed_on is not None
            again_on = last.closed_on + days(rng.randint(30, 330))
            if again_on <= self.today:
                again_kind = EpisodeKind.COMPULSORY if rng.random() < 0.85 else EpisodeKind.VOLUNTARY
                prior = prior_compulsory_placements(person.episodes)
                home = next(site for site in self.sites if site.facility_id == last.facility_id)
                again = self._plan(kind=again_kind, admitted_on=again_on, prior=prior, home=home)
                self.writer.write(person, again, home=home)
        self.writer.settle_aftercares(person)
        return person

    def _plan(self, *, kind: EpisodeKind, admitted_on: date, prior: int, home: Site) -> Term:
        others = [site for site in self.sites if site is not home]
        return self.planner.plan(kind=kind, admitted_on=admitted_on, prior=prior, home=home, others=others)

    def _resident(self, *, kind: EpisodeKind, sex: str, ethnicity: str, term: Term) -> Resident:
        rng, basis_on = self.rng, term.basis_on
        born_on = date_of_birth(rng, kind=kind, sex=sex, on=basis_on)
        born_in = names.birthplace(rng, ethnicity=ethnicity)
        lao_cai = names.PROVINCES_BY_NAME["Lào Cai"]
        home = born_in.province if born_in.province.name in names.COMMUNES and rng.random() < 0.88 else lao_cai
        highland = ethnicity != "Kinh"
        # Half the records made before the two-level reform still hold the old address.
        three_level = term.admitted_on < names.TWO_LEVEL_FROM and rng.random() < 0.5
        permanent = names.address(rng, home, highland=highland, three_level=three_level)
        current = permanent if rng.random() < 0.85 else names.address(rng, lao_cai, highland=False)
        full_name = names.full_name(rng, sex=sex, ethnicity=ethnicity)
        is_minor = kind == EpisodeKind.COMPULSORY_MINOR
        substances = SUBSTANCES_HIGHLAND if highland else SUBSTANCES_LOWLAND
        used = list(dict.fromkeys(substances.pick(rng) for _ in range(1 if rng.random() < 0.75 else 2)))
        age = terms.age_on(born_on, basis_on)
        has_record = age >= 20 and rng.random() < 0.22
        resident = Resident(
            facility_id=self.site.facility_id,
            record_number=self.site.next_record_number(term.admitted_on.year),
            full_name=full_name,
            other_names=names.nickname(rng, full_name) if rng.random() < 0.12 else "",
            date_of_birth=born_on,
            sex=sex,
            ethnicity=ethnicity,
            citizen_id=self.citizen_ids.issue(province_code=born_in.code, date_of_birth=born_on, sex=sex),
            permanent_province=permanent.province,
            permanent_commune=permanent.commune,
            permanent_address=permanent.line,
            current_province=current.province,
            current_commune=current.commune,
            current_address=current.line,
            education=names.education(rng, ethnicity=ethnicity, is_minor=is_minor),
            occupation=names.occupation(rng, sex=sex, ethnicity=ethnicity, is_minor=is_minor),
            substances=used,
            first_use_year=min(born_on.year + rng.randint(12, 25), basis_on.year),
            prior_rehab_count=0 if is_minor or rng.random() < 0.7 else rng.randint(1, 3),
            has_criminal_record=has_record,
            has_drug_offence_record=has_record and rng.random() < 0.6,
            was_sanctioned_for_drug_use=term.is_compulsory and rng.random() < 0.7,
            criminal_record_note=(
                names.criminal_record_note(rng, first_year=born_on.year + 18, last_year=basis_on.year - 1)
                if has_record
                else ""
            ),
        )
        resident.build_search_text()
        return resident

    def _contacts(self, person: Person) -> None:
        rng, resident = self.rng, person.resident
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            relation, full_name = names.relative(
                rng, name=resident.full_name, sex=resident.sex, ethnicity=resident.ethnicity
            )
            person.contacts.append(
                FamilyContact(
                    resident=resident,
                    relation=relation,
                    full_name=full_name,
                    phone=names.phone_number(rng) if rng.random() < 0.85 else "",
                    address=resident.permanent_address_display,
                )
            )


def prior_compulsory_placements(episodes: list[Episode]) -> int:
    """As admission.prior_compulsory_rehabs: one per compulsory placement, a transfer's
    continuation not counted, nor a placement whose court decision was cancelled. The demo closes
    a compulsory episode early (RELEASED_EARLY) only for a cancelled decision (rows.py)."""

    def first_of(episode: Episode) -> Episode:
        while episode.transferred_from is not None:
            episode = episode.transferred_from
        return episode

    cancelled = {
        id(first_of(episode))
        for episode in episodes
        if episode.is_compulsory and episode.outcome == Episode.Outcome.RELEASED_EARLY
    }
    return sum(
        1
        for episode in episodes
        if episode.is_compulsory and not episode.transferred_from and id(episode) not in cancelled
    )
