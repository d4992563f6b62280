"""The family's handlers on the shared walk: one per node type.

Calls, assignments and imports are routed here to the rule modules. The family is gated
(`Family.gate`): in a file that does not import SQLAlchemy these handlers never run.
"""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.sqlalchemy import declarative, execution, expressions, queries, removed
from flake8_familystd.rules.sqlalchemy import provenance as p
from flake8_familystd.rules.sqlalchemy import vocabulary as v
from flake8_familystd.rules.sqlalchemy.declarative import FAM501, FAM502, FAM503, FAM504
from flake8_familystd.rules.sqlalchemy.execution import FAM509
from flake8_familystd.rules.sqlalchemy.expressions import FAM508
from flake8_familystd.rules.sqlalchemy.family import FAMILY
from flake8_familystd.rules.sqlalchemy.queries import FAM505, FAM506, FAM507
from flake8_familystd.rules.sqlalchemy.removed import FAM510

_CALL_RULES = (FAM501, FAM504, FAM505, FAM506, FAM507, FAM508, FAM509, FAM510)
_METHODS = frozenset(
    {"query", "get", "execute", "scalars", "scalar", "join", "outerjoin", "begin",
     "execution_options", "with_polymorphic", "query_property", "select", "insert", "update",
     "delete", "count"}
    | v.SQL_FILTER_METHODS | v.MODEL_QUERY_METHODS | set(v.REMOVED_METHODS) | set(v.ENGINE_METHODS)
)  # fmt: skip


@FAMILY.on(ast.Call, *_CALL_RULES)
def call(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr in _METHODS:
            method_call(ctx, node, func)
        if isinstance(func.value, ast.Call):
            return  # `x().y(...)`: no resolved name
    elif not isinstance(func, ast.Name):
        return
    name = p.sa_name(ctx, func)
    if name is not None:
        function_call(ctx, node, name)


def method_call(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    method = func.attr
    if method == "query":
        queries.session_query(ctx, node, func)
    elif method == "query_property":
        queries.query_property(ctx, node, func)
    elif method in ("execute", "scalars", "scalar", "get"):
        if method == "execute":
            execution.string_execute(ctx, node, func)
        elif method != "get":
            queries.execute_scalars(ctx, node, func)
        else:
            queries.query_get(ctx, node, func)
        queries.session_call_in_loop(ctx, node, func)
    elif method in v.SQL_FILTER_METHODS:
        expressions.filter_arguments(ctx, node)
    if method in v.MODEL_QUERY_METHODS and isinstance(func.value, ast.Attribute):
        queries.model_query(ctx, node, func)
    removed.removed_method(ctx, node, func)


def function_call(ctx: Context, node: ast.Call, name: str) -> None:
    if name in v.DECLARATIVE_FACTORIES:
        declarative.declarative_base_call(ctx, node)
    elif name in v.RELATIONSHIP_FUNCTIONS:
        declarative.backref_keyword(ctx, node)
    elif name in v.SQL_BOOLEAN_FUNCTIONS:
        expressions.filter_arguments(ctx, node)
    removed.removed_function(ctx, node, name)


@FAMILY.on(ast.Assign, FAM502, FAM503, FAM505, FAM509, FAM510)
def assign(ctx: Context, node: ast.Assign) -> None:
    for target in node.targets:
        _assigned(ctx, target, None, node.value)


@FAMILY.on(ast.AnnAssign, FAM502, FAM503, FAM505, FAM509, FAM510)
def ann_assign(ctx: Context, node: ast.AnnAssign) -> None:
    if node.value is not None:
        _assigned(ctx, node.target, node.annotation, node.value)


def _assigned(ctx: Context, target: ast.expr, annotation: ast.expr | None, value: ast.expr) -> None:
    if ctx.where.function is not None:
        if isinstance(target, ast.Attribute) and _is_self(target.value):
            p.record_self_attribute(ctx, target, value)
        return
    model = p.model_of(ctx)
    if model is not None:
        declarative.model_attribute(ctx, model, target, annotation, value)


def _is_self(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Name) and expr.id == "self"


@FAMILY.on(ast.Import, FAM510)
def import_(ctx: Context, node: ast.Import) -> None:
    if any(
        a.name == "sqlalchemy.databases" or a.name.startswith("sqlalchemy.databases.")
        for a in node.names
    ):
        removed.databases_import(ctx, node)


@FAMILY.on(ast.ImportFrom, FAM510)
def import_from(ctx: Context, node: ast.ImportFrom) -> None:
    module = node.module or ""
    if node.level == 0 and (
        module == "sqlalchemy.databases"
        or module.startswith("sqlalchemy.databases.")
        or (module == "sqlalchemy" and any(a.name == "databases" for a in node.names))
    ):
        removed.databases_import(ctx, node)


@FAMILY.on(ast.Attribute, FAM510)
def attribute(ctx: Context, node: ast.Attribute) -> None:
    """`session.autocommit` / `session.transaction` (cheapest test first: the name)."""
    attr = node.attr
    if attr == "autocommit" or attr == "transaction":
        removed.session_attribute(ctx, node)
