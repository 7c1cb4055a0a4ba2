"""The rows of daily life, one module per area; every row has a facility (`FacilityScopedModel`)."""

from .courses import *  # noqa: F403
from .entitlements import *  # noqa: F403
from .events import *  # noqa: F403
from .labour import *  # noqa: F403
from .visits import *  # noqa: F403
