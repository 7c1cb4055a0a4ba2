"""Daily life, visits: benchmark rows."""

from __future__ import annotations

from . import Measure

MEASURES: list[Measure] = []
