"""Control-flow facts about cancellation shared by FAM204 and FAM212."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from typing import Final

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.concurrency.vocabulary import (
    BASE_EXCEPTION,
    CANCELLED,
    CANCELLED_FACTORIES,
)

_SCOPES: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS: Final = (ast.For, ast.AsyncFor, ast.While)
_ASYNC_POINTS: Final = (ast.Await, ast.AsyncFor, ast.AsyncWith)
_INSPECTING: Final = frozenset({"uncancel", "cancelling"})
_FORWARDING: Final = frozenset({"sys.exc_info", "sys.exception"})
_LOGGING: Final = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
)
_REAPERS: Final = frozenset({"gather", "wait", "wait_for", "shield"})


def caught_cancellation(ctx: Context, handler: ast.ExceptHandler) -> str | None:
    """How the handler spells what catches `CancelledError` (None if it does not)."""
    if handler.type is None:
        return "except:"
    return cancellation_in(ctx, handler.type)


def cancellation_in(ctx: Context, caught: ast.expr) -> str | None:
    """`CancelledError`, `BaseException` or `anyio.get_cancelled_exc_class()` in `caught`."""
    for name in caught.elts if isinstance(caught, ast.Tuple) else [caught]:
        target = name.func if isinstance(name, ast.Call) else name
        if not isinstance(target, (ast.Name, ast.Attribute)):
            continue
        qualname = ctx.qualified_name(target)
        if isinstance(name, ast.Call):
            if qualname in CANCELLED_FACTORIES:
                return ctx.source_segment(name)
        elif qualname in CANCELLED or qualname == BASE_EXCEPTION:
            return ctx.source_segment(name)
    return None


def local_nodes(stmts: Sequence[ast.AST]) -> Iterator[ast.AST]:
    """Every node under `stmts`, not entering nested functions, lambdas or classes."""
    stack = [node for node in reversed(stmts) if not isinstance(node, _SCOPES)]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(
            child for child in ast.iter_child_nodes(node) if not isinstance(child, _SCOPES)
        )


def may_be_cancelled(stmts: Sequence[ast.stmt]) -> bool:
    """Can cancellation be delivered here: is there an `await`, `async for` or `async with`?"""
    return any(isinstance(node, _ASYNC_POINTS) for node in local_nodes(stmts))


def reraises(stmts: Sequence[ast.stmt]) -> bool:
    """Does every path through `stmts` end in `raise` (no `return` / `break` on the way)?"""
    return always_raises(stmts) and not _exits(stmts)


def always_raises(stmts: Sequence[ast.stmt]) -> bool:
    return any(_raises(stmt) for stmt in stmts)


def _raises(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Raise):
        return True
    if isinstance(stmt, ast.If):
        return always_raises(stmt.body) and always_raises(stmt.orelse)
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return always_raises(stmt.body)
    if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        body: list[ast.stmt] = getattr(stmt, "body", [])
        orelse: list[ast.stmt] = getattr(stmt, "orelse", [])
        handlers: list[ast.ExceptHandler] = getattr(stmt, "handlers", [])
        final: list[ast.stmt] = getattr(stmt, "finalbody", [])
        normal = always_raises(body) or always_raises(orelse)
        return always_raises(final) or (normal and all(always_raises(h.body) for h in handlers))
    return False


def _exits(stmts: Sequence[ast.stmt]) -> bool:
    """Is there a `return`, or a `break` / `continue` of an enclosing loop, in `stmts`?"""
    stack: list[ast.AST] = list(stmts)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Return, ast.Break, ast.Continue)):
            return True
        if isinstance(node, _LOOPS):
            if any(isinstance(n, ast.Return) for n in local_nodes(node.body)):
                return True
            stack.extend(node.orelse)
        elif not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return False


def handles_deliberately(ctx: Context, handler: ast.ExceptHandler) -> bool:
    """The handler inspects or forwards the cancellation instead of dropping it.

    It calls `.uncancel()` / `.cancelling()`, forwards `sys.exc_info()` / `sys.exception()`,
    or uses the caught exception other than in a logging call (`errors.append(exc)`,
    `if exc is not value: raise`, `future.set_exception(exc)`).
    """
    logged: set[int] = set()
    for node in local_nodes(handler.body):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in _INSPECTING:
                return True
            if isinstance(func, ast.Attribute) and ctx.qualified_name(func) in _FORWARDING:
                return True
            if isinstance(func, ast.Attribute) and func.attr in _LOGGING:
                logged.update(id(arg) for arg in node.args)
        elif (
            isinstance(node, ast.Name)
            and node.id == handler.name
            and isinstance(node.ctx, ast.Load)
            and id(node) not in logged
        ):
            return True
    return False


def only_reaps(stmts: Sequence[ast.stmt]) -> bool:
    """Does `stmts` await only tasks or futures it holds (`await task`, `gather(*tasks)`)?"""
    awaits = [node.value for node in local_nodes(stmts) if isinstance(node, ast.Await)]
    return bool(awaits) and all(_reaped(value) for value in awaits)


def _reaped(value: ast.expr) -> bool:
    if isinstance(value, ast.Call):
        name = last_name(value.func)
        return name in _REAPERS and bool(value.args) and all(_held(arg) for arg in value.args)
    return _held(value)


def _held(value: ast.expr) -> bool:
    if isinstance(value, ast.Starred):
        value = value.value
    return isinstance(value, (ast.Name, ast.Attribute, ast.Subscript, ast.Constant))


def awaited_texts(ctx: Context, stmts: Sequence[ast.stmt]) -> set[str]:
    """What `stmts` await: `task`, and the arguments of `gather(*tasks)` / `wait_for(task)`."""
    texts: set[str] = set()
    for node in local_nodes(stmts):
        if not isinstance(node, ast.Await):
            continue
        value = node.value
        texts.add(ctx.source_segment(value))
        if isinstance(value, ast.Call):
            for arg in value.args:
                texts.add(ctx.source_segment(arg.value if isinstance(arg, ast.Starred) else arg))
    return texts
