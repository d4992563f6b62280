"""FAM107: class attributes without annotations."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import assignments, classes
from flake8_familystd.rules.typing.assignments import CONSTANT_NAME, DUNDER, Assignments
from flake8_familystd.rules.typing.family import FAMILY
from flake8_familystd.scope import BindingKind

FAM107 = FAMILY.rule(
    "FAM107",
    "unannotated-class-attribute",
    "annotate class attribute `{name}`: `{name}: {hint} = ...`",
    """
    ## What it does
    Reports assignments to plain names in a class body that carry no annotation.

    ## Why is this bad?
    "Annotate all ... class attributes" (001); "MUST use type hints for: ... Class
    attributes" (003). Without one, mypy infers the type from the first value and cannot
    tell a class constant (`ClassVar`) from an instance default.

    ## Example
    ```python
    class Cache:
        ttl = 60
    ```

    Use instead:
    ```python
    class Cache:
        ttl: ClassVar[int] = 60
    ```

    ## Known limitations
    These are never reported, because annotating them is wrong or impossible:
    - members of enums (bases from `enum`, or named `*Enum`, `*Flag`, `*Choices`);
    - dunder names (`__slots__`, `__tablename__`, `__table_args__`, ...) and
      `model_config`;
    - the bodies of nested `Meta`, `Config` and `Media` classes;
    - method aliases (`get = fetch`) and `staticmethod(...)`, `classmethod(...)`,
      `property(...)` values;
    - framework fields declared by calling a framework (`models.CharField()`,
      `Column()`, `relationship()`, `Field()`), and every attribute of classes built on
      Django, SQLAlchemy, pydantic, attrs and similar libraries, whose own rules apply;
    - tuple unpacking (`a, b = 1, 2`), which cannot carry an annotation;
    - names annotated elsewhere in the class or in a base class of the same module (an
      override needs no second annotation), and lines marked
      `# type: ignore[assignment]`;
    - assignments under `if TYPE_CHECKING:` or its `else:` branch.

    The suggestion follows the attribute's use: the plain type when the module also assigns
    it on an instance (`self.<name> = ...`, `obj.<name> = ...`) or a builtin base (an
    exception class) declares it; `Final` for an UPPER_CASE constant of a class nothing
    outside the module can subclass (private `_Name` or `@final`); `ClassVar[...]` otherwise.

    Classes that inherit from a class of another module are not checked: their
    attributes may override attributes the base already annotates (redeclaring them is
    noise, and `ClassVar`/`Final` there is a type error), which one file cannot tell. Only
    classes built from this module's classes, builtins (`Exception`, `dict`, ...),
    `Generic`, `Protocol` and `ABC` are checked.

    ## References
    - PEP 526
    """,
)

DESCRIPTOR_CALLS: Final = frozenset(
    {"builtins.staticmethod", "builtins.classmethod", "builtins.property",
     "functools.partialmethod", "functools.cached_property", "functools.singledispatchmethod"}
)  # fmt: skip


def _has_builtin_base(ctx: Context, cls: ast.ClassDef) -> bool:
    return any(
        (ctx.qualified_name(base) or "").startswith("builtins.")
        and ctx.qualified_name(base) != "builtins.object"
        for base in cls.bases
    )


class _Candidates(list[tuple[ast.ClassDef, ast.Assign, str]]):
    """Unannotated class attributes, judged when the module ends."""


@FAMILY.on(ast.Assign, FAM107)
def class_attribute(ctx: Context, node: ast.Assign) -> None:
    cls = ctx.where.class_
    if cls is None or len(node.targets) != 1 or type(node.targets[0]) is not ast.Name:
        return
    facts = classes.facts(ctx, cls)  # (first: one lookup skips most classes' whole bodies)
    if facts.enum_like or facts.config or facts.framework or facts.external_base:
        return
    name = node.targets[0].id
    if DUNDER.match(name) or name == "model_config":
        return
    if assignments.in_type_checking_branch(ctx) or assignments.mypy_ignores_assignment(ctx, node):
        return
    value = node.value
    if isinstance(value, ast.Name):
        binding = ctx.lookup(value.id)
        if binding is not None and binding.kind is BindingKind.FUNCTION:
            return  # a method alias
    if isinstance(value, ast.Call):
        callee = ctx.qualified_name(value.func) or ""
        if callee in DESCRIPTOR_CALLS or callee.startswith(classes.FIELD_FRAMEWORKS):
            return
    ctx.scratch(_Candidates).append((cls, node, name))


@FAMILY.on_exit(ast.Module, FAM107)
def class_attribute_verdict(ctx: Context, node: ast.Module) -> None:
    candidates = ctx.peek(_Candidates)
    if not candidates:
        return  # most files: nothing collected, nothing to judge
    facts = ctx.scratch(Assignments)
    for cls, statement, name in candidates:
        if facts.annotated_in_hierarchy(cls, name) or facts.overrides(cls, name):
            continue  # annotated already, or the base class decides the type
        literal = assignments.literal_type(statement.value) or "..."
        once = facts.members.get(cls, {}).get(name, 0) == 1
        sealed = cls.name.startswith("_") or classes.facts(ctx, cls).final
        if name in facts.instance or _has_builtin_base(ctx, cls):
            hint = literal  # instances set it (or a builtin base declares it per instance)
        elif CONSTANT_NAME.match(name) and once and sealed:
            hint = "Final"  # no subclass anywhere can override it
        else:
            hint = f"ClassVar[{literal}]"
        ctx.report(FAM107, statement, name=name, hint=hint)
