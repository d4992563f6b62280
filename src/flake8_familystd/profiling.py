"""Opt-in timing of the plugin by family, for `bench/overhead.py` (off unless asked).

Set `FLAKE8_FAMILYSTD_PROFILE=/path/to/file.json`: handlers are then wrapped with timers
when the handler tables are built (so the normal path pays nothing), and the totals are
written to that file when the process exits.
"""

from __future__ import annotations

import atexit
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final, ParamSpec

PROFILE_ENV: Final = "FLAKE8_FAMILYSTD_PROFILE"
_totals: dict[str, float] = {}
_registered: list[bool] = []

P = ParamSpec("P")


def enabled() -> bool:
    return bool(os.environ.get(PROFILE_ENV))


def timed(family: str, handler: Callable[P, None]) -> Callable[P, None]:
    """`handler` (of any kind: node, name or bind), adding its run time to `family`'s total."""
    _ensure_dump()

    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        start = time.perf_counter()
        try:
            handler(*args, **kwargs)
        finally:
            _totals[family] = _totals.get(family, 0.0) + time.perf_counter() - start

    return run


def add(bucket: str, seconds: float) -> None:
    _ensure_dump()
    _totals[bucket] = _totals.get(bucket, 0.0) + seconds


def _ensure_dump() -> None:
    if not _registered:
        _registered.append(True)
        atexit.register(_dump)


def _dump() -> None:
    target = os.environ.get(PROFILE_ENV)
    if target:
        Path(target).write_text(json.dumps(_totals, indent=2, sort_keys=True), encoding="utf-8")
