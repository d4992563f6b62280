"""The Security family object (FAM3xx)."""

from __future__ import annotations

from typing import Final

from flake8_familystd.registry import Family

FAMILY: Final = Family("security", 3, "Security")
