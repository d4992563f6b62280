"""Watching one binding's uses: rules that judge a definition by how it is used later."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Final

from flake8_familystd.context import Context

OnUse = Callable[[Context, ast.expr], None]
IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Watchers(dict[tuple[ast.AST, str], list[OnUse]]):
    """Callbacks keyed by (binding node, name), kept in `ctx.scratch`."""


def watch(ctx: Context, binding_node: ast.AST, name: str, on_use: OnUse) -> None:
    ctx.scratch(Watchers).setdefault((binding_node, name), []).append(on_use)
    ctx.watch_name(name, name_loaded)


def name_loaded(ctx: Context, node: ast.Name) -> None:
    """Tell the watchers of the binding `node` (a name spelled like a watched one) uses."""
    if type(node.ctx) is not ast.Load:
        return
    binding = ctx.where.scope.lookup(node.id)
    watchers = ctx.peek(Watchers)
    if binding is not None and watchers:
        for on_use in watchers.get((binding.node, node.id), ()):
            on_use(ctx, node)


def names_in_string_annotation(ctx: Context, node: ast.Constant) -> None:
    """A quoted annotation uses every name it spells (`"list[T]"` uses `list` and `T`)."""
    watchers = ctx.peek(Watchers)
    if not watchers or not isinstance(node.value, str) or len(node.value) > 500:
        return
    for name in set(IDENTIFIER.findall(node.value)):
        binding = ctx.lookup(name)
        if binding is not None:
            for on_use in watchers.get((binding.node, name), ()):
                on_use(ctx, node)


def module_exports(ctx: Context) -> frozenset[str]:
    """Names listed in a literal module-level `__all__`."""
    binding = ctx.scope.module().bindings.get("__all__")
    value = binding.value if binding is not None else None
    if not isinstance(value, (ast.List, ast.Tuple)):
        return frozenset()
    return frozenset(
        elt.value
        for elt in value.elts
        if isinstance(elt, ast.Constant) and isinstance(elt.value, str)
    )
