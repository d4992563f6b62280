"""FAM113: constants are declared `Final`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import assignments, classes
from flake8_familystd.rules.typing.assignments import CONSTANT_NAME, Assignments
from flake8_familystd.rules.typing.family import FAMILY
from flake8_familystd.rules.typing.module_variables import TYPE_FACTORIES
from flake8_familystd.scope import ScopeKind

FAM113 = FAMILY.rule(
    "FAM113",
    "constant-not-final",
    "declare constant `{name}` as `Final`: `{name}: {final} = ...`",
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
    - Names assigned more than once in the module (including through `global` or `+=`), and
      class constants a subclass of the same module overrides, are not constants and are not
      reported. Reassignment from other modules (`settings.DEBUG = True`) cannot be seen.
    - Aliases of classes and functions (`INT = INTEGER`) are not constants: a `Final`
      variable cannot be used as a type.
    - Unannotated class-level constants are reported by FAM107 (with a `Final` suggestion)
      when it is on; this rule then only reports class constants annotated without `Final`.
    - Enum members are skipped when the enum base is recognisable from the file (see FAM107).
    - Enum members, dunder names, `TypeVar`/`NewType` definitions, single-letter names and
      attributes of framework classes (Django, pydantic, SQLAlchemy, ...) are skipped, as
      are `ClassVar` annotations (`ClassVar[Final[...]]` needs Python 3.13).

    ## References
    - [PEP 591](https://peps.python.org/pep-0591/)
    """,
    default_enabled=False,
)


class _Candidates(list[tuple[ast.ClassDef | None, ast.Assign | ast.AnnAssign, str]]):
    """Constant-looking definitions, judged when the module ends."""


@FAMILY.on(ast.Assign, FAM113)
@FAMILY.on(ast.AnnAssign, FAM113)
def constant_definition(ctx: Context, node: ast.Assign | ast.AnnAssign) -> None:
    if isinstance(node, ast.Assign) and len(node.targets) != 1:
        return
    target = node.targets[0] if isinstance(node, ast.Assign) else node.target
    if not isinstance(target, ast.Name) or not _constant_name(target.id):
        return
    where = ctx.where
    if where.scope.kind not in (ScopeKind.MODULE, ScopeKind.CLASS) or where.in_compat:
        return
    if assignments.in_type_checking_branch(ctx) or node.value is None:
        return
    if isinstance(node, ast.AnnAssign) and _final_or_classvar(ctx, node):
        return
    value = node.value
    if isinstance(value, ast.Call) and ctx.qualified_name(value.func) in TYPE_FACTORIES:
        return
    if assignments.is_alias(ctx, value) or assignments.looks_like_type_alias(ctx, value):
        return
    cls = where.class_
    if cls is not None:
        if isinstance(node, ast.Assign) and "FAM107" in ctx.active:
            return  # FAM107 reports it, suggesting `Final`
        facts = classes.facts(ctx, cls)
        if facts.enum_like or facts.framework or facts.config:
            return
    ctx.scratch(_Candidates).append((cls, node, target.id))


def _constant_name(name: str) -> bool:
    return (
        len(name.strip("_")) > 1 and not name.startswith("__") and bool(CONSTANT_NAME.match(name))
    )


def _final_or_classvar(ctx: Context, node: ast.AnnAssign) -> bool:
    annotation = node.annotation
    base = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return ctx.qualified_name(base) in ("typing.Final", "typing.ClassVar")


@FAMILY.on_exit(ast.Module, FAM113)
def constant_verdict(ctx: Context, node: ast.Module) -> None:
    candidates = ctx.peek(_Candidates)
    if not candidates:
        return
    facts = ctx.scratch(Assignments)
    for cls, statement, name in candidates:
        if cls is None:
            if facts.module.get(name, 0) != 1:
                continue
        elif (
            facts.members.get(cls, {}).get(name, 0) != 1
            or facts.reassigned_by_subclass(cls, name)
            or facts.overrides(cls, name)
        ):
            continue
        final = "Final"
        if isinstance(statement, ast.AnnAssign):
            final = f"Final[{ctx.source_segment(statement.annotation)}]"
        ctx.report(FAM113, statement, name=name, final=final)
