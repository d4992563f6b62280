"""The SQLAlchemy 2.0 family (FAM5xx).

Importing this package registers its rules and handlers on `FAMILY`.
"""

from __future__ import annotations

from flake8_familystd.rules.sqlalchemy import (
    declarative,
    dispatch,
    execution,
    expressions,
    queries,
    removed,
)
from flake8_familystd.rules.sqlalchemy.family import FAMILY

FAMILY.rules.sort(key=lambda rule: rule.code)

__all__ = [
    "FAMILY",
    "declarative",
    "dispatch",
    "execution",
    "expressions",
    "queries",
    "removed",
]
