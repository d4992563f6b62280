"""What candidate functions return: collected on the walk, judged when the function ends."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context, FunctionNode
from flake8_familystd.registry import Rule
from flake8_familystd.rules.typing.family import FAMILY

_GENERATOR: Final = ast.Constant(value=...)


class Returns(dict[FunctionNode, tuple[set[str], list[ast.expr | None]]]):
    """Watched functions: which rules watch them, and their return values."""


def watch(ctx: Context, function: FunctionNode, rule: Rule) -> None:
    ctx.scratch(Returns).setdefault(function, (set(), []))[0].add(rule.code)


def returned(ctx: Context, function: FunctionNode, rule: Rule) -> list[ast.expr | None] | None:
    """Return values of a function `rule` watches; None if not watched or a generator."""
    entry = ctx.scratch(Returns).get(function)
    if entry is None or rule.code not in entry[0]:
        return None
    values = entry[1]
    return None if any(value is _GENERATOR for value in values) else values


def register(*rules: Rule) -> None:
    """Hang the collectors on the walk for `rules`."""

    @FAMILY.on(ast.Return, *rules)
    def collect_return(ctx: Context, node: ast.Return) -> None:
        _record(ctx, node.value)

    @FAMILY.on(ast.Yield, *rules)
    @FAMILY.on(ast.YieldFrom, *rules)
    def collect_yield(ctx: Context, node: ast.Yield | ast.YieldFrom) -> None:
        _record(ctx, _GENERATOR)


def _record(ctx: Context, value: ast.expr | None) -> None:
    function = ctx.where.function
    watched = ctx.peek(Returns)
    if function is not None and watched:
        entry = watched.get(function)
        if entry is not None:
            entry[1].append(value)
