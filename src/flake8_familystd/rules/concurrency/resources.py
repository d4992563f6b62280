"""FAM208: async resources created in an `async def` and never managed."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.loop_context import type_of
from flake8_familystd.rules.concurrency.vocabulary import ASYNC_RESOURCES

_ASYNC_ENGINES: Final = frozenset(
    {"sqlalchemy.ext.asyncio.create_async_engine", "sqlalchemy.ext.asyncio.AsyncEngine"}
)
_CLOSERS: Final = frozenset({"aclose", "close", "dispose", "terminate"})
_WHAT: Final = {"open": "file", "connect": "connection", "connect_robust": "connection",
                "begin": "connection", "AsyncSession": "session"}  # fmt: skip
_SCOPES: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

FAM208 = FAMILY.rule(
    "FAM208",
    "async-resource-without-context",
    "use `async with {name}(...)` so the {what} is closed on every path",
    """
    ## What it does
    Reports, in the body of an `async def`, an async resource bound to a local name that is
    never used in `async with`, never closed (`aclose()` / `close()`) in a `finally:`, and
    never handed on (returned, yielded, stored, passed to a call). Resources:
    `httpx.AsyncClient()`, `aiohttp.ClientSession()`, `AsyncSession(...)`,
    `async_engine.connect()` / `.begin()`, `asyncpg.connect()`, `aiosqlite.connect()`,
    `aiofiles.open()`, `redis.asyncio.Redis()`, `aio_pika.connect()`.

    ## Why is this bad?
    "Resource Management: Use async context managers" (000); "Prefer `async for` and
    `async with`" (001). A client or connection that is not closed on the error path leaks
    sockets and prints "Unclosed client session" warnings.

    ## Example
    ```python
    async def get(url: str) -> bytes:
        client = httpx.AsyncClient()
        response = await client.get(url)
        await client.aclose()
        return response.content
    ```

    Use instead:
    ```python
    async def get(url: str) -> bytes:
        async with httpx.AsyncClient() as client:
            return (await client.get(url)).content
    ```

    ## Known limitations
    - Any use other than `name.attribute` hands the resource on and is not reported:
      `return client`, `self.client = client`, `stack.enter_async_context(client)`,
      `yield client` in a FastAPI dependency, a closure using it.
    - Resources stored straight on `self` are managed by the object's lifetime and are not
      reported. Not reported in test files.

    ## References
    - ruff `SIM115` (sync files only), pylint `R1732`
    """,
    skip_in_tests=True,
)


class _Created(dict[ast.AST, list[tuple[str, ast.Call, str]]]):
    """Per async function: (local name, creating call, factory) of each tracked resource."""


def created(ctx: Context, node: ast.Assign) -> None:
    value = node.value
    if type(value) is ast.Await:
        value = value.value
    if type(value) is not ast.Call or not ctx.in_async_function:
        return
    target = node.targets[0]
    if len(node.targets) != 1 or type(target) is not ast.Name:
        return
    factory = _factory(ctx, value)
    if factory is not None and ctx.where.function is not None:
        tracked = ctx.scratch(_Created).setdefault(ctx.where.function, [])
        tracked.append((target.id, value, factory))


def _factory(ctx: Context, call: ast.Call) -> str | None:
    func = call.func
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return None
    name = ctx.qualified_name(func)
    if name in ASYNC_RESOURCES:
        return name
    if (
        name is None
        and isinstance(func, ast.Attribute)
        and func.attr in ("connect", "begin")
        and type_of(ctx, func.value) in _ASYNC_ENGINES
    ):
        return f"{ctx.source_segment(func.value)}.{func.attr}"
    return None


@FAMILY.on_exit(ast.AsyncFunctionDef, FAM208)
def unmanaged(ctx: Context, node: ast.AsyncFunctionDef) -> None:
    created = ctx.peek(_Created)
    tracked = created.pop(node, None) if created else None
    if not tracked:
        return
    managed = _managed_names(node, {name for name, _, _ in tracked})
    for name, call, factory in tracked:
        if name not in managed:
            short = factory.rpartition(".")[2]
            what = _WHAT.get(short, "client")
            ctx.report(FAM208, call, name=ctx.source_segment(call.func), what=what)


def _managed_names(function: ast.AsyncFunctionDef, names: set[str]) -> set[str]:
    """The names the function uses other than as `name.attr` (or closes in a `finally`)."""
    managed: set[str] = set()
    stack: list[tuple[ast.AST, ast.AST, bool, bool]] = [
        (stmt, function, False, False) for stmt in function.body
    ]
    while stack:
        node, parent, in_finally, nested = stack.pop()
        if isinstance(node, ast.Name):
            if node.id in names and isinstance(node.ctx, ast.Load):
                handed_on = nested or not isinstance(parent, ast.Attribute)
                if handed_on or (in_finally and getattr(parent, "attr", "") in _CLOSERS):
                    managed.add(node.id)
            continue
        inner = nested or isinstance(node, _SCOPES)
        final: list[ast.stmt] = getattr(node, "finalbody", [])
        for child in ast.iter_child_nodes(node):
            stack.append((child, node, in_finally or child in final, inner))
    return managed
