"""The Security family (FAM3xx).

Importing this package registers its rules and handlers on `FAMILY`.
"""

from __future__ import annotations

from flake8_familystd.rules.security import (
    asserts,
    code_execution,
    deserialisation,
    dispatch,
    environment,
    hardcoded_secrets,
    password_hashing,
    shell,
    sql_strings,
)
from flake8_familystd.rules.security.family import FAMILY

FAMILY.rules.sort(key=lambda rule: rule.code)

__all__ = [
    "FAMILY",
    "asserts",
    "code_execution",
    "deserialisation",
    "dispatch",
    "environment",
    "hardcoded_secrets",
    "password_hashing",
    "shell",
    "sql_strings",
]
