from __future__ import annotations

import os

# Plugin internal errors fail the tests instead of being logged and swallowed.
os.environ.setdefault("FLAKE8_FAMILYSTD_RAISE", "1")
