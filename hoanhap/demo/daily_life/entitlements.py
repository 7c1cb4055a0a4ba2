"""Daily life in the demo, entitlements."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import DemoWorld


def seed(world: DemoWorld) -> int:
    return 0
