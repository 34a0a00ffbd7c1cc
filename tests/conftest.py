"""Test configuration: hypothesis profiles.

The default profile is fast; ``CI=true`` (or ``HYPOTHESIS_PROFILE=ci``)
selects the thorough one.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("fast", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("ci" if os.environ.get("CI", "").lower() == "true" else "fast"))
