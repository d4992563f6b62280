"""FAM205: fire-and-forget tasks; FAM206: `asyncio.gather(...)` -> `TaskGroup`."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.loop_context import type_of
from flake8_familystd.rules.concurrency.vocabulary import TASK_FACTORIES

_LOOP_FACTORIES: Final = frozenset(
    {"asyncio.get_running_loop", "asyncio.get_event_loop", "asyncio.new_event_loop",
     "asyncio.events.get_running_loop", "asyncio.events.get_event_loop"}
)  # fmt: skip
_LOOP_NAMES: Final = frozenset({"loop", "_loop", "event_loop", "_event_loop"})
_FACTORY_NAMES: Final = frozenset({"create_task", "ensure_future"})

FAM205 = FAMILY.rule(
    "FAM205",
    "dangling-task",
    "keep a reference to the task from `{name}`{hint}: the event loop only holds a weak "
    "reference to it",
    """
    ## What it does
    Reports `asyncio.create_task(...)`, `asyncio.ensure_future(...)` and
    `loop.create_task(...)` whose result is thrown away (an expression statement, or
    `_ = ...`).

    ## Why is this bad?
    "Use `asyncio.TaskGroup` (Python 3.11+) for structured concurrency" (001). The event
    loop keeps only a weak reference to a task: a task nobody holds can be garbage-collected
    before it finishes, and its exception is never seen.

    ## Example
    ```python
    async def signup(user: User) -> None:
        asyncio.create_task(send_email(user))
    ```

    Use instead:
    ```python
    async def signup(user: User) -> None:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(send_email(user))
    ```

    ## Known limitations
    - `tg.create_task(...)` on an `asyncio.TaskGroup` is not reported; `return
      asyncio.create_task(...)` and `tasks.add(asyncio.create_task(...))` keep the task.
    - `loop.create_task(...)` is recognised when the receiver comes from
      `asyncio.get_running_loop()` / `get_event_loop()` / `new_event_loop()` or is named
      `loop` / `_loop` / `event_loop`.
    - The `TaskGroup` suggestion is only made for target Python 3.11 or later. A task kept
      in a local that is never used again is not reported.

    ## References
    - ruff `RUF006`, flake8-async `ASYNC300`
    - [asyncio.create_task](https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task)
    """,
)

FAM206 = FAMILY.rule(
    "FAM206",
    "gather-to-task-group",
    "use `asyncio.TaskGroup` instead of `asyncio.gather(...)` for structured concurrency",
    """
    ## What it does
    Reports `asyncio.gather(...)` calls that start their own awaitables (coroutine calls,
    comprehensions), when the target Python is 3.11 or later.

    ## Why is this bad?
    "Use `asyncio.TaskGroup` (Python 3.11+) for structured concurrency" and "Use exception
    groups for concurrent error handling" (001). When one awaitable of a `gather` fails, the
    others keep running unsupervised; a `TaskGroup` cancels them and raises every error as
    an `ExceptionGroup`.

    ## Example
    ```python
    results = await asyncio.gather(*(fetch(u) for u in urls))
    ```

    Use instead:
    ```python
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch(u)) for u in urls]
    results = [t.result() for t in tasks]
    ```

    ## Known limitations
    - Opt-in: CPython presents `TaskGroup` as an alternative, not a replacement, for
      `gather`.
    - Not reported: `gather(..., return_exceptions=True)` (different error semantics),
      `gather` over already-created tasks or futures (only names, attributes and `*names`
      as arguments), and `gather` in a `finally` block (cleanups should all run to their
      end, which a `TaskGroup` does not do once one fails). A nested `gather` is reported
      once, on the outer call.

    ## References
    - [asyncio.TaskGroup](https://docs.python.org/3/library/asyncio-task.html#task-groups)
    """,
    default_enabled=False,
    min_target=(3, 11),
)


@FAMILY.on(ast.Expr, FAM205)
def discarded_task(ctx: Context, node: ast.Expr) -> None:
    _judge(ctx, node.value)


def underscore_task(ctx: Context, node: ast.Assign) -> None:
    target = node.targets[0]
    if len(node.targets) == 1 and type(target) is ast.Name and target.id == "_":
        _judge(ctx, node.value)


def _judge(ctx: Context, call: ast.expr) -> None:
    if type(call) is not ast.Call or last_name(call.func) not in _FACTORY_NAMES:
        return
    func = call.func
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return
    name = ctx.qualified_name(func)
    if name not in TASK_FACTORIES:
        if not isinstance(func, ast.Attribute) or func.attr != "create_task":
            return
        if not _is_loop(ctx, func.value):
            return
        name = f"{ctx.source_segment(func.value)}.create_task"
    group = ctx.target >= (3, 11) and isinstance(ctx.where.function, ast.AsyncFunctionDef)
    hint = " or create it in an `asyncio.TaskGroup`" if group else ""
    ctx.report(FAM205, call, name=name, hint=hint)


def _is_loop(ctx: Context, receiver: ast.expr) -> bool:
    if type_of(ctx, receiver) in _LOOP_FACTORIES:
        return True
    return isinstance(receiver, (ast.Name, ast.Attribute)) and last_name(receiver) in _LOOP_NAMES


@FAMILY.on_name("asyncio", FAM206)
def gather(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in ("asyncio.gather", "asyncio.tasks.gather"):
        return
    call = ctx.parent_of(node)
    if not isinstance(call, ast.Call) or call.func is not node:
        return
    if any(k.arg == "return_exceptions" for k in call.keywords):
        return
    if all(_existing(arg) for arg in call.args) or _cleanup(ctx, call):
        return
    parent = ctx.parent_of(call)
    if isinstance(parent, ast.Call) and ctx.qualified_name(parent.func) in _GATHERS:
        return  # `gather(a(), gather(b(), c()))`: reported once, on the outer call
    ctx.report(FAM206, call)


_GATHERS: Final = frozenset({"asyncio.gather", "asyncio.tasks.gather"})


def _cleanup(ctx: Context, call: ast.Call) -> bool:
    """`finally: await gather(a.stop(), b.stop())`: every cleanup should run to its end,
    which `gather` does and a `TaskGroup` (cancelling the rest on the first error) does not."""
    child: ast.AST = call
    for parent in ctx.ancestors(call):
        if parent is ctx.where.function:
            return False
        if child in getattr(parent, "finalbody", ()):
            return True
        child = parent
    return False


def _existing(arg: ast.expr) -> bool:
    """A name, attribute or `*name`: tasks or futures created elsewhere."""
    if isinstance(arg, ast.Starred):
        arg = arg.value
    return isinstance(arg, (ast.Name, ast.Attribute))
