"""Daily life, courses: who opens each URL."""

from ..route_rules import C, Rule, World  # noqa: F401

RULES: dict[str, Rule] = {}


def parameters(world: World) -> dict[str, str]:
    """The area's records in facility A, named by the URL parameters its routes use."""
    return {}
