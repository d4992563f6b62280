"""The SQLAlchemy 2.0 family object (FAM5xx)."""

from __future__ import annotations

from typing import Final

from flake8_familystd.registry import Family

# Files that import none of these never pay for the family's handlers.
FAMILY: Final = Family(
    "sqlalchemy", 5, "SQLAlchemy 2.0", gate=("sqlalchemy", "flask_sqlalchemy", "sqlmodel")
)
