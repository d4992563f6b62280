"""Where code runs (on the event loop or not) and what a receiver is, for the FAM2xx rules.

Async context is decided by the innermost function: a sync `def` or `lambda` nested in an
`async def` is not on the loop (only its call is), comprehensions inherit their scope, and
arguments of `asyncio.to_thread(...)`, `loop.run_in_executor(...)`,
`anyio.to_thread.run_sync(...)` and `run_in_threadpool(...)` run in a worker thread.
"""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.vocabulary import (
    DB_DERIVING,
    DB_DRIVER_CONNECT,
    DB_FACTORIES,
    DB_TYPES,
    DBAPI_CONNECTION,
    FILES,
    HTTP,
    INPUT,
    OFF_LOOP,
    OFF_LOOP_METHODS,
    PATH_DERIVING,
    PATH_TYPES,
    PROCESS,
    SESSION,
    SESSIONMAKER,
    SLEEP,
    SOCKET,
)
from flake8_familystd.scope import BindingKind

MAX_DEPTH: Final = 4
PATH: Final = "pathlib.Path"
_OPTIONAL: Final = frozenset({"typing.Optional", "typing.Annotated"})


def off_loop(ctx: Context, node: ast.AST) -> bool:
    """Is `node` an argument of a call that runs its arguments' work in a worker thread?"""
    function = ctx.where.function
    child = node
    for parent in ctx.ancestors(node):
        if parent is function:
            return False
        if isinstance(parent, ast.Call) and child is not parent.func and offloads(ctx, parent):
            return True
        child = parent
    return False


def offloads(ctx: Context, call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in OFF_LOOP_METHODS:
        return True
    return isinstance(func, (ast.Name, ast.Attribute)) and ctx.qualified_name(func) in OFF_LOOP


def type_of(ctx: Context, expr: ast.AST, depth: int = 0) -> str | None:
    """The qualified class (or factory product) `expr` evaluates to, when it can be told.

    Follows constructor calls (`Path(...)`, `Session(engine)`), factory products
    (`sessionmaker(...)()`, `create_engine(...)`, `sqlite3.connect(...)`), parameter
    annotations, local assignments and `with ... as name` targets, a few steps deep.
    """
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Call):
        return _call_type(ctx, expr, depth)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        return PATH if type_of(ctx, expr.left, depth + 1) in PATH_TYPES else None
    if isinstance(expr, ast.Name):
        return _name_type(ctx, expr, depth)
    return None


def _call_type(ctx: Context, call: ast.Call, depth: int) -> str | None:
    func = call.func
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return None
    name = ctx.qualified_name(func)
    if name is not None:
        if name in DB_FACTORIES:
            return DB_FACTORIES[name]
        if name in DB_DRIVER_CONNECT:
            return DBAPI_CONNECTION
        owner, _, method = name.rpartition(".")
        if owner in PATH_TYPES and method in PATH_DERIVING:
            return PATH
        return DB_TYPES.get(name, name)
    if isinstance(func, ast.Name):
        return SESSION if type_of(ctx, func, depth + 1) == SESSIONMAKER else None
    receiver = type_of(ctx, func.value, depth + 1)
    if receiver is None:
        return None
    if receiver in PATH_TYPES and func.attr in PATH_DERIVING:
        return PATH
    return DB_DERIVING.get((receiver, func.attr))


def _name_type(ctx: Context, name: ast.Name, depth: int) -> str | None:
    binding = ctx.lookup(name.id)
    if binding is None:
        return None
    if binding.kind is BindingKind.PARAMETER:
        annotation = getattr(binding.node, "annotation", None)
        return annotation_type(ctx, annotation) if annotation is not None else None
    if binding.kind is not BindingKind.ASSIGNMENT:
        return None
    if binding.value is not None:
        return type_of(ctx, binding.value, depth + 1)
    holder = ctx.parent_of(binding.node)
    if isinstance(holder, ast.withitem):
        return type_of(ctx, holder.context_expr, depth + 1)
    return None


def annotation_type(ctx: Context, annotation: ast.expr) -> str | None:
    """`Session`, `Session | None`, `Optional[Session]`, `Annotated[Session, ...]`."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        if _is_none(annotation.right):
            return annotation_type(ctx, annotation.left)
        if _is_none(annotation.left):
            return annotation_type(ctx, annotation.right)
        return None
    if isinstance(annotation, ast.Subscript):
        if ctx.qualified_name(annotation.value) not in _OPTIONAL:
            return None
        inner = annotation.slice
        if isinstance(inner, ast.Tuple) and inner.elts:
            inner = inner.elts[0]
        return annotation_type(ctx, inner)
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        name = ctx.qualified_name(annotation)
        return DB_TYPES.get(name, name) if name is not None else None
    return None


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


# -- framework-aware advice -------------------------------------------------------------------
_FIXES: Final[dict[str, dict[str, str]]] = {
    "asyncio": {
        HTTP: "use `httpx.AsyncClient` or `aiohttp`",
        PROCESS: "use `asyncio.create_subprocess_exec(...)`",
        FILES: "use `aiofiles` or `anyio.Path`, or `await asyncio.to_thread(...)`",
        SOCKET: "use `asyncio.open_connection(...)` or `loop.getaddrinfo(...)`",
        SLEEP: "use `await asyncio.sleep(...)`",
        INPUT: "use `await asyncio.to_thread(...)`",
    },
    "anyio": {
        HTTP: "use `httpx.AsyncClient`",
        PROCESS: "use `anyio.run_process(...)`",
        FILES: "use `anyio.Path` or `anyio.open_file(...)`",
        SOCKET: "use `anyio.connect_tcp(...)` or `anyio.getaddrinfo(...)`",
        SLEEP: "use `await anyio.sleep(...)`",
        INPUT: "use `await anyio.to_thread.run_sync(...)`",
    },
    "trio": {
        HTTP: "use `httpx.AsyncClient`",
        PROCESS: "use `trio.run_process(...)`",
        FILES: "use `trio.Path` or `trio.open_file(...)`",
        SOCKET: "use `trio.open_tcp_stream(...)`",
        SLEEP: "use `await trio.sleep(...)`",
        INPUT: "use `await trio.to_thread.run_sync(...)`",
    },
}


def framework(ctx: Context) -> str:
    """`asyncio` unless the module imports trio or anyio (and not asyncio)."""
    if ctx.seen("asyncio"):
        return "asyncio"
    if ctx.seen("trio"):
        return "trio"
    return "anyio" if ctx.seen("anyio") else "asyncio"


def fix_for(ctx: Context, kind: str) -> str:
    """What to write instead of a blocking call of `kind`, in the module's framework."""
    fixes = _FIXES[framework(ctx)]
    return fixes.get(kind, fixes[INPUT])
