"""The Logging and PII family object (FAM4xx)."""

from __future__ import annotations

from typing import Final

from flake8_familystd.registry import Family

FAMILY: Final = Family("logging_pii", 4, "Logging and PII")
