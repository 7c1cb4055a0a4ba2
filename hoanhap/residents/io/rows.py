"""One roster row checked: its cells parsed into field values, each problem listed with its row
number (a missing field, a date that is not one, a term the law in force on the decision date
refuses). Nothing here reads the database: the whole file's checks are in `checks`."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import validators
from ..models import Episode, Resident
from ..terms import (
    EpisodeKind,
    RuleNotInForce,
    Stage,
    TermError,
    age_on,
    expected_release_on,
    rule_set_on,
    validate_term,
)
from .roster import (
    FIELDS_BY_KEY,
    KIND_WORDS,
    ROW_REQUIRED_KEYS,
    cell_text,
    citizen_id_from_cell,
    parse_any_date,
    parse_kind,
    parse_sex,
    parse_stage,
    vietnamese,
)


@dataclass(frozen=True)
class RowError:
    """The row cannot be imported as it is: nothing is imported while one remains."""

    row: int
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RowWarning:
    """The row can be imported, but the clerk must accept what it says, row by row; the import's
    audit entry lists each one accepted."""

    row: int
    code: str
    message: str

    @property
    def key(self) -> str:
        return f"{self.row}:{self.code}"

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RosterDefaults:
    """What the clerk says for every row that does not say it itself: the stage the residents are
    in, since when, and the admission date. A stage start before a row's admission is the admission."""

    stage: str | None = None
    stage_since_on: date | None = None
    admitted_on: date | None = None

    def as_cells(self) -> dict[str, Any]:
        return {key: value for key, value in vars(self).items() if value}


def _max_length(model: type[Resident] | type[Episode], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, models.CharField) and field.max_length is not None
    return field.max_length


_TEXT_MAX_LENGTH: dict[str, int] = {
    **{
        key: _max_length(Resident, key)
        for key in (
            "record_number",
            "full_name",
            "other_names",
            "ethnicity",
            "citizen_id",
            "permanent_province",
            "permanent_commune",
            "permanent_address",
        )
    },
    **{key: _max_length(Episode, key) for key in ("decision_number", "decided_by")},
}
_TEXT_KEYS = tuple(_TEXT_MAX_LENGTH)
_DATE_KEYS = ("date_of_birth", "admitted_on", "decision_on", "stage_since_on")


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _clean_text(value: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", cell_text(value)).split())


def _label(key: str) -> str:
    return str(FIELDS_BY_KEY[key].label)


# Built once: a row that has no problem formats no message.
_UNKNOWN_SEX = gettext_lazy("Row %(row)s: the sex “%(value)s” is not recognised; write Nam or Nữ.")
_UNKNOWN_KIND = gettext_lazy(
    "Row %(row)s: the kind of rehab “%(value)s” is not recognised; write Tự nguyện, Bắt buộc "
    "or Bắt buộc (người chưa thành niên)."
)
_UNKNOWN_STAGE = gettext_lazy(
    "Row %(row)s: the stage “%(value)s” is not recognised; write its number (1 to 5) or its name."
)


class RowChecker:
    """Parses one row's cells into field values, collecting each problem with the row number."""

    def __init__(self, row: int, cells: Mapping[str, Any], today: date, defaults: RosterDefaults | None = None) -> None:
        self.row = row
        self.cells = dict(cells)
        self.today = today
        self.errors: list[RowError] = []
        self.warnings: list[RowWarning] = []
        self.defaulted: set[str] = set()
        for key, value in (defaults.as_cells() if defaults else {}).items():
            if is_empty(self.cells.get(key)):
                self.cells[key] = value
                self.defaulted.add(key)
        self.values: dict[str, Any] = {}
        self._texts: dict[str, str] = {}

    def text(self, key: str) -> str:
        """The cell as clean text (NFC, single spaces), worked out once per row: several checks read it."""
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = _clean_text(self.cells.get(key))
        return text

    def problem(self, message: str | Promise, **params: Any) -> None:
        self.errors.append(RowError(self.row, str(message) % {"row": self.row, **params}))

    def warn(self, code: str, message: str | Promise, **params: Any) -> None:
        self.warnings.append(RowWarning(self.row, code, str(message) % {"row": self.row, **params}))

    def _split_by_sex(self) -> None:
        """A birth date in the men's or the women's column gives the sex too; so does a mark in the
        men's or the women's column under "Giới tính"."""
        male, female = (self.cells.get(key) for key in ("date_of_birth_male", "date_of_birth_female"))
        if not is_empty(male) and not is_empty(female):
            self.problem(_("Row %(row)s: the date of birth is written in both the men's and the women's column."))
        elif not (is_empty(male) and is_empty(female)):
            if is_empty(self.cells.get("date_of_birth")):
                self.cells["date_of_birth"] = female if is_empty(male) else male
            if is_empty(self.cells.get("sex")):
                self.cells["sex"] = "Nữ" if is_empty(male) else "Nam"
        male, female = (self.cells.get(key) for key in ("sex_male_mark", "sex_female_mark"))
        if not is_empty(male) and not is_empty(female):
            self.problem(_("Row %(row)s: both the men's and the women's column are marked."))
        elif is_empty(self.cells.get("sex")) and not (is_empty(male) and is_empty(female)):
            self.cells["sex"] = "Nữ" if is_empty(male) else "Nam"

    def run(self) -> dict[str, Any]:
        self._split_by_sex()
        for key in ROW_REQUIRED_KEYS:
            if not self.text(key):
                self.problem(_("Row %(row)s: the %(field)s is missing."), field=_label(key))
        for key in _TEXT_KEYS:
            if key == "citizen_id":
                continue
            text = self.text(key)
            if len(text) > _TEXT_MAX_LENGTH[key]:
                self.problem(
                    _("Row %(row)s: the %(field)s is longer than %(max)s characters."),
                    field=_label(key),
                    max=_TEXT_MAX_LENGTH[key],
                )
            self.values[key] = text
        for key in _DATE_KEYS:
            self.values[key] = self._date(key)
        self.values["sex"] = self._choice("sex", parse_sex, _UNKNOWN_SEX)
        self.values["kind"] = self._choice("kind", parse_kind, _UNKNOWN_KIND)
        self.values["stage"] = self._choice("stage", parse_stage, _UNKNOWN_STAGE) or Stage.RECEPTION
        self.values["term_months"] = self._term()
        self.values["citizen_id"] = self._citizen_id()
        self._check_dates()
        self._check_term_and_kind()
        self._check_term_ended()
        return self.values

    def _check_term_ended(self) -> None:
        admitted, term = self.values.get("admitted_on"), self.values.get("term_months")
        if self.errors or admitted is None or term is None:
            return
        release_on = expected_release_on(start_on=admitted, term_months=term).expected_on
        if release_on < self.today:
            self.warn(
                "term_ended",
                _("Row %(row)s: the term ended on %(date)s; the resident is imported as still in rehab."),
                date=f"{release_on:%d/%m/%Y}",
            )

    def _date(self, key: str) -> date | None:
        if not self.text(key):
            return None
        raw = self.cells.get(key)
        parsed, filled_in = parse_any_date(raw, partial=key == "date_of_birth")
        if parsed is not None and filled_in:
            self.warn(
                f"approximate_{key}",
                _("Row %(row)s: the %(field)s “%(value)s” gives no day; %(date)s is recorded."),
                field=_label(key),
                value=cell_text(raw),
                date=f"{parsed:%d/%m/%Y}",
            )
        if key == "stage_since_on" and key in self.defaulted and parsed is not None:
            admitted = self.values.get("admitted_on")
            return max(parsed, admitted) if admitted else parsed
        if parsed is None:
            self.problem(
                _("Row %(row)s: the %(field)s “%(value)s” is not a valid date."),
                field=_label(key),
                value=cell_text(raw),
            )
        elif parsed > self.today:
            self.problem(
                _("Row %(row)s: the %(field)s “%(value)s” is in the future."),
                field=_label(key),
                value=f"{parsed:%d/%m/%Y}",
            )
            return None
        return parsed

    def _choice(self, key: str, parse: Callable[[str], str | None], message: Promise) -> str | None:
        text = self.text(key)
        if not text:
            return None
        parsed = parse(text)
        if parsed is None:
            self.problem(message, value=text)
        return parsed

    def _term(self) -> int | None:
        text = self.text("term_months")
        if not text:
            return None
        match = re.fullmatch(r"(\d{1,3})(?: ?(?:tháng|thang|months?))?", text, flags=re.IGNORECASE)
        if match is None or int(match.group(1)) == 0:
            self.problem(_("Row %(row)s: the term “%(value)s” is not a whole number of months."), value=text)
            return None
        return int(match.group(1))

    def _citizen_id(self) -> str:
        if not self.text("citizen_id"):
            return ""
        raw = self.cells.get("citizen_id")
        number = citizen_id_from_cell(raw)
        born, sex = self.values.get("date_of_birth"), self.values.get("sex")
        try:
            validators.validate_citizen_id(number)
        except ValidationError as error:
            self.problem(
                _("Row %(row)s: the citizen ID number “%(value)s” is not valid. %(reason)s"),
                value=cell_text(raw),
                reason=" ".join(error.messages),
            )
            return number
        if born is not None and sex is not None:
            try:
                validators.check_citizen_id_matches(number, date_of_birth=born, sex=sex)
            except ValidationError:
                # A birth date known in part, or a digit mistyped: the clerk checks the card and accepts.
                self.warn(
                    "citizen_id_mismatch",
                    _(
                        "Row %(row)s: the citizen ID number “%(value)s” does not match the date of birth and sex "
                        "(its 4th digit codes the sex and century, the 5th and 6th the year of birth)."
                    ),
                    value=number,
                )
        return number

    def _check_dates(self) -> None:
        born, admitted, decided, stage_since = (self.values.get(key) for key in _DATE_KEYS)
        if born is not None:
            try:
                validators.validate_date_of_birth(born, today=self.today)
            except ValidationError as error:
                self.problem(
                    _("Row %(row)s: the date of birth %(value)s is not accepted. %(reason)s"),
                    value=f"{born:%d/%m/%Y}",
                    reason=" ".join(error.messages),
                )
        if born and admitted:
            try:
                youngest = rule_set_on(admitted).minor_ages[0]
                citation = rule_set_on(admitted).minor_citation
            except RuleNotInForce:
                youngest, citation = None, ""
            if youngest is not None and age_on(born, admitted) < youngest:
                self.problem(
                    _(
                        "Row %(row)s: the resident was %(age)s years old on admission; rehab at a centre "
                        "starts at %(youngest)s (%(citation)s)."
                    ),
                    age=max(age_on(born, admitted), 0),
                    youngest=youngest,
                    citation=citation,
                )
        if decided and admitted and decided > admitted:
            self.problem(_("Row %(row)s: the decision date is after the admission date."))
        if stage_since and admitted and stage_since < admitted:
            self.problem(_("Row %(row)s: the current stage cannot start before the admission date."))

    def _check_term_and_kind(self) -> None:
        self.values["prior_compulsory_count"] = 0
        kind, term = self.values.get("kind"), self.values.get("term_months")
        if kind is None:
            return
        if kind == EpisodeKind.VOLUNTARY:
            # A voluntary rehab has no decision: its term was chosen at admission.
            decided_on = self.values.get("admitted_on")
        else:
            # Compulsory rehab is placed by a court decision (Law 73/2021 art. 32–33).
            if not self.values.get("decision_number") or not self.text("decision_on"):
                self.problem(_("Row %(row)s: a compulsory rehab needs the number and the date of its decision."))
            decided_on = self.values.get("decision_on")
        if term is None or decided_on is None:
            return
        born = self.values.get("date_of_birth")
        if born and kind != EpisodeKind.VOLUNTARY:
            try:
                youngest, adult = rule_set_on(decided_on).minor_ages
            except RuleNotInForce:
                youngest, adult = 0, 0
            age = age_on(born, decided_on)
            expected_kind = EpisodeKind.COMPULSORY_MINOR if youngest <= age < adult else EpisodeKind.COMPULSORY
            if adult and age >= youngest and kind != expected_kind:
                self.problem(
                    _(
                        "Row %(row)s: the resident was %(age)s years old on the decision date, so the kind of "
                        "rehab is “%(kind)s”."
                    ),
                    age=age,
                    kind=vietnamese(KIND_WORDS, expected_kind),
                )
                return
        reason, self.values["prior_compulsory_count"] = _check_term(
            EpisodeKind(kind), term, decided_on, translation.get_language()
        )
        if reason:
            self.problem(_("Row %(row)s: %(reason)s"), reason=reason)


@functools.lru_cache(maxsize=4096)
def _check_term(kind: EpisodeKind, term: int, decided_on: date, language: str | None) -> tuple[str | None, int]:
    """(why the term breaks the rules in force on the decision date, or None; the earlier compulsory
    rehabs the term implies), by terms.validate_term.

    A roster does not say how many compulsory rehabs a person had before, so where the law fixes the
    term by that number (24 months the first time, 36 later: Law 120/2025) either fixed term passes,
    and the term tells the count. Cached: a roster repeats a few terms and dates; `language` keys
    the message.
    """
    try:
        rule = rule_set_on(decided_on).terms[kind]
    except TermError as exc:
        return str(exc), 0
    first_error: TermError | None = None
    for prior in range(max(len(rule.fixed_months), 1)):
        try:
            validate_term(kind=kind, term_months=term, decided_on=decided_on, prior_compulsory_count=prior)
        except TermError as exc:
            first_error = first_error or exc
        else:
            return None, prior
    if len(rule.fixed_months) > 1:
        return _(
            "The term must be %(first)s months for a first compulsory rehab, or %(later)s months for a later "
            "one (%(citation)s)."
        ) % {"first": rule.fixed_months[0], "later": rule.fixed_months[-1], "citation": rule.citation}, 0
    return str(first_error), 0
