"""The fuzz layer's shared budget: hypothesis settings for every fuzz test (schemathesis over the APIs,
hypothesis posts to the forms). ``FUZZ_EXAMPLES`` (environment) sets the examples per target: 30 by default so
the layer stays within a couple of minutes per suite run; e.g. ``FUZZ_EXAMPLES=500 bin/test -m fuzz`` for a
long run."""

import os

from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))


def fuzz_settings(examples: int | None = None):
    return hypothesis_settings(
        max_examples=examples or FUZZ_EXAMPLES,
        deadline=None,  # never a timed assertion: the machines are shared
        database=None,  # no .hypothesis folder in the checkout
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much,
                               HealthCheck.data_too_large],
    )
