"""Residents (học viên) and their rehab episodes (đợt cai nghiện), split by concept: the person
(`people`), the episode and its stages (`episodes`), its legal events and certificate (`legal`),
aftercare (`aftercare`) and the timeline (`timeline`).

Rows here are written only by `residents.services` (each write in one transaction with its
timeline event and, through django-auditlog, its audit entry); nothing happens in `save()`.
"""

from .aftercare import Aftercare, AftercareNote
from .episodes import (
    GRADE_CHOICES,
    KIND_CHOICES,
    STAGE_CHOICES,
    ChecklistItem,
    ConductGrade,
    Episode,
    StageChange,
    StagePlan,
)
from .legal import CompletionCertificate, LegalEvent
from .people import FamilyContact, Resident, Sex, Substance, photo_path, private_storage
from .timeline import TimelineEvent

__all__ = [
    "GRADE_CHOICES",
    "KIND_CHOICES",
    "STAGE_CHOICES",
    "Aftercare",
    "AftercareNote",
    "ChecklistItem",
    "CompletionCertificate",
    "ConductGrade",
    "Episode",
    "FamilyContact",
    "LegalEvent",
    "Resident",
    "Sex",
    "StageChange",
    "StagePlan",
    "Substance",
    "TimelineEvent",
    "photo_path",
    "private_storage",
]
