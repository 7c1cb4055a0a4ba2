"""What the rules speak of: the kinds of rehab, the five stages and the monthly conduct grades."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class EpisodeKind(enum.StrEnum):
    VOLUNTARY = "voluntary"
    COMPULSORY = "compulsory"
    COMPULSORY_MINOR = "compulsory_minor"

    @property
    def label(self) -> StrPromise:
        return _KIND_LABELS[self]


class Stage(enum.StrEnum):
    """The five stages of Law 73/2021 art. 29 cl. 1, in their legal order."""

    RECEPTION = "reception"
    DETOX = "detox"
    REHABILITATION = "rehabilitation"
    LABOUR_THERAPY = "labour_therapy"
    REINTEGRATION = "reintegration"

    @property
    def label(self) -> StrPromise:
        return _STAGE_LABELS[self]


class ConductGrade(enum.StrEnum):
    """The monthly conduct grade (Circular 29/2022/TT-BLĐTBXH), best first."""

    EXCELLENT = "excellent"
    GOOD = "good"
    AVERAGE = "average"
    WEAK = "weak"

    @property
    def label(self) -> StrPromise:
        return _GRADE_LABELS[self]

    def is_at_least(self, other: ConductGrade) -> bool:
        return _GRADE_RANK[self] >= _GRADE_RANK[other]


_KIND_LABELS: Mapping[EpisodeKind, StrPromise] = {
    EpisodeKind.VOLUNTARY: _("Voluntary"),
    EpisodeKind.COMPULSORY: _("Compulsory"),
    EpisodeKind.COMPULSORY_MINOR: _("Compulsory, minor"),
}
_STAGE_LABELS: Mapping[Stage, StrPromise] = {
    Stage.RECEPTION: _("Reception and classification"),
    Stage.DETOX: _("Detox and treatment"),
    Stage.REHABILITATION: _("Education, counselling and behaviour rehabilitation"),
    Stage.LABOUR_THERAPY: _("Labour therapy and vocational training"),
    Stage.REINTEGRATION: _("Preparation for reintegration"),
}
_GRADE_LABELS: Mapping[ConductGrade, StrPromise] = {
    ConductGrade.EXCELLENT: _("Excellent"),
    ConductGrade.GOOD: _("Good"),
    ConductGrade.AVERAGE: _("Average"),
    ConductGrade.WEAK: _("Weak"),
}
_GRADE_RANK: Mapping[ConductGrade, int] = {grade: -i for i, grade in enumerate(ConductGrade)}
