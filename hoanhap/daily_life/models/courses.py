"""Courses and classes: the rows. A `Course` (life values, behaviour, literacy, a trade) has a
teacher, `Lesson`s, `Enrolment`s of residents, an `Attendance` per enrolled resident per lesson
called, results on the enrolment, and for a vocational course a numbered `VocationalCertificate`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoanhap.core.models import FacilityScopedModel

__all__ = ["Attendance", "Course", "Enrolment", "Lesson", "Trade", "VocationalCertificate"]


class Trade(models.Model):
    """A trade taught in vocational courses (aquaculture, rural electrics…): data, not code. A
    trade without a facility is offered everywhere; one with a facility only there."""

    name = models.CharField(_("name"), max_length=120)
    facility = models.ForeignKey(
        "core.Facility", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("facility")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("trade")
        verbose_name_plural = _("trades")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Course(FacilityScopedModel):
    class Kind(models.TextChoices):
        LIFE_VALUES = "life_values", _("Life values education (LVEP)")
        BEHAVIOUR = "behaviour", _("Behaviour and personality rehabilitation")
        LITERACY = "literacy", _("Literacy")
        VOCATIONAL = "vocational", _("Vocational training")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    trade = models.ForeignKey(
        Trade, on_delete=models.PROTECT, null=True, blank=True, related_name="courses", verbose_name=_("trade")
    )
    title = models.CharField(_("title"), max_length=200)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("teacher")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["facility", "status", "kind"], name="course_list_idx")]

    def __str__(self) -> str:
        return self.title


class Lesson(FacilityScopedModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("course"))
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    called_at = models.DateTimeField(_("roll called at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["held_on", "starts_at", "pk"]
        indexes = [models.Index(fields=["facility", "held_on"], name="lesson_day_idx")]

    def __str__(self) -> str:
        return f"{self.course} · {self.held_on:%d/%m/%Y}"


class Enrolment(FacilityScopedModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course"))
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("resident")
    )
    episode = models.ForeignKey(
        "residents.Episode", on_delete=models.PROTECT, related_name="+", verbose_name=_("episode")
    )
    enrolled_on = models.DateField(_("enrolled on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    result_note = models.CharField(_("result note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "resident__name_sort_key", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "resident"], name="enrolment_unique_resident")]

    def __str__(self) -> str:
        return f"{self.resident} · {self.course}"

    def audit_resident_id(self) -> int:
        return self.resident_id


class Attendance(FacilityScopedModel):
    class Reason(models.TextChoices):
        SICK = "sick", _("Sick")
        MEDICAL = "medical", _("At the clinic or hospital")
        DISCIPLINE = "discipline", _("In the discipline room")
        VISIT = "visit", _("Family visit")
        LEAVE = "leave", _("On leave")
        WORK = "work", _("Assigned to work")
        OTHER = "other", _("Other reason")
        UNEXCUSED = "unexcused", _("No excuse")

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("lesson"))
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("enrolment")
    )
    present = models.BooleanField(_("present"), default=True)
    reason = models.CharField(_("reason for absence"), max_length=20, choices=Reason.choices, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["lesson", "enrolment"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson.held_on:%d/%m/%Y}"


class VocationalCertificate(FacilityScopedModel):
    """The numbered certificate of a vocational course, "7/2026/CCN": per facility per year."""

    NUMBER_SUFFIX = "CCN"

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate", verbose_name=_("enrolment")
    )
    number = models.CharField(_("number"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("vocational certificate")
        verbose_name_plural = _("vocational certificates")
        ordering = ["-issued_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "year", "sequence"], name="vocational_certificate_sequence"),
        ]

    def __str__(self) -> str:
        return self.number

    @classmethod
    def format_number(cls, *, sequence: int, year: int) -> str:
        return f"{sequence}/{year}/{cls.NUMBER_SUFFIX}"
