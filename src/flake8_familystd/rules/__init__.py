"""Every rule family, in code order, and the registry index built from them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from flake8_familystd.registry import Family, Rule, build_index
from flake8_familystd.rules.concurrency import FAMILY as CONCURRENCY
from flake8_familystd.rules.logging_pii import FAMILY as LOGGING_PII
from flake8_familystd.rules.modern import FAMILY as MODERN
from flake8_familystd.rules.security import FAMILY as SECURITY
from flake8_familystd.rules.sqlalchemy import FAMILY as SQLALCHEMY
from flake8_familystd.rules.typing import FAMILY as TYPING

FAMILIES: Final[tuple[Family, ...]] = (
    TYPING,
    CONCURRENCY,
    SECURITY,
    LOGGING_PII,
    SQLALCHEMY,
    MODERN,
)
RULES: Final[Mapping[str, Rule]] = build_index(FAMILIES)
DEFAULT_OFF: Final = tuple(code for code, rule in RULES.items() if not rule.default_enabled)
