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

COUNTING = (FAM107, FAM108, FAM113)
# Modules whose names the typing rules look at (the generics of FAM116 live in several).
RESOLVED_MODULES = ("typing", "collections", "queue", "asyncio", "re")


# Bindings the collect-then-judge rules count (uses arrive through `binding_uses`).
FAMILY.on_bind(*COUNTING)(assignments.name_stored)


StoringStatement = (
    ast.Assign | ast.AugAssign | ast.AnnAssign | ast.For | ast.AsyncFor | ast.With | ast.AsyncWith
)


# Statements that can store to an attribute (`self.x = ...`, `for self.i in ...`): cheaper
# to look at their targets than at every `Attribute` of the file.
@FAMILY.on(ast.Assign, FAM107)
@FAMILY.on(ast.AugAssign, FAM107)
@FAMILY.on(ast.AnnAssign, FAM107)
@FAMILY.on(ast.For, FAM107)
@FAMILY.on(ast.AsyncFor, FAM107)
@FAMILY.on(ast.With, FAM107)
@FAMILY.on(ast.AsyncWith, FAM107)
def attribute_store(ctx: Context, node: StoringStatement) -> None:
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
    else:
        targets = [node.target]
    if len(targets) == 1 and type(targets[0]) is ast.Name:
        return  # the common case: `x = ...`
    targets = list(targets)  # (never change the tree's own lists)
    while targets:
        target = targets.pop()
        if type(target) is ast.Attribute:
            assignments.attribute_stored(ctx, target)
        elif isinstance(target, (ast.Tuple, ast.List)):
            targets.extend(target.elts)
        elif isinstance(target, ast.Starred):
            targets.append(target.value)


def resolved(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    """A use of something from `typing`, `collections`, ...: ask each interested rule."""
    active = ctx.active
    if FAM102.code in active:
        builtin_generics.check(ctx, node, qualname)
    if FAM103.code in active:
        abc_imports.check(ctx, node, qualname)
    if FAM109.code in active:
        any_type.check(ctx, node, qualname)
    if FAM116.code in active:
        bare_generics.check(ctx, node, qualname)


for _module in RESOLVED_MODULES:
    FAMILY.on_name(_module, FAM102, FAM103, FAM109, FAM116)(resolved)
for _builtin in bare_generics.BUILTIN_GENERICS:
    FAMILY.on_name(_builtin, FAM116)(resolved)


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


@FAMILY.on_annotation_string(FAM104, FAM105, FAM114)
def string_annotation(ctx: Context, node: ast.Constant) -> None:
    binding_uses.names_in_string_annotation(ctx, node)
