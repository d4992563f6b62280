"""The modern-Python family object (FAM9xx: stdlib, errors, architecture)."""

from __future__ import annotations

from typing import Final

from flake8_familystd.registry import Family

FAMILY: Final = Family("modern", 9, "Modern Python")
