"""FAM114: imports used only in annotations go under `if TYPE_CHECKING:`."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import binding_uses
from flake8_familystd.rules.typing.family import (
    FAMILY,
    annotation_read_at_runtime,
    annotations_deferred,
)
from flake8_familystd.scope import ScopeKind

EXEMPT_MODULES: Final = frozenset({"typing", "typing_extensions", "__future__"})
# Typing special forms re-exported by compatibility modules (`from .compat import Literal`):
# moving them saves nothing.
SPECIAL_FORMS: Final = frozenset(
    {"Annotated", "Any", "ClassVar", "Concatenate", "Final", "Literal", "LiteralString", "Never",
     "NoReturn", "NotRequired", "ParamSpec", "Protocol", "ReadOnly", "Required", "Self",
     "TypeAlias", "TypeGuard", "TypeIs", "TypeVar", "TypeVarTuple", "Unpack", "final",
     "override", "runtime_checkable"}
)  # fmt: skip

FAM114 = FAMILY.rule(
    "FAM114",
    "typing-only-import",
    "move {names} under `if TYPE_CHECKING:` (used only in annotations)",
    """
    ## What it does
    Reports module-level imports whose names are used only in annotations that are never
    evaluated, on the import line.

    ## Why is this bad?
    "Use `TYPE_CHECKING` block for import-only type hints to avoid circular imports" (001,
    003). Such imports cost start-up time and create import cycles for nothing.

    ## Example
    ```python
    from __future__ import annotations

    from app.models.item import Item

    def total(items: list[Item]) -> int: ...
    ```

    Use instead:
    ```python
    from __future__ import annotations

    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        from app.models.item import Item

    def total(items: list[Item]) -> int: ...
    ```

    ## Known limitations
    - An annotation counts as never evaluated only under `from __future__ import
      annotations` (or target 3.14, or in a stub), or as a local variable annotation inside a
      function; annotations that pydantic, dataclasses, attrs, SQLAlchemy or a decorator
      (FastAPI, `singledispatch`) read at runtime are runtime uses.
    - `typing`/`typing_extensions` imports, typing special forms re-exported by a
      compatibility module (`from .compat import Literal, Self`), names in `__all__` and
      `__init__.py` modules (re-exports other modules may import) are not reported.

    ## References
    - ruff `TC001`, `TC002`, `TC003`
    """,
    default_enabled=False,
)


@dataclass
class _Use:
    typing: int = 0
    runtime: int = 0


class _Imports(dict[ast.stmt, dict[str, _Use]]):
    """Module-level import statements and how each of their names is used."""


@FAMILY.on(ast.Import, FAM114)
@FAMILY.on(ast.ImportFrom, FAM114)
def import_statement(ctx: Context, node: ast.Import | ast.ImportFrom) -> None:
    where = ctx.where
    if where.scope.kind is not ScopeKind.MODULE or where.in_type_checking or where.in_compat:
        return
    if ctx.filename.replace("\\", "/").endswith("__init__.py"):
        return
    module = node.module if isinstance(node, ast.ImportFrom) else None
    if module in EXEMPT_MODULES:
        return
    uses: dict[str, _Use] = {}
    for alias in node.names:
        if alias.name == "*" or alias.name.partition(".")[0] in EXEMPT_MODULES:
            continue
        if module is not None and alias.name in SPECIAL_FORMS:
            continue
        local = alias.asname or alias.name.partition(".")[0]
        use = uses[local] = _Use()
        binding_uses.watch(ctx, node, local, _counter(use))
    if uses:
        ctx.scratch(_Imports)[node] = uses


def _counter(use: _Use) -> binding_uses.OnUse:
    def on_use(ctx: Context, node: ast.expr) -> None:
        if _typing_only(ctx, node):
            use.typing += 1
        else:
            use.runtime += 1

    return on_use


def _typing_only(ctx: Context, node: ast.expr) -> bool:
    if not ctx.where.in_annotation:
        return False
    if annotations_deferred(ctx) and not annotation_read_at_runtime(ctx, node):
        return True
    if isinstance(node, ast.Constant):
        return True
    if ctx.where.function is None:
        return False
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.stmt):
            return isinstance(ancestor, ast.AnnAssign)
    return False


@FAMILY.on_exit(ast.Module, FAM114)
def typing_only_verdict(ctx: Context, node: ast.Module) -> None:
    imports = ctx.peek(_Imports)
    if not imports:
        return
    exported = binding_uses.module_exports(ctx)
    for statement, uses in imports.items():
        names = [
            name
            for name, use in uses.items()
            if use.typing and not use.runtime and name not in exported
        ]
        if names:
            ctx.report(FAM114, statement, names=", ".join(f"`{name}`" for name in names))
