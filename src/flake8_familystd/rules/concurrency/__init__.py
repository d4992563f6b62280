"""The Concurrency (async) family (FAM2xx).

Importing this package registers its rules and handlers on `FAMILY`.
"""

from __future__ import annotations

from flake8_familystd.rules.concurrency import (
    async_generators,
    blocking_calls,
    cleanup_awaits,
    dispatch,
    event_loop,
    resources,
    sleeps,
    swallowed_cancel,
    sync_database,
    tasks,
    thread_state,
)
from flake8_familystd.rules.concurrency.family import FAMILY

FAMILY.rules.sort(key=lambda rule: rule.code)

__all__ = [
    "FAMILY",
    "async_generators",
    "blocking_calls",
    "cleanup_awaits",
    "dispatch",
    "event_loop",
    "resources",
    "sleeps",
    "swallowed_cancel",
    "sync_database",
    "tasks",
    "thread_state",
]
