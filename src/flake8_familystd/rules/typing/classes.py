"""What the typing rules need to know about a class, computed once per class."""

from __future__ import annotations

import ast
from typing import Final, NamedTuple

from flake8_familystd.context import Context, last_name
from flake8_familystd.scope import BindingKind

ENUM_BASES: Final = frozenset(
    {"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum"}
)
ENUM_SUFFIXES: Final = ("Enum", "Flag", "Choices")
# Bases whose attributes are known (none that a subclass would redeclare).
TRANSPARENT_BASES: Final = ("builtins.", "typing.Generic", "typing.Protocol", "abc.ABC")
CONFIG_CLASS_NAMES: Final = frozenset({"Meta", "Config", "Media"})
# Frameworks whose classes declare fields with descriptors or read annotations themselves.
FIELD_FRAMEWORKS: Final = (
    "django.", "rest_framework.", "sqlalchemy.", "sqlmodel.", "pydantic.", "pydantic_settings.",
    "marshmallow.", "marshmallow_sqlalchemy.", "marshmallow_dataclass.", "attr.", "attrs.",
    "msgspec.", "factory.", "graphene.", "strawberry.", "wtforms.", "flask_wtf.",
    "flask_sqlalchemy.", "flask_appbuilder.", "mongoengine.", "peewee.", "tortoise.", "ormar.",
    "odmantic.", "beanie.", "dataclasses_json.", "colander.", "deform.", "schematics.",
)  # fmt: skip


class ClassFacts(NamedTuple):
    enum_like: bool
    config: bool
    framework: bool
    protocol: bool
    final: bool
    external_base: bool  # inherits from a class of another module (its attributes are unseen)


class ClassFactsCache(dict[ast.ClassDef, ClassFacts]):
    """Per-file cache of `ClassFacts` (kept in `ctx.scratch`)."""


def facts(ctx: Context, cls: ast.ClassDef) -> ClassFacts:
    cache = ctx.scratch(ClassFactsCache)
    found = cache.get(cls)
    if found is None:
        found = cache[cls] = _compute(ctx, cls)
    return found


def _compute(ctx: Context, cls: ast.ClassDef) -> ClassFacts:
    bases = [base.value if isinstance(base, ast.Subscript) else base for base in cls.bases]
    names = [ctx.qualified_name(base) for base in bases]
    written = [last_name(base) for base in bases]
    enum_like = any(name in ENUM_BASES for name in names) or any(
        word.endswith(ENUM_SUFFIXES) for word in written if word
    )
    framework = any(name.startswith(FIELD_FRAMEWORKS) for name in names if name)
    local = local_classes(ctx, bases)
    external_base = len(local) < len(bases) and any(
        not (name or "").startswith(TRANSPARENT_BASES) for name in names
    )
    for parent in local:
        inherited = facts(ctx, parent)
        enum_like = enum_like or inherited.enum_like
        framework = framework or inherited.framework
        external_base = external_base or inherited.external_base
    for keyword in cls.keywords:
        metaclass = ctx.qualified_name(keyword.value) if keyword.arg == "metaclass" else None
        enum_like = enum_like or (metaclass or "").startswith("enum.")
        framework = framework or (metaclass or "").startswith(FIELD_FRAMEWORKS)
    decorator_names = ctx.decorators(cls)
    framework = framework or any(n.startswith(FIELD_FRAMEWORKS) for n in decorator_names if n)
    return ClassFacts(
        enum_like=enum_like,
        config=cls.name in CONFIG_CLASS_NAMES,
        framework=framework,
        protocol=any((n or "").endswith(".Protocol") for n in names) or "Protocol" in written,
        final="typing.final" in decorator_names,
        external_base=external_base,
    )


def local_classes(ctx: Context, bases: list[ast.expr]) -> list[ast.ClassDef]:
    """Bases defined in this module (their facts are inherited)."""
    found = []
    for base in bases:
        if isinstance(base, ast.Subscript):
            base = base.value
        binding = ctx.lookup(base.id) if isinstance(base, ast.Name) else None
        if binding is not None and binding.kind is BindingKind.CLASS:
            node = binding.node
            if isinstance(node, ast.ClassDef):
                found.append(node)
    return found
