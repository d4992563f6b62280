"""Lint every `.py` file under the given paths with every FAM rule; fail on any plugin error.

    uv run python bench/crawl.py PATH... [--limit N]

Files that do not parse on this Python are skipped (flake8 reports E999 for them). Each
plugin exception is listed with its file and traceback; the exit code is 1 if there was any.
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
import tokenize
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

from flake8_familystd.plugin import lint
from flake8_familystd.rules import RULES
from flake8_familystd.settings import Settings

EVERYTHING = Settings(target_version=(3, 13), enabled=frozenset(RULES))


def python_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
        else:
            yield from sorted(path.rglob("*.py"))


def check_file(path: Path, settings: Settings = EVERYTHING) -> tuple[int, str | None]:
    """(number of diagnostics, traceback text or None) for one file."""
    try:
        with tokenize.open(path) as handle:
            lines = handle.readlines()
        tree = ast.parse("".join(lines), filename=str(path))
    except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError, MemoryError, OSError):
        return 0, None
    try:
        found = lint(tree, str(path), lines, settings, raise_errors=True)
    except Exception:
        return 0, traceback.format_exc()
    for diagnostic in found:
        if not 1 <= diagnostic.line <= max(len(lines), 1) or diagnostic.col < 0:
            return len(found), f"position out of range: {diagnostic}"
    return len(found), None


def crawl(paths: Iterable[Path], limit: int | None = None) -> tuple[int, int, list[str]]:
    """(files checked, diagnostics, failures)."""
    checked = diagnostics = 0
    failures: list[str] = []
    for path in python_files(paths):
        if limit is not None and checked >= limit:
            break
        count, failure = check_file(path)
        checked += 1
        diagnostics += count
        if failure is not None:
            failures.append(f"{path}\n{failure}")
    return checked, diagnostics, failures


def main() -> int:
    parser = argparse.ArgumentParser(description="crash-check the plugin on real code")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    checked, diagnostics, failures = crawl(args.paths, args.limit)
    for failure in failures:
        print(failure, file=sys.stderr)
    elapsed = time.perf_counter() - start
    print(f"{checked} files, {diagnostics} diagnostics, {len(failures)} failures, {elapsed:.1f}s")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
