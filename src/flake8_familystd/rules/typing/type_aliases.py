"""FAM105: `X: TypeAlias = ...` -> `type X = ...`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import binding_uses
from flake8_familystd.rules.typing.family import FAMILY, modernising_blocked
from flake8_familystd.scope import ScopeKind

FAM105 = FAMILY.rule(
    "FAM105",
    "non-pep695-type-alias",
    "use `type {name} = ...` instead of {spelling}",
    """
    ## What it does
    Reports explicit type aliases, `X: TypeAlias = ...` and
    `X = TypeAliasType("X", ...)`, at module or class level.

    ## Why is this bad?
    "Use `type` statement for type aliases: `type Vector = list[float]` instead of
    `TypeAlias`" (001). The `type` statement is lazily evaluated, so forward references
    need no quotes.

    ## Example
    ```python
    from typing import TypeAlias

    Vector: TypeAlias = list[float]
    ```

    Use instead:
    ```python
    type Vector = list[float]
    ```

    ## Known limitations
    - A `type` alias is a `TypeAliasType` object: `isinstance(x, Vector)`, pydantic's
      `TypeAdapter(Vector)`, `get_args(Vector)` and dictionary keys behave differently.
      Aliases the module uses as runtime values (anything but annotations, type arguments
      and `cast()`) are therefore not reported; uses in other modules cannot be seen.
    - Implicit aliases (`Vector = list[float]`) are not reported.
    - `NewType` is not an alias and is never reported. Needs target 3.12.

    ## References
    - [PEP 695](https://peps.python.org/pep-0695/)
    - ruff `UP040`
    """,
    min_target=(3, 12),
)


class _Aliases(dict[ast.stmt, tuple[str, str, list[bool]]]):
    """Alias definitions -> (name, spelling, [used at runtime?])."""


@FAMILY.on(ast.AnnAssign, FAM105)
def type_alias_annotation(ctx: Context, node: ast.AnnAssign) -> None:
    if node.value is None or not isinstance(node.target, ast.Name):
        return
    if ctx.qualified_name(node.annotation) == "typing.TypeAlias":
        _candidate(ctx, node, node.target, f"`{node.target.id}: TypeAlias = ...`")


@FAMILY.on(ast.Assign, FAM105)
def type_alias_type(ctx: Context, node: ast.Assign) -> None:
    target, value = node.targets[0], node.value
    if not (len(node.targets) == 1 and isinstance(target, ast.Name)):
        return
    if isinstance(value, ast.Call) and ctx.qualified_name(value.func) == "typing.TypeAliasType":
        _candidate(ctx, node, target, "`TypeAliasType(...)`")


def _candidate(ctx: Context, node: ast.stmt, target: ast.Name, spelling: str) -> None:
    if ctx.where.scope.kind not in (ScopeKind.MODULE, ScopeKind.CLASS) or modernising_blocked(ctx):
        return
    runtime = [False]
    ctx.scratch(_Aliases)[node] = (target.id, spelling, runtime)

    def on_use(ctx: Context, use: ast.expr) -> None:
        if not runtime[0] and _runtime_use(ctx, use):
            runtime[0] = True

    binding_uses.watch(ctx, target, target.id, on_use)


def _runtime_use(ctx: Context, use: ast.expr) -> bool:
    if ctx.where.in_annotation or isinstance(use, ast.Constant):
        return False
    child: ast.AST = use
    for ancestor in ctx.ancestors(use):
        if isinstance(ancestor, ast.Subscript) and ancestor.slice is child:
            return False
        if isinstance(ancestor, ast.Tuple):
            child = ancestor
            continue
        if isinstance(ancestor, ast.Call):
            return not (
                ctx.qualified_name(ancestor.func) == "typing.cast" and ancestor.args[:1] == [child]
            )
        if isinstance(ancestor, ast.AnnAssign):
            return ctx.qualified_name(ancestor.annotation) != "typing.TypeAlias"
        if isinstance(ancestor, ast.stmt):
            return True
        child = ancestor
    return True


@FAMILY.on_exit(ast.Module, FAM105)
def type_alias_verdict(ctx: Context, node: ast.Module) -> None:
    for statement, (name, spelling, runtime) in (ctx.peek(_Aliases) or {}).items():
        if not runtime[0]:
            ctx.report(FAM105, statement, name=name, spelling=spelling)
