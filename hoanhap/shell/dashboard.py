"""The home page's content: the cards the apps registered, those the user's roles allow."""

from dataclasses import dataclass
from typing import Any

from hoanhap.accounts.models import User
from hoanhap.accounts.selectors import all_capabilities
from hoanhap.core import registry
from hoanhap.core.registry import Card, NavEntry


@dataclass(frozen=True)
class ShownCard:
    card: Card
    context: dict[str, Any]


def modules_for(user: User) -> list[NavEntry]:
    capabilities = all_capabilities(user)
    return [entry for entry in registry.navigation if entry.capabilities & capabilities]


def cards_for(user: User, *, facility_id: int | None = None) -> list[ShownCard]:
    """The cards' figures for the facility the user chose to look at, or all of theirs (None)."""
    capabilities = all_capabilities(user)
    shown = []
    for card in registry.cards:
        if card.capabilities & capabilities:
            context = card.context(user, facility_id)
            if context is not None:
                shown.append(ShownCard(card, context))
    return shown
