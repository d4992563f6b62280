"""Opt-in timing of the plugin by family, for `bench/overhead.py` (off unless asked).

Set `FLAKE8_FAMILYSTD_PROFILE=/path/to/file.json`: handlers are then wrapped with timers
when the handler tables are built (so the normal path pays nothing), and the totals are
written to that file when the process exits.
"""

from __future__ import annotations

import ast
import atexit
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

from flake8_familystd.context import Context

PROFILE_ENV: Final = "FLAKE8_FAMILYSTD_PROFILE"
_totals: dict[str, float] = {}
_registered: list[bool] = []

Handler = Callable[[Context, ast.AST], None]
NameHandler = Callable[[Context, ast.Name | ast.Attribute, str], None]
BindHandler = Callable[[Context, ast.Name], None]


def enabled() -> bool:
    return bool(os.environ.get(PROFILE_ENV))


def timed(family: str, handler: Handler) -> Handler:
    """`handler`, adding its run time to `family`'s total."""
    _ensure_dump()

    def run(ctx: Context, node: ast.AST) -> None:
        start = time.perf_counter()
        try:
            handler(ctx, node)
        finally:
            _totals[family] = _totals.get(family, 0.0) + time.perf_counter() - start

    return run


def timed_name(family: str, handler: NameHandler) -> NameHandler:
    """A name handler, adding its run time to `family`'s total."""
    _ensure_dump()

    def run(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
        start = time.perf_counter()
        try:
            handler(ctx, node, qualname)
        finally:
            _totals[family] = _totals.get(family, 0.0) + time.perf_counter() - start

    return run


def timed_bind(family: str, handler: BindHandler) -> BindHandler:
    """A bind handler, adding its run time to `family`'s total."""
    _ensure_dump()

    def run(ctx: Context, node: ast.Name) -> None:
        start = time.perf_counter()
        try:
            handler(ctx, node)
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
