from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Plugin internal errors fail the tests instead of being logged and swallowed.
os.environ.setdefault("FLAKE8_FAMILYSTD_RAISE", "1")

# Generated-program fuzzing: bounded in CI; `HYPOTHESIS_PROFILE=long uv run pytest
# tests/test_robustness.py` runs the long profile.
_QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
