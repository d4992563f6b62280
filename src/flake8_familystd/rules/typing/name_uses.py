"""The typing family's one entry for names: resolve once, then ask each interested rule."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import (
    abc_imports,
    any_type,
    assignments,
    bare_generics,
    binding_uses,
    builtin_generics,
)
from flake8_familystd.rules.typing.abc_imports import FAM103
from flake8_familystd.rules.typing.any_type import FAM109
from flake8_familystd.rules.typing.bare_generics import FAM116
from flake8_familystd.rules.typing.builtin_generics import FAM102
from flake8_familystd.rules.typing.class_attributes import FAM107
from flake8_familystd.rules.typing.family import FAMILY
from flake8_familystd.rules.typing.final_constants import FAM113
from flake8_familystd.rules.typing.module_variables import FAM108
from flake8_familystd.rules.typing.self_type import FAM111
from flake8_familystd.rules.typing.type_aliases import FAM105
from flake8_familystd.rules.typing.type_checking_imports import FAM114
from flake8_familystd.rules.typing.type_params import FAM104
from flake8_familystd.scope import canonical, may_be_imported, unbound_name

WATCHING = (FAM104, FAM105, FAM114)
# Builtins a typing rule looks at (the generics of FAM116).
INTERESTING_BUILTINS = frozenset(
    {"list", "dict", "set", "frozenset", "tuple", "memoryview", "type"}
)


COUNTING = (FAM107, FAM108, FAM113)


@FAMILY.on(ast.Name, FAM102, FAM104, FAM105, FAM107, FAM108, FAM109, FAM113, FAM114, FAM116)
def name(ctx: Context, node: ast.Name) -> None:
    if type(node.ctx) is not ast.Load:
        if type(node.ctx) is ast.Store:
            assignments.name_stored(ctx, node)
        return
    scope = ctx.where.scope
    ident = node.id
    watched = ctx.peek(binding_uses.Watchers)
    if not watched and ident not in INTERESTING_BUILTINS and not may_be_imported(ident, scope):
        return  # a local name: it cannot be a typing construct
    binding = scope.lookup(ident)
    if binding is None:
        raw = unbound_name(ident, scope)
    else:
        if watched:
            binding_uses.binding_used(ctx, node, binding)
        raw = binding.qualname
    if raw is not None:
        _check(ctx, node, raw)


@FAMILY.on(ast.Attribute, FAM102, FAM103, FAM107, FAM109, FAM116)
def attribute(ctx: Context, node: ast.Attribute) -> None:
    if type(node.ctx) is ast.Load:
        base = node.value
        while isinstance(base, ast.Attribute):
            base = base.value
        if not isinstance(base, ast.Name) or not may_be_imported(base.id, ctx.where.scope):
            return  # `self.x`, `obj.attr`: nothing imported
        raw = ctx.raw_qualified_name(node)
        if raw is not None:
            _check(ctx, node, raw)
    elif type(node.ctx) is ast.Store:
        assignments.attribute_stored(ctx, node)


@FAMILY.on(ast.ClassDef, *COUNTING, FAM111)
def class_definition(ctx: Context, node: ast.ClassDef) -> None:
    assignments.class_seen(ctx, node)


@FAMILY.on(ast.FunctionDef, *COUNTING)
@FAMILY.on(ast.AsyncFunctionDef, *COUNTING)
def function_definition(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    assignments.definition_seen(ctx, node)


@FAMILY.on(ast.AnnAssign, *COUNTING)
def annotated_assignment(ctx: Context, node: ast.AnnAssign) -> None:
    assignments.annotation_seen(ctx, node)


@FAMILY.on(ast.Constant, FAM104, FAM105, FAM114)
def string_annotation(ctx: Context, node: ast.Constant) -> None:
    if ctx.where.in_annotation and type(node.value) is str:
        binding_uses.names_in_string_annotation(ctx, node)


def _check(ctx: Context, node: ast.Name | ast.Attribute, raw: str) -> None:
    qualname = canonical(raw)
    active = ctx.active
    if FAM102.code in active:
        builtin_generics.check(ctx, node, qualname)
    if FAM103.code in active:
        abc_imports.check(ctx, node, raw)
    if FAM109.code in active:
        any_type.check(ctx, node, qualname)
    if FAM116.code in active:
        bare_generics.check(ctx, node, qualname)
