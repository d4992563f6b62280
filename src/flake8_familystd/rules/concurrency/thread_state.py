"""FAM210: `threading.local()` in async modules; FAM211: `threading` locks in coroutines."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.concurrency.cancellation import may_be_cancelled
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.loop_context import in_async, type_of
from flake8_familystd.rules.concurrency.vocabulary import ASYNC_MODULES, THREAD_LOCKS

_LOCK_NAMES: Final = frozenset(name.rpartition(".")[2] for name in THREAD_LOCKS)
_THREAD_LOCALS: Final = frozenset({"threading.local", "_threading_local.local"})

FAM210 = FAMILY.rule(
    "FAM210",
    "thread-local-in-async",
    "use a `contextvars.ContextVar` instead of `threading.local()` in async code: every "
    "task on the event loop shares one thread",
    """
    ## What it does
    Reports `threading.local()` (a call, or a class deriving from it) in a module that
    defines an `async def` or imports asyncio, anyio, trio, FastAPI, Starlette or aiohttp.

    ## Why is this bad?
    "Use `contextvars` for propagating correlation IDs, user context" (001). All tasks of an
    event loop run in one thread, so a thread-local "request context" is shared by every
    concurrent request: one request reads another's user or correlation id.
    `ContextVar` values are copied per task.

    ## Example
    ```python
    _ctx = threading.local()

    async def handler(request: Request) -> None:
        _ctx.request_id = request.headers["X-Request-ID"]
    ```

    Use instead:
    ```python
    request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

    async def handler(request: Request) -> None:
        request_id.set(request.headers["X-Request-ID"])
    ```

    ## Known limitations
    - Purely threaded modules (WSGI apps, worker pools) are not reported. A module that
      mixes both on purpose (thread state for its worker threads) needs a `# noqa`.
    - 001 also calls thread-local storage an alternative to `contextvars` under
      free-threading; this rule follows its async guidance.

    ## References
    - [contextvars](https://docs.python.org/3/library/contextvars.html)
    """,
)

FAM211 = FAMILY.rule(
    "FAM211",
    "thread-lock-in-coroutine",
    "{what} blocks the event loop: use an `asyncio.Lock` with `async with`",
    """
    ## What it does
    Reports, in the body of an `async def`:
    - `with lock:` on a `threading.Lock()` / `RLock()` / `Semaphore()` /
      `BoundedSemaphore()` / `Condition()` whose body awaits (`await`, `async for`,
      `async with`);
    - a blocking `lock.acquire()` on such a lock.

    The lock is recognised by what it is: a name assigned `threading.Lock()` (any alias),
    or a `self.<attr>` / `cls.<attr>` attribute assigned one in the same module.

    ## Why is this bad?
    The lock must match the concurrency model (001). A thread lock held across `await`
    lets another task of the same thread try to take it: the loop thread blocks on a lock
    that only the loop thread can release, and the program deadlocks.

    ## Example
    ```python
    _lock = threading.Lock()

    async def bump() -> None:
        with _lock:
            await store.incr()
    ```

    Use instead:
    ```python
    _lock = asyncio.Lock()

    async def bump() -> None:
        async with _lock:
            await store.incr()
    ```

    ## Known limitations
    - A short critical section with no `await`, protecting state shared with real threads,
      is legitimate (an `asyncio.Lock` is not thread-safe) and is not reported; neither is
      `acquire(blocking=False)` / `acquire(False)` / `acquire(timeout=0)`.

    ## References
    - [asyncio synchronization primitives](https://docs.python.org/3/library/asyncio-sync.html)
    """,
)


class _ThreadState:
    """`threading.local` uses, lock attributes, and whether the module defines coroutines."""

    def __init__(self) -> None:
        self.locals: list[ast.AST] = []
        self.lock_attrs: set[str] = set()
        self.has_async = False


@FAMILY.on_name("threading", FAM210)
@FAMILY.on_name("_threading_local", FAM210)
def thread_local(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in _THREAD_LOCALS:
        return
    parent = ctx.parent_of(node)
    called = isinstance(parent, ast.Call) and parent.func is node
    if parent is not None and (
        called or (isinstance(parent, ast.ClassDef) and node in parent.bases)
    ):
        ctx.scratch(_ThreadState).locals.append(parent)


@FAMILY.on(ast.AsyncFunctionDef, FAM210)
def coroutine_defined(ctx: Context, node: ast.AsyncFunctionDef) -> None:
    ctx.scratch(_ThreadState).has_async = True


@FAMILY.on_exit(ast.Module, FAM210)
def thread_local_verdict(ctx: Context, node: ast.Module) -> None:
    state = ctx.peek(_ThreadState)
    if state is None or not state.locals:
        return
    if state.has_async or any(ctx.seen(module) for module in ASYNC_MODULES):
        for use in state.locals:
            ctx.report(FAM210, use)


@FAMILY.on(ast.Assign, FAM211)
def lock_attribute(ctx: Context, node: ast.Assign) -> None:
    """`self._lock = threading.Lock()`: remember `_lock` as a lock attribute."""
    value = node.value
    if type(value) is not ast.Call or last_name(value.func) not in _LOCK_NAMES:
        return
    for target in node.targets:
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id in ("self", "cls")
            and ctx.qualified_name(value.func) in THREAD_LOCKS
        ):
            ctx.scratch(_ThreadState).lock_attrs.add(target.attr)


def _thread_lock(ctx: Context, expr: ast.expr) -> bool:
    if isinstance(expr, ast.Name):
        return type_of(ctx, expr) in THREAD_LOCKS
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        state = ctx.peek(_ThreadState)
        return (
            state is not None and expr.value.id in ("self", "cls") and expr.attr in state.lock_attrs
        )
    return False


@FAMILY.on(ast.With, FAM211)
def lock_held(ctx: Context, node: ast.With) -> None:
    if not in_async(ctx):
        return
    for item in node.items:
        if _thread_lock(ctx, item.context_expr) and may_be_cancelled(node.body):
            what = f"holding `{ctx.source_segment(item.context_expr)}` across `await`"
            ctx.report(FAM211, node, what=what)
            return


@FAMILY.on(ast.Call, FAM211)
def lock_acquired(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if type(func) is not ast.Attribute or func.attr != "acquire" or not in_async(ctx):
        return
    if isinstance(ctx.parent_of(node), ast.Await) or _non_blocking(node):
        return
    if _thread_lock(ctx, func.value):
        ctx.report(FAM211, node, what=f"`{ctx.source_segment(func)}()`")


def _non_blocking(call: ast.Call) -> bool:
    values = [*call.args, *(k.value for k in call.keywords)]
    return any(isinstance(v, ast.Constant) and v.value in (False, 0) for v in values)
