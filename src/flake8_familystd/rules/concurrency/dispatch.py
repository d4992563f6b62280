"""One handler per busy node type (calls, `with`, assignments) for the whole family.

Calls and `with` blocks are everywhere, but the rules that judge them only care about
the body of an `async def`: one cheap check here spares every rule its own handler call.
"""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.blocking_calls import FAM201, blocking_call
from flake8_familystd.rules.concurrency.event_loop import FAM203, default_executor
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.resources import FAM208, created
from flake8_familystd.rules.concurrency.swallowed_cancel import FAM204, cancel_call, suppressed
from flake8_familystd.rules.concurrency.sync_database import FAM202, sync_database_call
from flake8_familystd.rules.concurrency.tasks import FAM205, underscore_task
from flake8_familystd.rules.concurrency.thread_state import (
    FAM211,
    lock_acquired,
    lock_attribute,
    lock_held,
)


@FAMILY.on(ast.Call, FAM201, FAM202, FAM203, FAM204, FAM211)
def async_call(ctx: Context, node: ast.Call) -> None:
    if type(ctx.where.function) is not ast.AsyncFunctionDef:
        return
    active = ctx.active
    if FAM201.code in active:
        blocking_call(ctx, node)
    if FAM202.code in active:
        sync_database_call(ctx, node)
    if FAM203.code in active:
        default_executor(ctx, node)
    if FAM204.code in active:
        cancel_call(ctx, node)
    if FAM211.code in active:
        lock_acquired(ctx, node)


@FAMILY.on(ast.With, FAM204, FAM211)
def async_with_statement(ctx: Context, node: ast.With) -> None:
    if type(ctx.where.function) is not ast.AsyncFunctionDef:
        return
    if FAM204.code in ctx.active:
        suppressed(ctx, node)
    if FAM211.code in ctx.active:
        lock_held(ctx, node)


@FAMILY.on(ast.Assign, FAM205, FAM208, FAM211)
def assignment(ctx: Context, node: ast.Assign) -> None:
    value = type(node.value)
    if value is not ast.Call and value is not ast.Await:
        return
    active = ctx.active
    if FAM205.code in active:
        underscore_task(ctx, node)
    if FAM208.code in active:
        created(ctx, node)
    if FAM211.code in active and value is ast.Call:
        lock_attribute(ctx, node)
