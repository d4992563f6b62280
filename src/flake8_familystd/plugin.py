"""The flake8 entry point: options in, one walk per file, diagnostics out."""

from __future__ import annotations

import argparse
import ast
import functools
import os
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Final

from flake8_familystd import __version__, profiling
from flake8_familystd.context import LOG, Context, Diagnostic
from flake8_familystd.rules import DEFAULT_OFF, FAMILIES, RULES
from flake8_familystd.scope import Scope, ScopeKind
from flake8_familystd.settings import (
    OPTIONS,
    OptionValueError,
    Settings,
    argparse_type,
)
from flake8_familystd.walker import RAISE_ENV, Plan, Tables, Walker, build_tables

if TYPE_CHECKING:
    from flake8.options.manager import OptionManager


class HeldBack:
    """One file's diagnostics, held back from flake8's tree phase for its first logical line.

    flake8 tokenizes a whole file for `# noqa` at the file's first report. Reported from
    the tree phase, that happens while flake8 still holds the tree (which pyflakes has made
    a cycle), and the token allocations push the tree into the collector's oldest
    generation, where it is traversed by later full collections. Reported from the first
    logical line, the tree is already garbage: same diagnostics, less memory traffic
    (README, Performance). Only under flake8: `Plugin.parse_options` turns it on.
    """

    __slots__ = ("enabled", "found", "lines")

    def __init__(self) -> None:
        self.enabled = False
        self.lines: list[str] | None = None
        self.found: list[Diagnostic] = []

    def hold(self, lines: list[str], found: list[Diagnostic]) -> None:
        if self.lines is not None:  # flake8 never reached that file's logical lines
            LOG.debug("flake8-familystd: dropped %d held-back diagnostics", len(self.found))
        self.lines = lines
        self.found = found

    def take(self, lines: list[str]) -> list[Diagnostic]:
        if self.lines is not lines:
            return []
        found = self.found
        self.lines = None
        self.found = []
        return found


HELD_BACK: Final = HeldBack()


Offsets = list[tuple[tuple[int, int], str]]


def report_held_back(logical_line: str, lines: list[str]) -> Offsets | None:
    """flake8 logical-line plugin (entry point `FAM0`): the held-back diagnostics of this
    file, at its first logical line (`(line, col)` offsets are absolute). `logical_line`
    is unused: asking for it is what makes this a logical-line plugin."""
    if HELD_BACK.lines is not lines:  # (nearly every call: keep it cheap)
        return None
    return [((d.line, d.col), f"{d.code} {d.text}") for d in HELD_BACK.take(lines)]


class Plugin:
    """flake8 tree plugin for the FAM codes."""

    name: ClassVar[str] = "flake8-familystd"
    version: ClassVar[str] = __version__
    settings: ClassVar[Settings] = Settings()

    def __init__(self, tree: ast.AST, filename: str, lines: list[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, manager: OptionManager) -> None:
        for spec in OPTIONS:
            help_text = f"{spec.help} (Default: %(default)s)"
            if spec.comma_list:
                manager.add_option(
                    spec.flag,
                    default=spec.default,
                    parse_from_config=True,
                    comma_separated_list=True,
                    help=help_text,
                )
            else:
                manager.add_option(
                    spec.flag,
                    default=spec.default,
                    parse_from_config=True,
                    type=argparse_type(spec),
                    help=help_text,
                )
        manager.extend_default_ignore(list(DEFAULT_OFF))

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        values = {spec.dest: getattr(options, spec.dest, None) for spec in OPTIONS}
        try:
            cls.settings = Settings.from_values(values, selected_codes(options))
        except OptionValueError as exc:
            from flake8.exceptions import ExecutionError

            raise ExecutionError(str(exc)) from None
        # flake8 is running, with every entry point of this package (`report_held_back`).
        HELD_BACK.enabled = True

    def run(self) -> Iterator[tuple[int, int, str, type[Plugin]]]:
        if profiling.enabled():
            start = time.perf_counter()
            found = lint(self.tree, self.filename, self.lines, self.settings)
            profiling.add("total", time.perf_counter() - start)
        else:
            found = lint(self.tree, self.filename, self.lines, self.settings)
        if found and HELD_BACK.enabled and _has_statements(self.tree):
            HELD_BACK.hold(self.lines, found)
            return
        for diagnostic in found:
            yield diagnostic.line, diagnostic.col, f"{diagnostic.code} {diagnostic.text}", Plugin


def _has_statements(tree: ast.AST) -> bool:
    """Will flake8 see a logical line? (Not in a module of comments and blank lines.)"""
    return isinstance(tree, ast.Module) and bool(tree.body)


def selected_codes(options: argparse.Namespace) -> frozenset[str] | None:
    """The FAM codes flake8's select/ignore settings let through (None: could not tell)."""
    try:
        from flake8.style_guide import Decision, DecisionEngine

        engine = DecisionEngine(options)
        return frozenset(c for c in RULES if engine.decision_for(c) is Decision.Selected)
    except (AttributeError, TypeError, ImportError):  # pragma: no cover - other flake8 APIs
        return None


@functools.lru_cache(maxsize=64)
def active_codes(
    enabled: frozenset[str] | None, is_test_file: bool, target: tuple[int, int]
) -> frozenset[str]:
    codes = RULES.keys() if enabled is None else enabled
    return frozenset(c for c in codes if c in RULES and _applies(c, is_test_file, target))


def _applies(code: str, is_test_file: bool, target: tuple[int, int]) -> bool:
    rule = RULES[code]
    if is_test_file and rule.skip_in_tests:
        return False
    return rule.min_target is None or target >= rule.min_target


@functools.lru_cache(maxsize=64)
def tables_for(
    active: frozenset[str], opened: frozenset[str] = frozenset()
) -> tuple[Tables, dict[type[ast.AST], Plan]]:
    """Handler tables for a set of active rules and opened family gates, and the walker's
    per-type plan cache."""
    return build_tables(FAMILIES, active, opened), {}


def lint(
    tree: ast.AST,
    filename: str,
    lines: list[str],
    settings: Settings,
    *,
    raise_errors: bool = False,
) -> list[Diagnostic]:
    """Every diagnostic for one parsed file. Never raises, unless asked to (tests, crawls)."""
    raise_errors = raise_errors or bool(os.environ.get(RAISE_ENV))
    try:
        file_settings = settings.for_file(filename)
        active = active_codes(settings.enabled, file_settings.is_test_file, file_settings.target)
        tables, plans = tables_for(active)
        if not (tables.enter or tables.leave or tables.names or tables.strings or tables.closed):
            return []
        ctx = Context(
            filename=filename,
            lines=lines,
            settings=file_settings,
            active=active,
            module_scope=Scope(ScopeKind.MODULE, tree, None),
        )
        Walker(
            ctx,
            tables,
            plans,
            raise_errors=raise_errors,
            retable=functools.partial(tables_for, active),
        ).run(tree)
    except Exception:
        if raise_errors:
            raise
        LOG.warning("flake8-familystd: internal error on %s (please report it)", filename,
                    exc_info=True)  # fmt: skip
        return []
    return ctx.diagnostics
