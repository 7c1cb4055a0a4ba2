"""At admission: the term a decision states, and whether the person is a minor."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from .dates import age_on
from .errors import TermError
from .kinds import EpisodeKind
from .rules import TermRule, rule_set_on


def validate_term(
    *, kind: EpisodeKind, term_months: int, decided_on: date, prior_compulsory_count: int = 0
) -> TermRule:
    """Check the term a decision states against the rules in force on the decision date.

    `prior_compulsory_count` is the number of compulsory rehabs the person had before this one.
    """
    if prior_compulsory_count < 0:
        raise ValueError(f"prior_compulsory_count must not be negative, got {prior_compulsory_count}")
    rule = rule_set_on(decided_on).terms[EpisodeKind(kind)]
    low, high = rule.bounds(prior_compulsory_count=prior_compulsory_count)
    if low <= term_months <= high:
        return rule
    if low == high:
        raise TermError(
            _("The term must be exactly %(months)s months for this rehab (%(citation)s)."),
            code="term_not_fixed_value",
            months=low,
            citation=rule.citation,
        )
    raise TermError(
        _("The term must be between %(min)s and %(max)s months for this kind of rehab (%(citation)s)."),
        code="term_out_of_range",
        min=low,
        max=high,
        citation=rule.citation,
    )


def is_minor(date_of_birth: date, on: date) -> bool:
    """From the 12th birthday to the day before the 18th (Law 73 art. 33)."""
    youngest, adult = rule_set_on(on).minor_ages
    return youngest <= age_on(date_of_birth, on) < adult
