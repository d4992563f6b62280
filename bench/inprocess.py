"""The plugin's own CPU time on a tree, without flake8: parse once, then lint every file.

    uv run python bench/inprocess.py [--corpus django|PATH] [--runs N] [--all] [--cold]

Prints the best-of-N time of `lint()` over every pre-parsed file (default rules, or every
rule with `--all`), next to one `ast.NodeVisitor` walk of the same trees as a yardstick
(the budget in the README is about three such walks). Steadier than `overhead.py` on a
busy machine, because it measures only the plugin and takes the best run.
"""

from __future__ import annotations

import argparse
import ast
import time
import warnings
from pathlib import Path
from typing import Final

from bench.overhead import corpus_path
from flake8_familystd.plugin import lint
from flake8_familystd.rules import DEFAULT_OFF, RULES
from flake8_familystd.settings import Settings


def load(root: Path) -> list[tuple[str, ast.AST, list[str]]]:
    parsed = []
    for path in sorted(root.rglob("*.py")):
        try:
            source = path.read_text(encoding="utf-8")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(source, str(path))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        parsed.append((str(path), tree, source.splitlines(keepends=True)))
    return parsed


FLUSH_BYTES: Final = 32 * 1024 * 1024


def best(runs: int, job: object) -> float:
    assert callable(job)
    times = []
    for _ in range(runs):
        start = time.process_time()
        job()
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="django")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="every rule, opt-in included")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="also time lint() with the CPU caches flushed before each file (as flake8's "
        "own checks partly do between files), timing only the lints",
    )
    args = parser.parse_args()
    files = load(corpus_path(args.corpus))
    codes = frozenset(RULES) if args.all else frozenset(RULES) - frozenset(DEFAULT_OFF)
    settings = Settings.from_values({}, codes)
    count = 0
    flush = bytearray(FLUSH_BYTES)
    zeros = bytes(FLUSH_BYTES)

    def plugin() -> None:
        nonlocal count
        count = sum(len(lint(tree, name, lines, settings)) for name, tree, lines in files)

    def cold_lints() -> float:
        spent = 0.0
        for name, tree, lines in files:
            flush[:] = zeros  # writing more than the caches hold evicts what lint() uses
            start = time.process_time()
            lint(tree, name, lines, settings)
            spent += time.process_time() - start
        return spent

    def visitor() -> None:
        walker = ast.NodeVisitor()
        for _, tree, _ in files:
            walker.visit(tree)

    yardstick = best(args.runs, visitor)
    spent = best(args.runs, plugin)
    print(f"{len(files)} files, {count} diagnostics")
    print(f"one ast.NodeVisitor walk: {yardstick:.3f} s")
    print(f"flake8-familystd lint():  {spent:.3f} s ({spent / yardstick:.2f} walks)")
    if args.cold:
        cold = min(cold_lints() for _ in range(args.runs))
        extra = (cold - spent) / len(files) * 1e6
        print(f"  with the caches flushed before each file: {cold:.3f} s ({extra:+.0f} µs a file)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
