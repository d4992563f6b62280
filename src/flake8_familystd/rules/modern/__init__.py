"""The modern-Python family (FAM9xx): stdlib, errors and architecture from the standards.

Importing this package registers its rules and handlers on `FAMILY`.
"""

from __future__ import annotations

from flake8_familystd.rules.modern import (
    broad_except,
    datetimes,
    docstrings,
    exceptions,
    global_state,
    imports,
    open_calls,
    paths,
    signatures,
    string_formatting,
    timezones,
    toml_reading,
)
from flake8_familystd.rules.modern.family import FAMILY

FAMILY.rules.sort(key=lambda rule: rule.code)

__all__ = [
    "FAMILY",
    "broad_except",
    "datetimes",
    "docstrings",
    "exceptions",
    "global_state",
    "imports",
    "open_calls",
    "paths",
    "signatures",
    "string_formatting",
    "timezones",
    "toml_reading",
]
