"""FAM104: module-level `TypeVar`s used by one class or function -> PEP 695 parameters."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import binding_uses
from flake8_familystd.rules.typing.family import FAMILY, modernising_blocked
from flake8_familystd.scope import ScopeKind

FACTORIES: Final = {"typing.TypeVar": "", "typing.ParamSpec": "**", "typing.TypeVarTuple": "*"}

FAM104 = FAMILY.rule(
    "FAM104",
    "non-pep695-type-parameter",
    "use PEP 695 type parameters: `{header}`, then delete the module-level {definitions}",
    """
    ## What it does
    Reports a class or function that is the only user of simple module-level `TypeVar`,
    `ParamSpec` or `TypeVarTuple` definitions, on its `class` / `def` line.

    ## Why is this bad?
    "Use PEP 695 type parameter syntax for generics: `def func[T](x: T) -> T:` instead of
    `TypeVar`" (001; 003 shows `class Repository[T]:`). The type parameter then lives
    where it is used, and `Generic[T]` disappears.

    ## Example
    ```python
    from typing import Generic, TypeVar

    T = TypeVar("T")

    class Box(Generic[T]):
        def get(self) -> T: ...
    ```

    Use instead:
    ```python
    class Box[T]:
        def get(self) -> T: ...
    ```

    ## Known limitations
    Only conversions that keep the meaning are reported:
    - the definition takes no bound, constraints, default or variance (PEP 695 infers
      variance; constraints and bounds would have to be carried over by hand);
    - exactly one class or function of the module uses it (a TypeVar shared by several
      definitions, used at module level or listed in `__all__` cannot move into one);
    - the target is 3.12 or newer.
    Another module importing the TypeVar cannot be seen from this file.

    ## References
    - [PEP 695](https://peps.python.org/pep-0695/)
    - ruff `UP046`, `UP047`
    """,
    min_target=(3, 12),
)

_MODULE: Final = "<module>"


@dataclass
class _TypeVar:
    name: str
    star: str
    owners: set[ast.AST | str] = field(default_factory=set)


class _TypeVars(dict[str, _TypeVar]):
    """Simple module-level type variables by name."""


class _GenericClasses(dict[ast.ClassDef, set[str]]):
    """Type variables each class names in its bases."""


@FAMILY.on(ast.Assign, FAM104)
def type_var_definition(ctx: Context, node: ast.Assign) -> None:
    if ctx.where.scope.kind is not ScopeKind.MODULE or modernising_blocked(ctx):
        return
    target, value = node.targets[0], node.value
    if len(node.targets) != 1 or not isinstance(target, ast.Name):
        return
    if not isinstance(value, ast.Call):
        return
    star = FACTORIES.get(ctx.qualified_name(value.func) or "")
    if star is None or value.keywords or len(value.args) != 1:
        return
    info = ctx.scratch(_TypeVars)[target.id] = _TypeVar(target.id, star)

    def on_use(ctx: Context, use: ast.expr) -> None:
        info.owners.add(_owner(ctx, use, info.name))

    binding_uses.watch(ctx, target, target.id, on_use)


def _owner(ctx: Context, use: ast.expr, name: str) -> ast.AST | str:
    generic = ctx.scratch(_GenericClasses)
    owner: ast.AST | str = _MODULE
    child: ast.AST = use
    for ancestor in ctx.ancestors(use):
        if isinstance(ancestor, ast.ClassDef):
            if child in ancestor.bases or child in ancestor.keywords:
                generic.setdefault(ancestor, set()).add(name)
                return ancestor
            if name in generic.get(ancestor, ()):
                return ancestor
        elif isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            owner = ancestor
        child = ancestor
    return owner


@FAMILY.on_exit(ast.Module, FAM104)
def type_var_verdict(ctx: Context, node: ast.Module) -> None:
    exported = binding_uses.module_exports(ctx)
    by_owner: dict[ast.AST, list[_TypeVar]] = {}
    for info in ctx.scratch(_TypeVars).values():
        if len(info.owners) != 1 or info.name in exported:
            continue
        owner = next(iter(info.owners))
        if isinstance(owner, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            by_owner.setdefault(owner, []).append(info)
    for owner, infos in by_owner.items():
        params = ", ".join(f"{info.star}{info.name}" for info in infos)
        keyword = "class" if isinstance(owner, ast.ClassDef) else "def"
        suffix = "" if isinstance(owner, ast.ClassDef) else "(...)"
        assert isinstance(owner, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        definitions = ", ".join(f"`{info.name} = ...`" for info in infos)
        ctx.report(
            FAM104,
            owner,
            header=f"{keyword} {owner.name}[{params}]{suffix}",
            definitions=definitions,
        )
