"""FAM204: `CancelledError` caught in async code and not re-raised."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.cancellation import (
    awaited_texts,
    cancellation_in,
    caught_cancellation,
    handles_deliberately,
    may_be_cancelled,
    only_reaps,
    reraises,
)
from flake8_familystd.rules.concurrency.family import FAMILY

FAM204 = FAMILY.rule(
    "FAM204",
    "swallowed-cancelled-error",
    "re-raise after `{caught}` in async code: swallowing `CancelledError` breaks cancellation",
    """
    ## What it does
    Reports, in the body of an `async def`, handlers that catch `CancelledError` and do not
    re-raise on every path: `except asyncio.CancelledError` (any spelling or alias,
    `asyncio.exceptions.CancelledError`, `anyio.get_cancelled_exc_class()`),
    `except BaseException`, bare `except:`, and `with contextlib.suppress(CancelledError)`,
    when the guarded code can be cancelled (it awaits something).

    ## Why is this bad?
    "Always propagate cancellation explicitly; never swallow `CancelledError`" (001). A
    task that swallows its cancellation keeps running: `TaskGroup`, `asyncio.timeout()`
    and server shutdown wait for it forever or see it finish "normally".

    ## Example
    ```python
    async def worker() -> None:
        try:
            await do_work()
        except asyncio.CancelledError:
            log.info("stopped")
    ```

    Use instead:
    ```python
    async def worker() -> None:
        try:
            await do_work()
        except asyncio.CancelledError:
            await cleanup_resources()
            raise
    ```

    ## Known limitations
    - Not reported: the "we cancelled it ourselves" pattern (`task.cancel()` earlier in the
      function, then `try: await task` / `await asyncio.gather(*tasks)` / `with
      suppress(CancelledError): await task`), and more generally guarded code that only
      awaits tasks or futures it holds (reaping them); handlers that call `.uncancel()` or
      check `.cancelling()`, forward `sys.exc_info()`, or use the caught exception other
      than in a logging call (`errors.append(exc)`, `if exc is not value: raise`);
      handlers after an earlier `except CancelledError` of the same `try`; guarded code
      with no `await`, `async for` or `async with` (cancellation is delivered at those
      points); `except Exception`, which does not catch `CancelledError` since 3.8; sync
      functions; test files.
    - A handler that re-raises on one path and returns on another is reported.

    ## References
    - flake8-async `ASYNC103`, `ASYNC104`; SonarCloud `S7497`
    - [Task cancellation](https://docs.python.org/3/library/asyncio-task.html#task-cancellation)
    """,
    skip_in_tests=True,
)


class _Cancelled(dict[ast.AST, set[str]]):
    """Per function: what `.cancel()` was called on (`task`, and `tasks` of `for t in tasks`)."""


def cancel_call(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if type(func) is not ast.Attribute or func.attr != "cancel" or not ctx.in_async_function:
        return
    function = ctx.where.function
    assert function is not None
    texts = ctx.scratch(_Cancelled).setdefault(function, set())
    texts.add(ctx.source_segment(func.value))
    if isinstance(func.value, ast.Name):
        for parent in ctx.ancestors(node):
            if parent is function:
                break
            if isinstance(parent, (ast.For, ast.AsyncFor)) and _targets(parent, func.value.id):
                texts.add(ctx.source_segment(parent.iter))


def _targets(loop: ast.For | ast.AsyncFor, name: str) -> bool:
    return isinstance(loop.target, ast.Name) and loop.target.id == name


def _cancelled_ourselves(ctx: Context, body: list[ast.stmt]) -> bool:
    cancelled = ctx.peek(_Cancelled)
    function = ctx.where.function
    if not cancelled or function is None or function not in cancelled:
        return False
    return not awaited_texts(ctx, body).isdisjoint(cancelled[function])


@FAMILY.on(ast.ExceptHandler, FAM204)
def cancel_handler(ctx: Context, node: ast.ExceptHandler) -> None:
    if not ctx.in_async_function:
        return
    caught = caught_cancellation(ctx, node)
    guarded = ctx.parent_of(node)
    if caught is None or guarded is None:
        return
    handlers: list[ast.ExceptHandler] = getattr(guarded, "handlers", [])
    body: list[ast.stmt] = getattr(guarded, "body", [])
    for earlier in handlers:
        if earlier is node:
            break
        if caught_cancellation(ctx, earlier) is not None:
            return  # the earlier handler decides what happens to cancellation
    if (
        reraises(node.body)
        or handles_deliberately(ctx, node)
        or not may_be_cancelled(body)
        or only_reaps(body)
        or _cancelled_ourselves(ctx, body)
    ):
        return
    ctx.report(FAM204, node, caught=caught)


@FAMILY.on(ast.AsyncWith, FAM204)
def suppressed(ctx: Context, node: ast.With | ast.AsyncWith) -> None:
    if not ctx.in_async_function:
        return
    for item in node.items:
        call = item.context_expr
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, (ast.Name, ast.Attribute))
            and ctx.qualified_name(call.func) == "contextlib.suppress"
        ):
            caught = next(filter(None, (cancellation_in(ctx, arg) for arg in call.args)), None)
            if (
                caught is not None
                and may_be_cancelled(node.body)
                and not only_reaps(node.body)
                and not _cancelled_ourselves(ctx, node.body)
            ):
                ctx.report(FAM204, node, caught=f"suppress({caught})")
