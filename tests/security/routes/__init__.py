"""Each module's URLs and their access rules, one file per module (or area), so that modules added
side by side never edit the same table: `RULES` (URL pattern -> Rule) and `parameters(world)`,
which creates the module's records in facility A and returns the URL parameters naming them."""

from collections.abc import Callable
from importlib import import_module

from ..route_rules import Rule, World

MODULES = (
    "daily_life_home",
    "daily_life_courses",
    "daily_life_labour",
    "daily_life_visits",
    "daily_life_events",
    "daily_life_entitlements",
    "accounts_users",
    "plans",
    "organisation",
    "workflows",
)
_loaded = [import_module(f"{__package__}.{name}") for name in MODULES]

AREA_RULES: dict[str, Rule] = {route: rule for module in _loaded for route, rule in module.RULES.items()}
_BUILDERS: list[Callable[[World], dict[str, str]]] = [module.parameters for module in _loaded]


def area_parameters(world: World) -> dict[str, str]:
    parameters: dict[str, str] = {}
    for build in _BUILDERS:
        built = build(world)
        # A name two modules use would fill one module's URLs with the other's ids.
        assert not parameters.keys() & built.keys(), f"URL parameters named twice: {parameters.keys() & built.keys()}"
        parameters.update(built)
    return parameters
