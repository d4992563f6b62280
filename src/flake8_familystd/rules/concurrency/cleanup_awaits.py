"""FAM212: cleanup `await` in a `finally` / cancel handler without a shield or timeout."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.cancellation import caught_cancellation, may_be_cancelled
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.vocabulary import SHIELDS

FAM212 = FAMILY.rule(
    "FAM212",
    "unshielded-cleanup-await",
    "shield this cleanup `await` in {where} with `asyncio.shield(...)` or bound it with "
    "`asyncio.timeout(...)`",
    """
    ## What it does
    Reports an `await` in a `finally:` block, or in a handler that catches cancellation
    (`except CancelledError`, `except BaseException`, bare `except:`), of an `async def`,
    unless it is wrapped in `asyncio.shield(...)` or `asyncio.wait_for(...)`, or runs
    under `async with asyncio.timeout(...)`, an anyio / trio timeout, or any cancel scope
    made with `shield=True` (or given `scope.shield = True` in the same block).

    ## Why is this bad?
    "Handle cancellation properly with `try`/`finally` or `asyncio.shield()`" (001). Cleanup
    that runs because the task is being cancelled is cut short if the task is cancelled
    again (a second `cancel()`, an outer timeout), and a cleanup await with no deadline can
    hang shutdown forever.

    ## Example
    ```python
    async def serve(conn: Connection) -> None:
        try:
            await conn.run()
        finally:
            await conn.close()
    ```

    Use instead:
    ```python
    async def serve(conn: Connection) -> None:
        try:
            await conn.run()
        finally:
            await asyncio.shield(conn.close())
    ```

    ## Known limitations
    - Opt-in: in asyncio an `await` in a cancel handler works unless the task is cancelled
      again, and many cleanup awaits are cheap. `await asyncio.sleep(0)` is not reported.
    - Awaits in nested functions are judged in their own function. Not reported in test
      files.
    - Only cleanup after a `try` body that can be cancelled (it awaits, or uses `async for`
      / `async with`) is reported, and not an await that is itself guarded by a `try` whose
      handler catches `CancelledError` (a retry loop that survives re-cancellation).

    ## References
    - flake8-async `ASYNC102`, `ASYNC120`
    - [asyncio.shield](https://docs.python.org/3/library/asyncio-task.html#asyncio.shield)
    """,
    default_enabled=False,
    skip_in_tests=True,
)


@FAMILY.on(ast.Await, FAM212)
def cleanup_await(ctx: Context, node: ast.Await) -> None:
    if not ctx.in_async_function or _shielding(ctx, node.value) or _zero_sleep(ctx, node.value):
        return
    function = ctx.where.function
    child: ast.AST = node
    for parent in ctx.ancestors(node):
        if parent is function:
            return
        if isinstance(parent, ast.Call) and child is not parent.func and _shielding(ctx, parent):
            return
        if isinstance(parent, (ast.With, ast.AsyncWith)) and any(
            _shielding(ctx, item.context_expr) for item in parent.items
        ):
            return
        handlers: list[ast.ExceptHandler] = getattr(parent, "handlers", [])
        body: list[ast.stmt] = getattr(parent, "body", [])
        if handlers and child in body and any(caught_cancellation(ctx, h) for h in handlers):
            return  # `try: await x` / `except CancelledError:` already survives a cancel
        final: list[ast.stmt] = getattr(parent, "finalbody", [])
        if child in final:
            if may_be_cancelled(body) and not _shields_scope(final):
                ctx.report(FAM212, node, where="`finally`")
            return
        if isinstance(parent, ast.ExceptHandler) and child in parent.body:
            caught = caught_cancellation(ctx, parent)
            guarded: list[ast.stmt] = getattr(ctx.parent_of(parent), "body", [])
            if caught is not None and may_be_cancelled(guarded) and not _shields_scope(parent.body):
                label = "except:" if parent.type is None else f"except {caught}:"
                ctx.report(FAM212, node, where=f"`{label}`")
            return
        child = parent


def _shielding(ctx: Context, expr: ast.expr) -> bool:
    """`asyncio.shield(...)`, a timeout, or any cancel scope made with `shield=True`."""
    if not isinstance(expr, ast.Call):
        return False
    if any(
        k.arg == "shield" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in expr.keywords
    ):
        return True
    return (
        isinstance(expr.func, (ast.Name, ast.Attribute))
        and ctx.qualified_name(expr.func) in SHIELDS
    )


def _shields_scope(block: list[ast.stmt]) -> bool:
    """`scope.shield = True` in the cleanup block (anyio / trio cancel scopes)."""
    return any(
        isinstance(stmt, ast.Assign)
        and any(isinstance(t, ast.Attribute) and t.attr == "shield" for t in stmt.targets)
        for stmt in block
    )


def _zero_sleep(ctx: Context, expr: ast.expr) -> bool:
    return (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, (ast.Name, ast.Attribute))
        and ctx.qualified_name(expr.func) == "asyncio.sleep"
        and bool(expr.args)
        and isinstance(expr.args[0], ast.Constant)
        and expr.args[0].value == 0
    )
