"""The settings the benchmark server runs with: production's, plus the bare view's URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
