"""Processes as data, and the cases that run them.

- `Process` (quy trình): a facility's named process, e.g. "funeral leave request".
- `ProcessVersion`: one version of its definition; a draft until published, then never changed. A
  case keeps the version it started on, so changing a definition never corrupts a running case.
- `Step` (bước): a step of a version: who owns it (a role, optionally a department), its deadline
  in working days, the steps it waits for (`after`: parallel branches and joins), the fields it
  needs, its kind (a task to complete, or an approval that may send the case back).
- `Case` (hồ sơ/phiếu việc): one run of a process version, optionally about a resident.
- `Task`: one step of one case, with its owner's action: who, when, the outcome, the data.
- `Procedure` (thủ tục hành chính): what the centre offers the public (registering a voluntary
  admission, a family's visit request) as it publishes it — who may apply, the requirements and
  documents, the fee, the time limit — and the process that handles it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.accounts.roles import Role
from hoanhap.core.models import FacilityScopedModel

__all__ = ["Case", "Procedure", "Process", "ProcessVersion", "Step", "Task"]


class Process(FacilityScopedModel):
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        constraints = [models.UniqueConstraint(fields=["facility", "code"], name="workflows_process_code_unique")]

    def __str__(self) -> str:
        return self.title


class ProcessVersion(models.Model):
    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="versions", verbose_name=_("process"))
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("process version")
        verbose_name_plural = _("process versions")
        ordering = ["process_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="workflows_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.process} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class Step(models.Model):
    class Kind(models.TextChoices):
        TASK = "task", _("Task")
        APPROVAL = "approval", _("Approval")

    version = models.ForeignKey(ProcessVersion, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    after = models.JSONField(_("waits for"), default=list, blank=True)
    owner_role = models.CharField(_("owner role"), max_length=30, choices=Role.choices)
    owner_department = models.ForeignKey(
        "core.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner department"),
    )
    deadline_days = models.PositiveSmallIntegerField(_("deadline (working days)"), default=0)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TASK)
    may_return_to = models.JSONField(_("may return to"), default=list, blank=True)
    effect = models.CharField(_("effect"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["version_id", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="workflows_step_key_unique")]

    def __str__(self) -> str:
        return self.title


class Case(FacilityScopedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    version = models.ForeignKey(ProcessVersion, on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(_("title"), max_length=200)
    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    episode = models.ForeignKey(
        "residents.Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("episode"),
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["facility", "status"], name="workflows_case_status")]

    def __str__(self) -> str:
        return self.title


class Task(FacilityScopedModel):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("Completed")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="+")
    # The facility (of the case) and the owner role (of the step) copied for the inbox's one query.
    owner_role = models.CharField(_("owner role"), max_length=30, choices=Role.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.WAITING)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Working days from opening to done, kept when done: the board averages it per step.
    days_taken = models.PositiveSmallIntegerField(_("working days taken"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # A step sent back to gets a new task; the earlier ones of it and of the steps after it stay
    # as history, no longer current.
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["case_id", "step__position", "pk"]
        indexes = [
            models.Index(fields=["facility", "owner_role", "status", "due_on"], name="workflows_task_inbox"),
            models.Index(fields=["facility", "status", "due_on"], name="workflows_task_due"),
            models.Index(fields=["facility", "status", "done_at"], name="workflows_task_done"),
        ]

    def __str__(self) -> str:
        return f"{self.case} – {self.step}"


class Procedure(FacilityScopedModel):
    """A public administrative procedure of the facility. Only these fields are ever shown to the
    public: nothing of the cases that run it."""

    process = models.ForeignKey(
        Process,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("process that handles it"),
    )
    title = models.CharField(_("title"), max_length=200)
    applicants = models.CharField(_("who may apply"), max_length=300, blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    documents = models.TextField(_("documents to submit"), blank=True)
    where = models.CharField(_("where to submit"), max_length=300, blank=True)
    fee = models.CharField(_("fee"), max_length=200, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")
        ordering = ["facility", "order", "title"]
        indexes = [models.Index(fields=["is_published", "facility", "order"], name="workflows_procedure_public")]

    def __str__(self) -> str:
        return self.title
