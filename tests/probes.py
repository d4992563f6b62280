"""Run the real walker with a probe family, to see what handlers see."""

from __future__ import annotations

import ast
from collections.abc import Callable

from flake8_familystd.context import Context
from flake8_familystd.registry import Family, Rule
from flake8_familystd.scope import Scope, ScopeKind
from flake8_familystd.settings import Settings
from flake8_familystd.walker import Walker, build_tables

PROBE_RULE = Rule("FAM999", "probe", "probe", "probe", "doc")


def walk_with(
    source: str,
    register: Callable[[Family], None],
    *,
    filename: str = "module.py",
    settings: Settings | None = None,
    tree: ast.Module | None = None,
) -> Context:
    family = Family("probe", 9, "Probe")
    register(family)
    tree = ast.parse(source) if tree is None else tree
    active = frozenset({PROBE_RULE.code})
    tables = build_tables([family], active)
    ctx = Context(
        filename=filename,
        lines=source.splitlines(keepends=True),
        settings=(settings or Settings(target_version=(3, 13))).for_file(filename),
        active=active,
        module_scope=Scope(ScopeKind.MODULE, tree, None),
    )
    Walker(ctx, tables, retable=lambda opened: (build_tables([family], active, opened), {})).run(
        tree
    )
    return ctx


def probe_calls(
    source: str,
    read: Callable[[Context, ast.Call], object],
    *,
    also: tuple[type[ast.AST], ...] = (),
) -> list[object]:
    """`read(ctx, call)` for every `probe(...)` call, in walk order (`also`: node types given
    a do-nothing handler too, as the walk takes shortcuts past types no handler wants)."""
    seen: list[object] = []

    def register(family: Family) -> None:
        @family.on(ast.Call, PROBE_RULE)
        def on_call(ctx: Context, node: ast.Call) -> None:
            if isinstance(node.func, ast.Name) and node.func.id == "probe":
                seen.append(read(ctx, node))

        for node_type in also:
            family.on(node_type, PROBE_RULE)(_ignore)

    walk_with(source, register)
    return seen


def _ignore(ctx: Context, node: ast.AST) -> None:
    del ctx, node
