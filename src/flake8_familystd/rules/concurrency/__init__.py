"""The Concurrency (async) family (FAM2xx).

Importing this package registers its rules and handlers on `FAMILY`.
"""

from __future__ import annotations

from flake8_familystd.rules.concurrency.family import FAMILY

FAMILY.rules.sort(key=lambda rule: rule.code)

__all__ = ["FAMILY"]
