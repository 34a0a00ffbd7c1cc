"""Test configuration: hypothesis profiles.

* ``fast`` (the default): 60 examples per property, for the edit-test loop.
* ``ci`` (selected by ``CI=true``): 200 examples per property; the whole suite
  stays under five minutes on a two-core machine.
* ``thorough`` (``HYPOTHESIS_PROFILE=thorough``): 1,000 examples per property,
  for a deliberate long run before a release; it takes about half an hour.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("fast", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("ci" if os.environ.get("CI", "").lower() == "true" else "fast"))
