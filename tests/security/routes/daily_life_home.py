"""Daily life: the module's home page."""

from hoanhap.daily_life.access import READERS

from ..route_rules import Rule, World

RULES: dict[str, Rule] = {
    "daily-life/": Rule(READERS),
}


def parameters(world: World) -> dict[str, str]:
    return {}
