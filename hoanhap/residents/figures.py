"""The figures the residents module owns (`core.registry.figures`), computed by
`selectors.figures`: admissions (all, voluntary, compulsory, minors), completions, early releases,
term reductions, abscondences, residents at a date."""

from django.utils.translation import gettext_lazy as _

from .selectors import figures


def register() -> None:
    from hoanhap.core import registry

    residents = _("residents")
    for order, (key, label, unit, compute, stock) in enumerate(
        (
            ("residents.admissions", _("Admissions"), residents, figures.admissions, False),
            (
                "residents.admissions_voluntary",
                _("Voluntary admissions"),
                residents,
                figures.voluntary_admissions,
                False,
            ),
            (
                "residents.admissions_compulsory",
                _("Compulsory admissions"),
                residents,
                figures.compulsory_admissions,
                False,
            ),
            ("residents.admissions_minors", _("Admissions of minors"), residents, figures.minor_admissions, False),
            ("residents.completions", _("Completions"), residents, figures.completions, False),
            ("residents.early_releases", _("Early releases"), residents, figures.early_releases, False),
            ("residents.term_reductions", _("Term reductions"), _("decisions"), figures.term_reductions, False),
            ("residents.abscondences", _("Abscondences"), _("abscondences"), figures.abscondences, False),
            ("residents.census", _("Residents in rehab at the date"), residents, figures.residents_at, True),
        )
    ):
        registry.figures.register(registry.Figure(key, label, unit, compute, stock=stock, order=10 + order))
