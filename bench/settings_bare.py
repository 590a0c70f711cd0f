"""Bench-only settings (never deployed): the production settings with no middleware at all and a URLconf of one
trivial view, served by bench/portal.py beside the real site in the same run, so that the cost of our middleware
stack shows as a ratio ("bare view ÷ no-middleware view") that holds on a shared machine."""

from config.settings.prod import *  # noqa: F403

MIDDLEWARE = []
ROOT_URLCONF = "bench.urls_bare"
