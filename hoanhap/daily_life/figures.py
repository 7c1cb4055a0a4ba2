"""The figures daily life owns (`core.registry.figures`), computed by `selectors.figures`:
vocational trainees and certificates, labour hours, life-skills class attendance."""

from django.utils.translation import gettext_lazy as _

from .selectors import figures


def register() -> None:
    from hoanhap.core import registry

    for order, (key, label, unit, periods) in enumerate(
        (
            (
                "daily_life.vocational_trainees",
                _("Vocational trainees"),
                _("residents"),
                figures.vocational_trainees_periods,
            ),
            (
                "daily_life.vocational_certificates",
                _("Vocational certificates issued"),
                _("certificates"),
                figures.vocational_certificates_periods,
            ),
            ("daily_life.labour_hours", _("Labour hours"), _("hours"), figures.labour_hours_periods),
            (
                "daily_life.life_skills_attendance",
                _("Life-skills class attendance"),
                _("attendances"),
                figures.life_skills_attendance_periods,
            ),
        )
    ):
        registry.figures.register(
            registry.Figure(
                key,
                label,
                unit,
                registry.one_period(periods),
                order=30 + order,
                compute_periods=periods,
            )
        )
