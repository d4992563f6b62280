"""The Logging and PII family (FAM4xx).

Importing this package registers its rules and handlers on `FAMILY`.
"""

from __future__ import annotations

from flake8_familystd.rules.logging_pii import (
    bulk_dumps,
    exception_text,
    log_arguments,
    log_fields,
    secrets,
    sink_calls,
    telemetry,
)
from flake8_familystd.rules.logging_pii.family import FAMILY

FAMILY.rules.sort(key=lambda rule: rule.code)

__all__ = [
    "FAMILY",
    "bulk_dumps",
    "exception_text",
    "log_arguments",
    "log_fields",
    "secrets",
    "sink_calls",
    "telemetry",
]
