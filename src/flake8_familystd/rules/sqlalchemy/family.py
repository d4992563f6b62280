"""The SQLAlchemy 2.0 family object (FAM5xx)."""

from __future__ import annotations

from typing import Final

from flake8_familystd.registry import Family

FAMILY: Final = Family("sqlalchemy", 5, "SQLAlchemy 2.0")
