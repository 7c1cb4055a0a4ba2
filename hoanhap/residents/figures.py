"""The figures the residents module owns (`core.registry.figures`), computed by
`selectors.figures`: admissions (all, voluntary, compulsory, minors), completions, early releases,
term reductions, abscondences, residents at a date."""

from django.utils.translation import gettext_lazy as _

from .selectors import figures


def register() -> None:
    from hoanhap.core import registry

    residents = _("residents")
    for order, (key, label, unit, periods, stock) in enumerate(
        (
            ("residents.admissions", _("Admissions"), residents, figures.admissions_periods, False),
            (
                "residents.admissions_voluntary",
                _("Voluntary admissions"),
                residents,
                figures.voluntary_admissions_periods,
                False,
            ),
            (
                "residents.admissions_compulsory",
                _("Compulsory admissions"),
                residents,
                figures.compulsory_admissions_periods,
                False,
            ),
            (
                "residents.admissions_minors",
                _("Admissions of minors"),
                residents,
                figures.minor_admissions_periods,
                False,
            ),
            ("residents.completions", _("Completions"), residents, figures.completions_periods, False),
            ("residents.early_releases", _("Early releases"), residents, figures.early_releases_periods, False),
            ("residents.term_reductions", _("Term reductions"), _("decisions"), figures.term_reductions_periods, False),
            ("residents.abscondences", _("Abscondences"), _("abscondences"), figures.abscondences_periods, False),
            ("residents.census", _("Residents in rehab at the date"), residents, figures.residents_at_periods, True),
        )
    ):
        figure = registry.Figure(
            key,
            label,
            unit,
            registry.one_period(periods),
            stock=stock,
            order=10 + order,
            compute_periods=periods,
        )
        registry.figures.register(figure)
