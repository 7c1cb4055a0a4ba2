"""Forms of the residents pages. They parse typed input; the rules live in the services, whose
`DomainError` the views put back beside the field it names (`add_domain_error`)."""

from .episode import (
    AdmissionForm,
    AftercareCloseForm,
    AftercareNoteForm,
    ConductGradeForm,
    PlacementMixin,
    RoomForm,
    StageForm,
    TermHintForm,
)
from .events import (
    EVENT_FORMS,
    AbscondenceForm,
    ChecklistTickForm,
    CompletionForm,
    DeathForm,
    DischargeForm,
    EventForm,
    HospitalForm,
    LeaveForm,
    ReturnForm,
    TermReductionForm,
    TransferForm,
)
from .identity import (
    EditResidentForm,
    FamilyContactForm,
    FamilyContactFormSet,
    RegisterForm,
    ResidentForm,
    contacts_from,
)
from .lists import SearchForm

__all__ = [
    "EVENT_FORMS",
    "AbscondenceForm",
    "AdmissionForm",
    "AftercareCloseForm",
    "AftercareNoteForm",
    "ChecklistTickForm",
    "CompletionForm",
    "ConductGradeForm",
    "DeathForm",
    "DischargeForm",
    "EditResidentForm",
    "EventForm",
    "FamilyContactForm",
    "FamilyContactFormSet",
    "HospitalForm",
    "LeaveForm",
    "PlacementMixin",
    "RegisterForm",
    "ResidentForm",
    "ReturnForm",
    "RoomForm",
    "SearchForm",
    "StageForm",
    "TermHintForm",
    "TermReductionForm",
    "TransferForm",
    "contacts_from",
]
