"""`flake8-familystd`: list and explain rules, regenerate the docs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from flake8_familystd import __version__, docs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flake8-familystd", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("rules", help="list every rule")
    listing.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    listing.add_argument("--family", help="only this family (e.g. typing)")
    explaining = commands.add_parser("explain", help="print one rule's documentation")
    explaining.add_argument("code", help="a rule code such as FAM101, or a rule name")
    generating = commands.add_parser("docs", help="regenerate docs/rules.md and README tables")
    mode = generating.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="write the generated files")
    mode.add_argument("--check", action="store_true", help="fail if they are out of date")
    generating.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)

    from flake8_familystd.rules import RULES

    if args.command == "rules":
        chosen = [r for r in RULES.values() if args.family in (None, r.family)]
        render = {"table": docs.rules_text, "json": docs.rules_json,
                  "markdown": docs.rules_markdown}[args.format]  # fmt: skip
        sys.stdout.write(render(chosen))
        return 0
    if args.command == "explain":
        wanted = args.code.strip()
        rule = RULES.get(wanted.upper()) or next(
            (r for r in RULES.values() if r.name == wanted.lower()), None
        )
        if rule is None:
            sys.stderr.write(f"flake8-familystd: unknown rule {wanted!r}\n")
            return 2
        sys.stdout.write(docs.explain(rule))
        return 0
    stale = []
    for path, content in docs.expected_files(args.root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            stale.append(path)
            if args.write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    if args.check and stale:
        names = ", ".join(str(p) for p in stale)
        sys.stderr.write(f"out of date: {names} (run `flake8-familystd docs --write`)\n")
        return 1
    return 0
