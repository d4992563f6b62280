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
    Another module importing the TypeVar cannot be seen from this file: for public names
    the message says to delete the definition only if no other module imports it.

    ## References
    - [PEP 695](https://peps.python.org/pep-0695/)
    - ruff `UP046`, `UP047`
    """,
    min_target=(3, 12),
)

Owner = ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
DEFINITIONS: Final = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass
class _TypeVar:
    """A module-level type variable and where it is used."""

    name: str
    star: str
    simple: bool
    # per use: the class whose bases, or the def whose signature, holds it (None: a body or
    # module-level use) and the classes/defs around the use, innermost first
    uses: list[tuple[Owner | None, tuple[Owner, ...]]] = field(default_factory=list)


class _TypeVars(dict[str, _TypeVar]):
    """Module-level type variables by name."""


class _Declared(dict[ast.ClassDef, list[ast.expr]]):
    """What each class lists in `Generic[...]` / `Protocol[...]`."""


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
    if star is None:
        return
    simple = not value.keywords and len(value.args) == 1
    info = ctx.scratch(_TypeVars)[target.id] = _TypeVar(target.id, star, simple)

    def on_use(ctx: Context, use: ast.expr) -> None:
        info.uses.append(_placement(ctx, use))

    binding_uses.watch(ctx, target, target.id, on_use)


@FAMILY.on(ast.ClassDef, FAM104)
def generic_bases(ctx: Context, node: ast.ClassDef) -> None:
    for base in node.bases:
        if isinstance(base, ast.Subscript) and ctx.qualified_name(base.value) in GENERIC_BASES:
            args = base.slice.elts if isinstance(base.slice, ast.Tuple) else [base.slice]
            ctx.scratch(_Declared).setdefault(node, []).extend(args)


GENERIC_BASES: Final = frozenset({"typing.Generic", "typing.Protocol"})


def _placement(ctx: Context, use: ast.expr) -> tuple[Owner | None, tuple[Owner, ...]]:
    """Which class bases / def signature holds `use`, and the definitions around it."""
    holder: Owner | None = None
    around: list[Owner] = []
    child: ast.AST = use
    for ancestor in ctx.ancestors(use):
        if isinstance(ancestor, DEFINITIONS):
            if holder is None and not around and _in_header(ancestor, child):
                holder = ancestor
            else:
                around.append(ancestor)
        child = ancestor
    return holder, tuple(around)


def _in_header(owner: Owner, child: ast.AST) -> bool:
    if isinstance(owner, ast.ClassDef):
        return child in owner.bases or child in owner.keywords
    return child is owner.args or child is owner.returns


@FAMILY.on_exit(ast.Module, FAM104)
def type_var_verdict(ctx: Context, node: ast.Module) -> None:
    type_vars = ctx.peek(_TypeVars)
    if not type_vars:
        return
    exported = binding_uses.module_exports(ctx)
    owners: dict[str, Owner | None] = {info.name: _sole_owner(info) for info in type_vars.values()}
    convertible = {
        name
        for name, owner in owners.items()
        if owner is not None and type_vars[name].simple and name not in exported
    }
    by_owner: dict[Owner, list[_TypeVar]] = {}
    for name in convertible:
        owner = owners[name]
        if owner is not None:
            by_owner.setdefault(owner, []).append(type_vars[name])
    declared = ctx.scratch(_Declared)
    for owner, infos in by_owner.items():
        names = {info.name for info in infos}
        if any(_holds(owner, other) and other.name not in names for other in type_vars.values()):
            continue  # mixing PEP 695 parameters with old-style type variables is an error
        listed = declared.get(owner, []) if isinstance(owner, ast.ClassDef) else []
        if any(not isinstance(arg, ast.Name) or arg.id not in names for arg in listed):
            continue  # `Generic[...]` lists something this module cannot convert
        _report(ctx, owner, sorted(infos, key=lambda info: info.name))


def _holds(owner: Owner, info: _TypeVar) -> bool:
    """Does `owner`'s header (class bases or def signature) use `info`?"""
    return any(holder is owner for holder, _ in info.uses)


def _sole_owner(info: _TypeVar) -> Owner | None:
    """The one definition that may declare `info` as its type parameter, if there is one."""
    holders = {id(holder): holder for holder, _ in info.uses if holder is not None}
    candidates = {
        id(holder): holder
        for holder, around in info.uses
        if holder is not None and not any(id(outer) in holders for outer in around)
    }
    if len(candidates) != 1:
        return None
    owner = next(iter(candidates.values()))
    for holder, around in info.uses:
        if holder is not owner and owner not in around:
            return None  # used outside the owner: at module level or by another definition
    return owner


def _report(ctx: Context, owner: Owner, infos: list[_TypeVar]) -> None:
    params = ", ".join(f"{info.star}{info.name}" for info in infos)
    if isinstance(owner, ast.ClassDef):
        bases = [
            ctx.source_segment(base)
            for base in owner.bases
            if not (isinstance(base, ast.Subscript)
                    and ctx.qualified_name(base.value) == "typing.Generic")
        ] + [ctx.source_segment(keyword) for keyword in owner.keywords]  # fmt: skip
        header = f"class {owner.name}[{params}]" + (f"({', '.join(bases)})" if bases else "")
    else:
        header = f"def {owner.name}[{params}](...)"
    definitions = ", ".join(f"`{info.name} = ...`" for info in infos)
    if any(not info.name.startswith("_") for info in infos):
        definitions += " if no other module imports it"
    ctx.report(FAM104, owner, header=header, definitions=definitions)
