"""The residents API (/api/residents): the same selectors, services and access helper as the
pages, so the same rules. One router (common.py); each module adds the endpoints of one concept."""

# isort: off
# The paths without a resident id (export, import) first: `/{resident_id}` would take them.
from . import io
from . import residents, episode, documents

# isort: on
from .common import router

__all__ = ["documents", "episode", "io", "residents", "router"]
