"""FAM203: `asyncio.get_event_loop()` / `run_in_executor(None, ...)` in async code."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.family import FAMILY

FAM203 = FAMILY.rule(
    "FAM203",
    "legacy-loop-api",
    "use `{instead}` instead of `{name}` in async code",
    """
    ## What it does
    Reports, in the body of an `async def`:
    - `asyncio.get_event_loop()`: use `asyncio.get_running_loop()`;
    - `await loop.run_in_executor(None, func, *args)` (the default executor, awaited at
      once): use `await asyncio.to_thread(func, *args)` (target Python 3.9 or later).

    ## Why is this bad?
    "Never mix blocking calls in async code; use `asyncio.to_thread()` for CPU-bound work"
    (001). `get_event_loop()` is deprecated outside a running loop since 3.10 and says less
    than `get_running_loop()`; `to_thread` is shorter, awaitable and copies the current
    `contextvars` into the worker thread, which `run_in_executor` does not.

    ## Example
    ```python
    async def digest(data: bytes) -> str:
        return await asyncio.get_event_loop().run_in_executor(None, hash_it, data)
    ```

    Use instead:
    ```python
    async def digest(data: bytes) -> str:
        return await asyncio.to_thread(hash_it, data)
    ```

    ## Known limitations
    - A future from `run_in_executor(None, ...)` kept for later is not reported
      (`to_thread` gives a coroutine, not a future).
    - A non-`None` executor (`run_in_executor(process_pool, ...)`) is the right tool for
      CPU-bound work and is never reported; nor are `to_thread` implementations and an
      event loop class calling its own `self.run_in_executor(None, ...)`.
    - Sync entry points that create and set their own loop are not async code and are not
      reported. 000 recommends `get_event_loop().run_in_executor()`; this rule follows 001.

    ## References
    - [asyncio.get_running_loop](
      https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_running_loop)
    - [asyncio.to_thread](https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread)
    """,
)


@FAMILY.on_name("asyncio", FAM203)
def get_event_loop(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in ("asyncio.get_event_loop", "asyncio.events.get_event_loop"):
        return
    call = ctx.parent_of(node)
    if isinstance(call, ast.Call) and call.func is node and ctx.in_async_function:
        ctx.report(
            FAM203, call, instead="asyncio.get_running_loop()", name="asyncio.get_event_loop()"
        )


def default_executor(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if (
        type(func) is ast.Attribute
        and func.attr == "run_in_executor"
        and node.args
        and type(node.args[0]) is ast.Constant
        and node.args[0].value is None
        and isinstance(ctx.parent_of(node), ast.Await)
        and ctx.in_async_function
        and ctx.target >= (3, 9)
        and not _implements_to_thread(ctx, func)
    ):
        ctx.report(
            FAM203, node, instead="asyncio.to_thread(...)", name="run_in_executor(None, ...)"
        )


def _implements_to_thread(ctx: Context, func: ast.Attribute) -> bool:
    """Inside `to_thread` itself, or an event loop's own `self.run_in_executor(None, ...)`."""
    function = ctx.where.function
    if isinstance(function, ast.AsyncFunctionDef) and function.name == "to_thread":
        return True
    owner = ctx.parent_of(function) if function is not None else None
    return (
        isinstance(func.value, ast.Name)
        and func.value.id == "self"
        and isinstance(owner, ast.ClassDef)
        and any(
            isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
            and stmt.name == "run_in_executor"
            for stmt in owner.body
        )
    )
