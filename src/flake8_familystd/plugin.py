"""The flake8 entry point: options in, one walk per file, diagnostics out."""

from __future__ import annotations

import argparse
import ast
import functools
import os
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

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

    def run(self) -> Iterator[tuple[int, int, str, type[Plugin]]]:
        if profiling.enabled():
            start = time.perf_counter()
            found = lint(self.tree, self.filename, self.lines, self.settings)
            profiling.add("total", time.perf_counter() - start)
        else:
            found = lint(self.tree, self.filename, self.lines, self.settings)
        for diagnostic in found:
            yield diagnostic.line, diagnostic.col, f"{diagnostic.code} {diagnostic.text}", Plugin


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
