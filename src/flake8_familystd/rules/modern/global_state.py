"""FAM910: global state rebound from functions."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

FAM910 = FAMILY.rule(
    "FAM910",
    "global-statement",
    "pass {names} in (dependency injection) instead of rebinding module state with `global`",
    """
    ## What it does
    Reports `global` statements in functions: the function rebinds module-level state.

    ## Why is this bad?
    "No Global State: Use dependency injection via constructors" (000). A module-level
    singleton rebound from functions is shared by every caller, every test and every
    thread; it hides a dependency from the signature and makes test isolation depend on
    teardown order.

    ## Example
    ```python
    _client = None

    def get_client() -> Client:
        global _client
        if _client is None:
            _client = Client()
        return _client
    ```

    Use instead:
    ```python
    class Service:
        def __init__(self, client: Client) -> None:
            self._client = client
    ```

    ## Known limitations
    - Only names the function rebinds are reported (assignment, `+=`, `del`, loop target):
      a `global x` that only reads `x` changes nothing.
    - Mutating a module-level object without rebinding it (`_cache[key] = value`) is not a
      `global` statement and is not reported.
    - 001's thread-safe singleton example uses `global`; teams that follow it can ignore
      this rule (`extend-ignore = FAM910`).

    ## References
    - pylint `W0603` (`global-statement`), ruff `PLW0603`
    """,
)


class _Globals(dict[ast.Global, list[str]]):
    """`global` statements in functions -> the names the function really rebinds."""


@FAMILY.on(ast.Global, FAM910)
def global_statement(ctx: Context, node: ast.Global) -> None:
    if ctx.where.function is not None:
        ctx.scratch(_Globals)[node] = []
        for name in node.names:
            ctx.watch_name(name, global_rebound)


def global_rebound(ctx: Context, node: ast.Name) -> None:
    """`x = ...`, `x += ...`, `del x`, `for x in ...` on a name the function declared global."""
    statements = ctx.peek(_Globals)
    if not statements or type(node.ctx) is ast.Load or node.id not in ctx.where.scope.globals:
        return
    function = ctx.where.function
    for statement, rebound in statements.items():
        if node.id not in statement.names or node.id in rebound:
            continue
        if _inside(ctx, statement, function):
            rebound.append(node.id)


def _inside(ctx: Context, statement: ast.Global, function: ast.AST | None) -> bool:
    return function is not None and any(a is function for a in ctx.ancestors(statement))


@FAMILY.on_exit(ast.Module, FAM910)
def global_verdict(ctx: Context, node: ast.Module) -> None:
    for statement, rebound in (ctx.peek(_Globals) or {}).items():
        if rebound:
            ctx.report(FAM910, statement, names=", ".join(f"`{name}`" for name in rebound))
