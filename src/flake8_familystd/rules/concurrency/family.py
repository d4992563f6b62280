"""The Concurrency (async) family object (FAM2xx)."""

from __future__ import annotations

from typing import Final

from flake8_familystd.registry import Family

FAMILY: Final = Family("concurrency", 2, "Concurrency (async)")
