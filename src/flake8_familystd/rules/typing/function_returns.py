"""What candidate functions return: collected on the walk, judged when the function ends."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context, FunctionNode
from flake8_familystd.registry import Rule
from flake8_familystd.rules.typing.family import FAMILY


class Returns(dict[FunctionNode, list[ast.expr | None]]):
    """Return values of the functions some rule asked to watch (`None` = a generator)."""


def watch(ctx: Context, function: FunctionNode) -> None:
    ctx.scratch(Returns)[function] = []


def returned(ctx: Context, function: FunctionNode) -> list[ast.expr | None] | None:
    """The watched function's return values, or None if not watched or a generator."""
    values = ctx.scratch(Returns).pop(function, None)
    if values is None or any(v is _GENERATOR for v in values):
        return None
    return values


_GENERATOR = ast.Constant(value=...)


def register(*rules: Rule) -> None:
    """Hang the collectors on the walk for `rules`."""

    @FAMILY.on(ast.Return, *rules)
    def collect_return(ctx: Context, node: ast.Return) -> None:
        values = ctx.scratch(Returns).get(ctx.where.function) if ctx.where.function else None
        if values is not None:
            values.append(node.value)

    @FAMILY.on(ast.Yield, *rules)
    @FAMILY.on(ast.YieldFrom, *rules)
    def collect_yield(ctx: Context, node: ast.Yield | ast.YieldFrom) -> None:
        values = ctx.scratch(Returns).get(ctx.where.function) if ctx.where.function else None
        if values is not None:
            values.append(_GENERATOR)
