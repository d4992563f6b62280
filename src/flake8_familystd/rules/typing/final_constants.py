"""FAM113: constants are declared `Final`."""

from __future__ import annotations

import ast
import re
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import classes
from flake8_familystd.rules.typing.family import FAMILY
from flake8_familystd.rules.typing.missing_annotations import TYPE_FACTORIES
from flake8_familystd.scope import Scope, ScopeKind

CONSTANT_NAME: Final = re.compile(r"^_*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")

FAM113 = FAMILY.rule(
    "FAM113",
    "constant-not-final",
    "declare constant `{name}` as `Final`: `{name}: Final = ...`",
    """
    ## What it does
    Reports module- and class-level `UPPER_SNAKE_CASE` names assigned exactly once without
    a `Final` annotation.

    ## Why is this bad?
    "Use `typing.Final` to declare constants" (004). `Final` makes the type checker refuse
    reassignment and overriding.

    ## Example
    ```python
    MAX_RETRIES = 3
    ```

    Use instead:
    ```python
    MAX_RETRIES: Final = 3
    ```

    ## Known limitations
    - Names assigned more than once (including through `global` or `+=`) are not constants
      and are not reported.
    - Enum members, dunder names, `TypeVar`/`NewType` definitions, single-letter names and
      attributes of framework classes (Django, pydantic, SQLAlchemy, ...) are skipped, as
      are `ClassVar` annotations (`ClassVar[Final[...]]` needs Python 3.13).

    ## References
    - [PEP 591](https://peps.python.org/pep-0591/)
    """,
    default_enabled=False,
)


class _Candidates(dict[tuple[Scope, str], ast.stmt]):
    """Constant-looking definitions by (scope, name)."""


class _Stores(dict[tuple[Scope, str], int]):
    """How often each constant-looking name is bound in each scope."""


@FAMILY.on(ast.Assign, FAM113)
@FAMILY.on(ast.AnnAssign, FAM113)
def constant_definition(ctx: Context, node: ast.Assign | ast.AnnAssign) -> None:
    target = node.targets[0] if isinstance(node, ast.Assign) else node.target
    if isinstance(node, ast.Assign) and len(node.targets) != 1:
        return
    if not isinstance(target, ast.Name) or not _constant_name(target.id):
        return
    scope = ctx.where.scope
    if scope.kind not in (ScopeKind.MODULE, ScopeKind.CLASS) or ctx.where.in_compat:
        return
    if isinstance(node, ast.AnnAssign) and (node.value is None or _final_or_classvar(ctx, node)):
        return
    value = node.value
    if isinstance(value, ast.Call) and ctx.qualified_name(value.func) in TYPE_FACTORIES:
        return
    cls = ctx.where.class_
    if cls is not None:
        facts = classes.facts(ctx, cls)
        if facts.enum_like or facts.framework or facts.config:
            return
    ctx.scratch(_Candidates)[(scope, target.id)] = node


def _constant_name(name: str) -> bool:
    return len(name.strip("_")) > 1 and not name.startswith("__") and bool(
        CONSTANT_NAME.match(name)
    )


def _final_or_classvar(ctx: Context, node: ast.AnnAssign) -> bool:
    annotation = node.annotation
    base = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return ctx.qualified_name(base) in ("typing.Final", "typing.ClassVar")


def constant_stored(ctx: Context, node: ast.Name) -> None:
    """Count a binding of an upper-case name (called for every stored `Name`)."""
    if not _constant_name(node.id):
        return
    scope = ctx.where.scope
    if node.id in scope.globals:
        scope = scope.module()
    key = (scope, node.id)
    stores = ctx.scratch(_Stores)
    stores[key] = stores.get(key, 0) + 1


@FAMILY.on_exit(ast.Module, FAM113)
def constant_verdict(ctx: Context, node: ast.Module) -> None:
    stores = ctx.scratch(_Stores)
    for (scope, name), statement in ctx.scratch(_Candidates).items():
        if stores.get((scope, name), 0) == 1:
            ctx.report(FAM113, statement, name=name)
