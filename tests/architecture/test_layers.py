"""A domain app uses another only through its selectors (reads) and services (writes): never its
models, views or forms. The other layer contracts are import-linter's (pyproject's
[tool.importlinter], `make lint`); this one needs a rule import-linter cannot state.

Imports under `if TYPE_CHECKING:` (a type in a signature) and imports from tests are allowed."""

import grimp
import pytest

# Adding a domain app is one line here, and one in each of pyproject's import-linter contracts.
DOMAIN_APPS = (
    "users",
    "residents",
    "daily_life",
    "care",
    "organisation",
    "plans",
    "workflows",
    "party",
    "reports",
    "portal",
)
ENTRY_POINTS = ("selectors", "services")


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in DOMAIN_APPS else None


def imports_past_selectors_and_services(graph: grimp.ImportGraph) -> list[str]:
    """Every import from one domain app into another that does not go through its selectors or services."""
    wrong = []
    for importer in sorted(graph.modules):
        importer_app = _app_of(importer)
        if importer_app is None or "tests" in importer.split("."):
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            imported_app = _app_of(imported)
            if imported_app is None or imported_app == importer_app:
                continue
            entry = imported.split(".")[2:3]
            if entry and entry[0] in ENTRY_POINTS:
                continue
            wrong.append(f"{importer} -> {imported}")
    return wrong


def test_domain_apps_import_each_other_only_through_selectors_and_services():
    graph = grimp.build_graph("hoanhap", exclude_type_checking_imports=True)
    assert imports_past_selectors_and_services(graph) == []


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


@pytest.mark.parametrize(
    "imported",
    ["hoanhap.residents.selectors", "hoanhap.residents.selectors.scope", "hoanhap.residents.services.admission"],
)
def test_an_import_of_another_apps_selectors_or_services_is_allowed(imported):
    assert imports_past_selectors_and_services(_graph(("hoanhap.care.services", imported))) == []


@pytest.mark.parametrize(
    "imported",
    ["hoanhap.residents.models", "hoanhap.residents.views.page", "hoanhap.residents", "hoanhap.residents.selectorsx"],
)
def test_an_import_of_another_apps_models_or_views_is_refused(imported):
    graph = _graph(("hoanhap.care.services", imported))
    assert imports_past_selectors_and_services(graph) == [f"hoanhap.care.services -> {imported}"]


def test_an_app_imports_its_own_modules_and_the_shared_layers_freely():
    graph = _graph(
        ("hoanhap.care.views", "hoanhap.care.models"),
        ("hoanhap.care.views", "hoanhap.core.models"),
        ("hoanhap.care.views", "hoanhap.accounts.roles"),
        ("hoanhap.care.tests.test_views", "hoanhap.residents.models"),
    )
    assert imports_past_selectors_and_services(graph) == []
