"""The one place that knows which AST node classes exist on which Python."""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence
from typing import Final

if sys.version_info >= (3, 11):
    TRY_NODES: Final[tuple[type[ast.AST], ...]] = (ast.Try, ast.TryStar)
else:  # pragma: no cover - Python 3.10 only
    TRY_NODES = (ast.Try,)

if sys.version_info >= (3, 12):
    TYPE_ALIAS_NODES: Final[tuple[type[ast.AST], ...]] = (ast.TypeAlias,)
else:  # pragma: no cover - Python < 3.12
    TYPE_ALIAS_NODES = ()


def type_params(node: ast.AST) -> Sequence[ast.AST]:
    """PEP 695 type parameters of a def, class or type alias (none before 3.12). The tree's
    own list: read it, never change it."""
    params = getattr(node, "type_params", None)
    return params if isinstance(params, list) else ()


def type_param_name(node: ast.AST) -> str | None:
    name = getattr(node, "name", None)
    return name if isinstance(name, str) else None
