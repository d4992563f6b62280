"""Scopes, bindings and the shared import resolver.

Every family asks "what does this name refer to?" through here, never by matching bare
names. The walker (`walker.py`) creates scopes and records bindings as it goes; the
resolver answers qualified names for `Name`/`Attribute` chains against those bindings.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import ClassVar, Final, NamedTuple, final

BUILTIN_NAMES: Final = frozenset(dir(builtins))
BUILTIN_QUALNAMES: Final = {name: f"builtins.{name}" for name in BUILTIN_NAMES}

# Modules whose public names are the same objects under another module. `typing_extensions`
# re-exports `typing` (rules that care about the difference ask for the raw name).
CANONICAL_MODULES: Final = {"typing_extensions": "typing"}
_REEXPORTING: Final = tuple(CANONICAL_MODULES)  # (a cheap first test for `canonical`)


class Kind:
    """One of a closed set of kinds, compared by identity (`scope.kind is ScopeKind.CLASS`).

    Not an `enum.Enum`: on Python 3.10 and 3.11 every read of a member through its enum class
    goes through the lookup hook `EnumType.__getattr__` installs, about 100 ns (ten times a
    plain class attribute), and the walk reads these kinds at every binding (3% of `lint()`).
    """

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value!r})"


@final
class ScopeKind(Kind):
    __slots__ = ()
    MODULE: ClassVar[ScopeKind]
    CLASS: ClassVar[ScopeKind]
    FUNCTION: ClassVar[ScopeKind]
    LAMBDA: ClassVar[ScopeKind]
    COMPREHENSION: ClassVar[ScopeKind]


ScopeKind.MODULE = ScopeKind("module")
ScopeKind.CLASS = ScopeKind("class")
ScopeKind.FUNCTION = ScopeKind("function")
ScopeKind.LAMBDA = ScopeKind("lambda")
ScopeKind.COMPREHENSION = ScopeKind("comprehension")


@final
class BindingKind(Kind):
    __slots__ = ()
    IMPORT: ClassVar[BindingKind]
    RELATIVE_IMPORT: ClassVar[BindingKind]
    FUNCTION: ClassVar[BindingKind]
    CLASS: ClassVar[BindingKind]
    PARAMETER: ClassVar[BindingKind]
    ASSIGNMENT: ClassVar[BindingKind]
    OTHER: ClassVar[BindingKind]


BindingKind.IMPORT = BindingKind("import")
BindingKind.RELATIVE_IMPORT = BindingKind("relative-import")
BindingKind.FUNCTION = BindingKind("function")
BindingKind.CLASS = BindingKind("class")
BindingKind.PARAMETER = BindingKind("parameter")
BindingKind.ASSIGNMENT = BindingKind("assignment")
BindingKind.OTHER = BindingKind("other")


class Binding(NamedTuple):
    """What one name is bound to in one scope."""

    kind: BindingKind
    qualname: str | None
    node: ast.AST
    value: ast.expr | None = None


_NO_GLOBALS: Final[AbstractSet[str]] = frozenset()


class Scope:
    """A namespace: module, class body, function, lambda or comprehension."""

    __slots__ = (
        "_module", "bindings", "globals", "imported", "kind", "modules", "node", "parent",
        "star_imports",
    )  # fmt: skip

    def __init__(self, kind: ScopeKind, node: ast.AST, parent: Scope | None) -> None:
        self.kind = kind
        self.node = node
        self.parent = parent
        # No reference to itself: a cycle would keep the module scope, and with it the
        # file's whole tree, alive after the lint until the garbage collector's next full
        # pass (on Django that doubled the time flake8 spends in the collector).
        self._module: Scope | None = None if parent is None else parent.module()
        self.bindings: dict[str, Binding] = {}
        self.globals: AbstractSet[str] = _NO_GLOBALS  # names of `global` statements
        if parent is None:
            self.star_imports: list[str] = []
            # every local name any import in the module binds: names not in it can only
            # resolve to builtins or star imports, so callers may skip resolving them
            self.imported: set[str] = set()
            self.modules: set[str] = set()  # top-level modules imported anywhere (`seen`)
        else:  # facts of the whole module: shared, not copied (a file has many scopes)
            self.star_imports = parent.star_imports
            self.imported = parent.imported
            self.modules = parent.modules

    def module(self) -> Scope:
        return self if self._module is None else self._module

    def declare_globals(self, names: Iterable[str]) -> None:
        self.globals = {*self.globals, *names}

    def bind(self, name: str, binding: Binding) -> None:
        target = self.module() if name in self.globals else self
        target.bindings[name] = binding

    def lookup(self, name: str) -> Binding | None:
        """Find `name` as Python would: this scope, then enclosing non-class scopes."""
        binding = self.bindings.get(name)
        if binding is not None:
            return binding
        scope = self.parent
        while scope is not None:
            if scope.kind is not ScopeKind.CLASS:
                binding = scope.bindings.get(name)
                if binding is not None:
                    return binding
            scope = scope.parent
        return None


def canonical(qualname: str) -> str:
    """Map re-exporting modules onto the module that defines the name."""
    head, sep, rest = qualname.partition(".")
    mapped = CANONICAL_MODULES.get(head)
    return f"{mapped}{sep}{rest}" if mapped is not None else qualname


def raw_qualified_name(expr: ast.AST, scope: Scope) -> str | None:
    """The dotted name `expr` (a `Name` or `Attribute` chain) refers to, as imported.

    Imports resolve to their target (`import numpy as np; np.x` -> `numpy.x`), unbound
    builtins to `builtins.<name>`. Names bound by anything else (assignments, parameters,
    local classes and functions, relative imports) resolve to `None`: they are not the
    thing the rule is about, whatever they are called. A `Call` anywhere in the chain also
    gives `None` (`foo().bar` is not `foo.bar`).
    """
    if type(expr) is ast.Name:  # the usual case: no chain to take apart
        return _resolve_name(expr.id, scope)
    attrs: list[str] = []
    while isinstance(expr, ast.Attribute):
        attrs.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    base = _resolve_name(expr.id, scope)
    if base is None:
        return None
    if not attrs:
        return base
    attrs.append(base)
    return ".".join(reversed(attrs))


def qualified_name(expr: ast.AST, scope: Scope) -> str | None:
    """`raw_qualified_name`, with `typing_extensions.X` read as `typing.X`."""
    raw = raw_qualified_name(expr, scope)
    if raw is None or not raw.startswith(_REEXPORTING):
        return raw
    return canonical(raw)


def _resolve_name(name: str, scope: Scope) -> str | None:
    binding = scope.lookup(name)
    if binding is not None:
        return binding.qualname
    return unbound_name(name, scope)


def unbound_name(name: str, scope: Scope) -> str | None:
    """What a name no scope binds refers to: a builtin, or a star import's export."""
    stars = scope.module().star_imports
    builtin = BUILTIN_QUALNAMES.get(name)
    if not stars:
        return builtin
    if builtin is None:
        return f"{stars[0]}.{name}" if len(stars) == 1 else None
    return builtin if name[0].islower() else None


def bind_import(scope: Scope, node: ast.Import) -> None:
    imported = scope.module().imported
    modules = scope.module().modules
    for alias in node.names:
        modules.add(alias.name.partition(".")[0])
        if alias.asname is not None:
            scope.bind(alias.asname, Binding(BindingKind.IMPORT, alias.name, node))
            imported.add(alias.asname)
        else:
            top = alias.name.partition(".")[0]
            scope.bind(top, Binding(BindingKind.IMPORT, top, node))
            imported.add(top)


def bind_import_from(scope: Scope, node: ast.ImportFrom) -> None:
    relative = node.level > 0
    module = node.module or ""
    imported = scope.module().imported
    if not relative:
        scope.module().modules.add(module.partition(".")[0])
    for alias in node.names:
        if alias.name == "*":
            if not relative:
                scope.module().star_imports.append(module)
            continue
        local = alias.asname or alias.name
        imported.add(local)
        if relative:
            scope.bind(local, Binding(BindingKind.RELATIVE_IMPORT, None, node))
        else:
            scope.bind(local, Binding(BindingKind.IMPORT, f"{module}.{alias.name}", node))
