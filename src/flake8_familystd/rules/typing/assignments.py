"""Who assigns what, where: module and class bindings the annotation rules judge at the end."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Final

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.typing import classes
from flake8_familystd.scope import BindingKind, ScopeKind

DUNDER: Final = re.compile(r"^__\w+__$")
CONSTANT_NAME: Final = re.compile(r"^_*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")
MYPY_IGNORE_ASSIGNMENT: Final = re.compile(r"#\s*type:\s*ignore\[[^\]]*assignment")


@dataclass
class Assignments:
    """Per-file counts, filled as the walk goes (kept in `ctx.scratch`)."""

    module: dict[str, int] = field(default_factory=dict)
    members: dict[ast.ClassDef, dict[str, int]] = field(default_factory=dict)
    annotated: dict[ast.ClassDef, set[str]] = field(default_factory=dict)
    # attribute names assigned on some object other than a class (`self.x = ...`,
    # `rule.x = ...`) anywhere in the module: such attributes belong to instances
    instance: set[str] = field(default_factory=set)
    bases: dict[ast.ClassDef, list[ast.ClassDef]] = field(default_factory=dict)

    def ancestors(self, cls: ast.ClassDef) -> list[ast.ClassDef]:
        """Base classes defined in this module, transitively."""
        found: list[ast.ClassDef] = []
        pending = list(self.bases.get(cls, ()))
        while pending:
            base = pending.pop()
            if base not in found:
                found.append(base)
                pending.extend(self.bases.get(base, ()))
        return found

    def annotated_in_hierarchy(self, cls: ast.ClassDef, name: str) -> bool:
        return any(name in self.annotated.get(c, ()) for c in (cls, *self.ancestors(cls)))

    def overrides(self, cls: ast.ClassDef, name: str) -> bool:
        """Does `cls` rebind a name one of its local base classes defines?"""
        return any(
            name in self.members.get(base, {}) or name in self.annotated.get(base, ())
            for base in self.ancestors(cls)
        )

    def reassigned_by_subclass(self, cls: ast.ClassDef, name: str) -> bool:
        return any(
            cls in self.ancestors(other) and name in self.members.get(other, {})
            for other in self.members
            if other is not cls
        )


def name_stored(ctx: Context, node: ast.Name) -> None:
    """Count a `Name` binding at module or class level (called for every stored or deleted
    name)."""
    where = ctx.where
    scope = where.scope
    if scope.kind is ScopeKind.FUNCTION and not scope.globals:
        return  # most stored names: locals
    if type(node.ctx) is not ast.Store:
        return
    if scope.kind is ScopeKind.MODULE or node.id in scope.globals:
        module = ctx.scratch(Assignments).module
        module[node.id] = module.get(node.id, 0) + 1
    elif scope.kind is ScopeKind.CLASS and where.class_ is not None:
        members = ctx.scratch(Assignments).members.setdefault(where.class_, {})
        members[node.id] = members.get(node.id, 0) + 1


def class_seen(ctx: Context, node: ast.ClassDef) -> None:
    definition_seen(ctx, node)
    facts = ctx.scratch(Assignments)
    facts.bases[node] = classes.local_classes(ctx, node.bases)
    facts.members.setdefault(node, {})


def annotation_seen(ctx: Context, node: ast.AnnAssign) -> None:
    cls = ctx.where.class_
    if cls is not None and isinstance(node.target, ast.Name):
        ctx.scratch(Assignments).annotated.setdefault(cls, set()).add(node.target.id)


def attribute_stored(ctx: Context, node: ast.Attribute) -> None:
    """Record `obj.name = ...`: unless `obj` is a class (or `cls` in a classmethod), the
    attribute is set on instances."""
    target = node.value
    if not isinstance(target, ast.Name):
        return
    binding = ctx.lookup(target.id)
    if binding is not None and binding.kind is BindingKind.CLASS:
        return
    function = ctx.where.function
    if (
        binding is not None
        and binding.kind is BindingKind.PARAMETER
        and isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
    ):
        params = function.args.posonlyargs or function.args.args
        if (
            params
            and params[0].arg == target.id
            and "builtins.classmethod" in ctx.decorators(function)
        ):
            return
    ctx.scratch(Assignments).instance.add(node.attr)


def definition_seen(
    ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
) -> None:
    """A `def`/`class` at module level binds its name too (`if py310: x = f; else: def x`)."""
    if ctx.where.scope.kind is ScopeKind.MODULE:
        module = ctx.scratch(Assignments).module
        module[node.name] = module.get(node.name, 0) + 1


def is_alias(ctx: Context, value: ast.expr) -> bool:
    """`X = Something`: another name for an imported thing or a local class or function."""
    if isinstance(value, ast.Attribute):
        base = value.value
        if isinstance(base, ast.Name):
            binding = ctx.lookup(base.id)
            if binding is not None and binding.kind in ALIASED_KINDS:
                return True  # `and_ = BooleanClauseList.and_`, `sep = os.sep`
        return ctx.qualified_name(value) is not None or value.attr[:1].isupper()
    if not isinstance(value, ast.Name):
        return False
    binding = ctx.lookup(value.id)
    if binding is None:
        return ctx.qualified_name(value) is not None and value.id[:1].isupper()
    return binding.kind in ALIASED_KINDS


ALIASED_KINDS: Final = frozenset(
    {BindingKind.IMPORT, BindingKind.RELATIVE_IMPORT, BindingKind.CLASS, BindingKind.FUNCTION}
)
TYPE_FORMS: Final = frozenset(
    {"Literal", "Union", "Optional", "Callable", "Annotated", "Type", "Tuple", "List", "Dict",
     "Set", "FrozenSet", "Sequence", "Mapping", "Iterable", "Iterator"}
)  # fmt: skip
BUILTIN_TYPES: Final = frozenset(
    f"builtins.{name}"
    for name in ("int", "str", "float", "bytes", "bool", "complex", "object", "list", "dict",
                 "set", "tuple", "frozenset", "type", "bytearray")
)  # fmt: skip


def looks_like_type_alias(ctx: Context, value: ast.expr, *, follow: bool = True) -> bool:
    """`X = list[int]`, `X = int | None`, `X = Literal["a"]`, `X = _Base[Item]`, or another
    name for such an alias (`Y = X`): a type."""
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        return looks_like_type_alias(ctx, value.left, follow=follow) and looks_like_type_alias(
            ctx, value.right, follow=follow
        )
    if isinstance(value, ast.Constant):
        return value.value is None
    if isinstance(value, ast.Subscript):
        value = value.value
        written = (last_name(value) or "").lstrip("_")
        if written in TYPE_FORMS or written[:1].isupper():
            return True
    if follow and isinstance(value, ast.Name):
        binding = ctx.lookup(value.id)
        if binding is not None and binding.value is not None:
            return looks_like_type_alias(ctx, binding.value, follow=False)
    name = ctx.qualified_name(value) or ""
    return name.startswith(("typing.", "collections.abc.")) or name in BUILTIN_TYPES


def is_class_call(ctx: Context, value: ast.expr) -> bool:
    """A call of something spelled like a class (`Table(...)`, `models.Field(...)`)."""
    if not isinstance(value, ast.Call):
        return False
    return (last_name(value.func) or "")[:1].isupper()


def literal_type(value: ast.expr | None) -> str | None:
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, (ast.USub, ast.UAdd)):
        value = value.operand
    if isinstance(value, ast.Constant):
        if value.value is None or value.value is Ellipsis:
            return None
        return type(value.value).__name__
    if isinstance(value, ast.JoinedStr):
        return "str"
    return None


def mypy_ignores_assignment(ctx: Context, node: ast.stmt) -> bool:
    line = ctx.lines[node.lineno - 1] if 0 < node.lineno <= len(ctx.lines) else ""
    return "#" in line and bool(MYPY_IGNORE_ASSIGNMENT.search(line))


def under_flag(ctx: Context, node: ast.stmt) -> bool:
    """Is `node` in a branch of a module-level `if FLAG:` / `if not FLAG:` (`if PYDANTIC_V2`)?"""
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.If):
            test = ancestor.test
            if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
                test = test.operand
            if isinstance(test, (ast.Name, ast.Attribute)):
                return True
        elif isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
    return False


def in_type_checking_branch(ctx: Context) -> bool:
    where = ctx.where
    return where.in_type_checking or where.in_runtime_only
