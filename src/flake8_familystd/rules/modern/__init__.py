"""The modern-Python family (FAM9xx): stdlib, errors and architecture from the standards.

Importing this package registers its rules and handlers on `FAMILY`.
"""

from __future__ import annotations

from flake8_familystd.rules.modern import exceptions, imports, timezones
from flake8_familystd.rules.modern.family import FAMILY

FAMILY.rules.sort(key=lambda rule: rule.code)

__all__ = ["FAMILY", "exceptions", "imports", "timezones"]
