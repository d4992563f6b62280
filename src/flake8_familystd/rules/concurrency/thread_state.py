"""FAM210: `threading.local()` in async modules; FAM211: `threading` locks in coroutines."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.concurrency.cancellation import local_nodes, may_be_cancelled
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.loop_context import type_of
from flake8_familystd.rules.concurrency.vocabulary import THREAD_LOCKS

_LOCK_NAMES: Final = frozenset(name.rpartition(".")[2] for name in THREAD_LOCKS)
_THREAD_LOCALS: Final = frozenset({"threading.local", "_threading_local.local"})

FAM210 = FAMILY.rule(
    "FAM210",
    "thread-local-in-async",
    "use a `contextvars.ContextVar` instead of `threading.local()` in async code: every "
    "task on the event loop shares one thread",
    """
    ## What it does
    Reports `threading.local()` (or an instance of a class deriving from it) held in a
    module-level name or a `self.` attribute that a coroutine (`async def`) of the same
    module reads or writes.

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
    - Thread-locals only used by sync code (WSGI apps, worker pools, per-thread event loop
      bookkeeping) are not reported, even in a module that imports asyncio. A coroutine
      that touches thread state on purpose needs a `# noqa`.
    - Uses are matched by name (`_ctx`) or attribute name (`self._local`) in the module's
      coroutines; a thread-local passed around or imported elsewhere is not followed.
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
    """Thread-locals made here (holder name -> creating node), coroutines, lock attributes."""

    def __init__(self) -> None:
        self.names: dict[str, ast.AST] = {}
        self.attrs: dict[str, ast.AST] = {}
        self.classes: dict[str, ast.AST] = {}
        self.coroutines: list[ast.AsyncFunctionDef] = []
        self.lock_attrs: set[str] = set()


@FAMILY.on_name("threading", FAM210)
@FAMILY.on_name("_threading_local", FAM210)
def thread_local(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    """Remember what holds a `threading.local()`: a name, a `self.` attribute, a subclass."""
    if qualname not in _THREAD_LOCALS:
        return
    parent = ctx.parent_of(node)
    if isinstance(parent, ast.ClassDef) and node in parent.bases:
        ctx.scratch(_ThreadState).classes[parent.name] = parent
        return
    if not isinstance(parent, ast.Call) or parent.func is not node:
        return
    assign = ctx.parent_of(parent)
    if not isinstance(assign, (ast.Assign, ast.AnnAssign)):
        return
    state = ctx.scratch(_ThreadState)
    for target in assign.targets if isinstance(assign, ast.Assign) else [assign.target]:
        if isinstance(target, ast.Name):
            state.names.setdefault(target.id, parent)
        elif isinstance(target, ast.Attribute):
            state.attrs.setdefault(target.attr, parent)


@FAMILY.on(ast.AsyncFunctionDef, FAM210)
def coroutine_defined(ctx: Context, node: ast.AsyncFunctionDef) -> None:
    ctx.scratch(_ThreadState).coroutines.append(node)


@FAMILY.on_exit(ast.Module, FAM210)
def thread_local_verdict(ctx: Context, node: ast.Module) -> None:
    """Report each thread-local that a coroutine of the module reads or writes."""
    state = ctx.peek(_ThreadState)
    if state is None or not state.coroutines:
        return
    names = dict(state.names)
    for name, binding in ctx.where.scope.bindings.items():
        value = binding.value
        if isinstance(value, ast.Call) and last_name(value.func) in state.classes:
            names.setdefault(name, state.classes[last_name(value.func) or ""])
    if not names and not state.attrs:
        return
    for coroutine in state.coroutines:
        for used in local_nodes(coroutine.body):
            created = None
            if isinstance(used, ast.Name):
                created = names.pop(used.id, None)
            elif isinstance(used, ast.Attribute):
                created = state.attrs.pop(used.attr, None)
            if created is not None:
                ctx.report(FAM210, created)


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


def lock_held(ctx: Context, node: ast.With) -> None:
    if not ctx.in_async_function:
        return
    for item in node.items:
        if _thread_lock(ctx, item.context_expr) and may_be_cancelled(node.body):
            what = f"holding `{ctx.source_segment(item.context_expr)}` across `await`"
            ctx.report(FAM211, node, what=what)
            return


def lock_acquired(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if type(func) is not ast.Attribute or func.attr != "acquire" or not ctx.in_async_function:
        return
    if isinstance(ctx.parent_of(node), ast.Await) or _non_blocking(node):
        return
    if _thread_lock(ctx, func.value):
        ctx.report(FAM211, node, what=f"`{ctx.source_segment(func)}()`")


def _non_blocking(call: ast.Call) -> bool:
    values = [*call.args, *(k.value for k in call.keywords)]
    return any(isinstance(v, ast.Constant) and v.value in (False, 0) for v in values)
