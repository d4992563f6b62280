"""One handler per frequent node type (`Call`, `Assign`), fanning out to the rules' checks.

The walker calls every registered handler of a node type; calls and assignments are the
most frequent statements, so the family hangs one cheap entry on each and routes by the
shape of the node (the method name of a call, the kind of assigned value).
"""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.rules.security.hardcoded_secrets import (
    FAM305,
    assignment,
    keyword_arguments,
    positional_argument,
)
from flake8_familystd.rules.security.password_hashing import (
    FAM307,
    digest_update,
    plaintext_store,
)
from flake8_familystd.rules.security.sql_strings import FAM308, SINK_METHODS, execute_sink


@FAMILY.on(ast.Call, FAM305, FAM307, FAM308)
def call(ctx: Context, node: ast.Call) -> None:
    if node.args:
        positional_argument(ctx, node)
    if node.keywords:
        keyword_arguments(ctx, node)
    func = node.func
    if type(func) is ast.Attribute:
        if func.attr in SINK_METHODS:
            execute_sink(ctx, node, func)
        elif func.attr == "update" and node.args:
            digest_update(ctx, node, func)


@FAMILY.on(ast.Assign, FAM305, FAM307)
def assign(ctx: Context, node: ast.Assign) -> None:
    value = type(node.value)
    if value is ast.Constant or value is ast.Tuple or value is ast.List:
        assignment(ctx, node)
    elif value is ast.Name or value is ast.Attribute:
        plaintext_store(ctx, node)
