"""The single pass: one iterative walk per file, dispatching each node to its handlers.

Handlers are looked up by exact node type. The walk keeps the shared context (scope,
enclosing function and class, annotation / `TYPE_CHECKING` / compatibility branches,
except handler) and records bindings for the resolver. Function and lambda bodies are
walked after the scope that defines them (as Python runs them, and as ruff does), so a
body sees every module-level import whatever the order in the file. Exit handlers run
when the walk leaves a scope node: a function after its body, a class after its body
statements (its methods' bodies come later), the module last of all.
"""

from __future__ import annotations

import ast
import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NamedTuple

from flake8_familystd import profiling
from flake8_familystd.compat import TRY_NODES, TYPE_ALIAS_NODES, type_param_name, type_params
from flake8_familystd.context import LOG, Context, FunctionNode, NameWatcher, Where
from flake8_familystd.registry import BindHandler, Family, Handler, NameHandler, Rule
from flake8_familystd.scope import (
    BUILTIN_NAMES,
    Binding,
    BindingKind,
    Scope,
    ScopeKind,
    bind_import,
    bind_import_from,
)

# Fields that never hold child nodes worth visiting (`ctx`/`op` hold shared singletons).
_SCALAR_FIELDS: Final = frozenset(
    {
        "id", "attr", "arg", "module", "level", "kind", "type_comment", "is_async",
        "conversion", "name", "asname", "tag", "simple", "rest", "kwd_attrs", "ctx", "op", "ops",
    }
)  # fmt: skip

# Evaluation order where it differs from field order (bindings happen after their values).
_ORDER: Final[dict[type[ast.AST], tuple[str, ...]]] = {
    ast.Assign: ("value", "targets"),
    ast.AugAssign: ("value", "target"),
    ast.AnnAssign: ("annotation", "value", "target"),
    ast.NamedExpr: ("value", "target"),
    ast.For: ("iter", "target", "body", "orelse"),
    ast.AsyncFor: ("iter", "target", "body", "orelse"),
    ast.comprehension: ("iter", "target", "ifs"),
    ast.ListComp: ("generators", "elt"),
    ast.SetComp: ("generators", "elt"),
    ast.GeneratorExp: ("generators", "elt"),
    ast.DictComp: ("generators", "key", "value"),
}
_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}

_IMPORT_ERRORS: Final = frozenset({"builtins.ImportError", "builtins.ModuleNotFoundError"})
_TYPE_CHECKING: Final = frozenset({"typing.TYPE_CHECKING"})

RAISE_ENV: Final = "FLAKE8_FAMILYSTD_RAISE"


def child_fields(node_type: type[ast.AST]) -> tuple[str, ...]:
    fields = _FIELDS.get(node_type)
    if fields is None:
        explicit = _ORDER.get(node_type)
        if explicit is not None:
            fields = explicit
        elif node_type is ast.Constant:
            fields = ()
        else:
            fields = tuple(f for f in node_type._fields if f not in _SCALAR_FIELDS)
        _FIELDS[node_type] = fields
    return fields


def children(node: ast.AST) -> list[ast.AST]:
    """Child nodes in evaluation order (no `ctx`/operator singletons)."""
    found: list[ast.AST] = []
    for name in child_fields(type(node)):
        value = getattr(node, name, None)
        if isinstance(value, list):
            found.extend(item for item in value if isinstance(item, ast.AST))
        elif isinstance(value, ast.AST):
            found.append(value)
    return found


HandlerTable = dict[type[ast.AST], tuple[Handler, ...]]
NameTable = dict[str, tuple[NameHandler, ...]]
Plan = tuple["tuple[Handler, ...] | None", "Transition | None", tuple[str, ...]]
Stack = list[tuple[ast.AST, Where]]
# Function and lambda bodies, walked once their scope's statements are: with the `Where`
# of the definition (the function's own scope is made when its body is walked).
Deferred = deque[tuple[FunctionNode, Sequence[ast.AST], Where]]


class Tables(NamedTuple):
    """What the walk calls for one set of active rules."""

    enter: HandlerTable
    leave: HandlerTable
    names: NameTable
    """Name handlers by top-level module (`"pytz"`), or by one qualified name
    (`"builtins.eval"`)."""
    binds: tuple[BindHandler, ...] = ()
    """Handlers of every stored or deleted `Name`."""
    strings: tuple[Handler, ...] = ()
    """Handlers of the string constants inside annotations."""
    closed: frozenset[str] = frozenset()
    """Modules whose import would add a gated family's handlers (see `Family.gate`)."""
    builtins: frozenset[str] = frozenset()
    """The builtin names the walk resolves (`builtins_resolved(names)`)."""
    leaving: frozenset[type[ast.AST]] = frozenset()
    """Scope node types with exit handlers, now or once a closed gate opens."""
    tops: frozenset[str] = frozenset()
    """The top-level modules of the name handlers' keys (`"builtins"` for `"builtins.eval"`)."""


def build_tables(
    families: Iterable[Family], active: frozenset[str], opened: frozenset[str] = frozenset()
) -> Tables:
    """Handler tables holding only handlers that can report an active rule.

    A gated family is left out until the file imports one of its modules (`opened`).
    """
    enter: dict[type[ast.AST], list[Handler]] = {}
    leave: dict[type[ast.AST], list[Handler]] = {}
    by_module: dict[str, list[NameHandler]] = {}
    binds: list[BindHandler] = []
    strings: list[Handler] = []
    closed: set[str] = set()
    leaving: set[type[ast.AST]] = set()
    timing = profiling.enabled()
    for family in families:
        if family.gate and not opened.intersection(family.gate):
            if any(_any_active(rules, active) for _, rules, _ in family.handlers) or any(
                _any_active(rules, active) for _, rules, _ in family.exit_handlers
            ):
                closed.update(family.gate)
                leaving.update(
                    t for t, rules, _ in family.exit_handlers if _any_active(rules, active)
                )
            continue
        for table, registered in ((enter, family.handlers), (leave, family.exit_handlers)):
            for node_type, rules, handler in registered:
                if _any_active(rules, active):
                    chosen = profiling.timed(family.name, handler) if timing else handler
                    table.setdefault(node_type, []).append(chosen)
        for module, rules, name_handler in family.name_handlers:
            if _any_active(rules, active):
                timed = profiling.timed(family.name, name_handler) if timing else None
                by_module.setdefault(module, []).append(timed or name_handler)
        for rules, bind_handler in family.bind_handlers:
            if _any_active(rules, active):
                binds.append(profiling.timed(family.name, bind_handler) if timing else bind_handler)
        for rules, string_handler in family.annotation_string_handlers:
            if _any_active(rules, active):
                chosen = profiling.timed(family.name, string_handler) if timing else string_handler
                strings.append(chosen)
    names = {k: tuple(v) for k, v in by_module.items()}
    return Tables(
        {k: tuple(v) for k, v in enter.items()},
        {k: tuple(v) for k, v in leave.items()},
        names,
        tuple(binds),
        tuple(strings),
        frozenset(closed),
        builtins_resolved(names),
        frozenset(leaving.union(leave)),
        frozenset(key.partition(".")[0] for key in names),
    )


def builtins_resolved(names: NameTable) -> frozenset[str]:
    """The builtins a walk with these name handlers resolves: all of them if a handler wants
    every builtin, else those named (`"builtins.eval"`: `eval`), else none."""
    if "builtins" in names:
        return BUILTIN_NAMES
    return frozenset(key[9:] for key in names if key.startswith("builtins."))


def _any_active(rules: Sequence[Rule], active: frozenset[str]) -> bool:
    return any(rule.code in active for rule in rules)


class Walker:
    """Walks one module, keeping `ctx.where` current and calling handlers."""

    def __init__(
        self,
        ctx: Context,
        tables: Tables,
        plans: dict[type[ast.AST], Plan] | None = None,
        *,
        raise_errors: bool = False,
        retable: Retable | None = None,
    ) -> None:
        self.ctx = ctx
        self.enter = tables.enter
        self.leave = tables.leave
        self.names = tables.names
        self.binds = tables.binds
        self.strings = tables.strings
        self.builtins = tables.builtins
        self.tops = tables.tops
        self.leaving = tables.leaving
        self.closed = tables.closed if retable is not None else frozenset()
        self.opened: frozenset[str] = frozenset()
        self.retable = retable
        self.plans = {} if plans is None else plans
        self.raise_errors = raise_errors
        self.stack: Stack = []
        self.deferred: Deferred = deque()

    def run(self, tree: ast.AST) -> None:
        module_where = self.ctx.where
        handlers = self.enter.get(type(tree))
        if handlers is not None:
            self._call(handlers, tree)
        self.push_all(tree, children(tree), module_where)
        while self._walk():
            pass  # a gated family joined the walk: carry on with the tables that include it
        self._leave(tree, module_where)

    def _walk(self) -> bool:
        """Walk until the stack and the deferred bodies are empty (False), or until an
        import opens a gated family's gate (True: the caller walks on with new tables)."""
        ctx = self.ctx
        parents = ctx.parents
        plans = self.plans
        stack = self.stack
        pop = stack.pop
        append = stack.append
        deferred = self.deferred
        name_type = ast.Name
        load = ast.Load
        store = ast.Store
        assignment = BindingKind.ASSIGNMENT
        watchers = ctx.name_watchers
        binds = self.binds
        # Names nothing imported (most of them: locals, parameters) are not resolved.
        resolving = bool(self.names)
        module_scope = ctx.where.scope.module()
        imported = module_scope.imported
        stars = module_scope.star_imports
        builtins = self.builtins
        # Constants are leaves: when no handler wants them they are not even queued (but for
        # the strings in annotations, if some handler wants those).
        constant = ast.Constant if ast.Constant not in self.enter else None
        strings = bool(self.strings)
        # Nor are loaded names that nothing would happen to (no `Name` handler, no watcher,
        # nothing imported or builtin that a name handler wants: the test at the push is a
        # superset of the one at the pop). Safe to decide early: between a child's push and
        # its pop only its earlier siblings are walked, and those are never imports, and
        # watchers are registered by statements' handlers, which run before the push.
        quiet = name_type if name_type not in self.enter else None
        # An `Attribute` no handler wants is not queued either: its chain is followed down to
        # the name or call it starts from (`self.a.b` -> `self`), recording the parents.
        passing = ast.Attribute if ast.Attribute not in self.enter else None

        while True:
            while stack:
                node, where = pop()
                cls = type(node)
                plan = plans.get(cls)
                if plan is None:
                    plan = plans[cls] = self._plan(cls)
                handlers, transition, fields = plan
                ctx.where = where  # transitions resolve names too
                if handlers is not None:
                    ctx.node = node
                    for handler in handlers:
                        try:
                            handler(ctx, node)
                        except Exception as error:
                            self._failed(handler, node, error)
                if cls is name_type:
                    # `cls is ast.Name` is cheaper than `isinstance` (and says the same here)
                    name: ast.Name = node  # type: ignore[assignment]
                    ident = name.id
                    if watchers and ident in watchers:
                        ctx.node = name
                        self._watched(watchers[ident], name)
                    stored = type(name.ctx)
                    if stored is not load:
                        if binds:
                            ctx.node = name
                            for bind in binds:
                                try:
                                    bind(ctx, name)
                                except Exception as error:
                                    self._failed(bind, name, error)
                        if stored is store:
                            value = _assigned_value(parents.get(name))
                            where.scope.bind(ident, Binding(assignment, None, name, value))
                        else:
                            where.scope.bindings.pop(ident, None)
                    elif resolving and (ident in imported or stars or ident in builtins):
                        self._resolve(name)
                elif transition is not None:
                    if transition(self, node, where):
                        return True
                else:
                    for field in fields:
                        value = getattr(node, field)
                        if type(value) is list:
                            for child in reversed(value):
                                # list fields hold nodes, or None (`Dict.keys` of `**x`)
                                if child is None:
                                    continue
                                parent = node
                                kind = type(child)
                                while kind is passing:
                                    parents[child] = parent
                                    parent, child = child, child.value
                                    kind = type(child)
                                if kind is not constant or (strings and where.in_annotation):
                                    parents[child] = parent
                                    if kind is not quiet or (
                                        type(child.ctx) is not load
                                        or stars
                                        or child.id in imported
                                        or child.id in builtins
                                        or child.id in watchers
                                    ):
                                        append((child, where))
                        elif value is not None:  # a node (else see `_plan`)
                            parent = node
                            kind = type(value)
                            while kind is passing:
                                parents[value] = parent
                                # `kind is passing`: `value` is an `ast.Attribute`
                                parent, value = value, value.value
                                kind = type(value)
                            if kind is not constant or (strings and where.in_annotation):
                                parents[value] = parent
                                if kind is not quiet or (
                                    type(value.ctx) is not load
                                    or stars
                                    or value.id in imported
                                    or value.id in builtins
                                    or value.id in watchers
                                ):
                                    append((value, where))
            if not deferred:
                return False
            owner, body, outer = deferred.popleft()
            where = _function_where(owner, outer)
            self.exit_after(owner, where)
            self.push_all(owner, body, where)

    def _plan(self, cls: type[object]) -> Plan:
        """Everything the loop needs to know about one node type, looked up once.

        A value that is not a node (`MatchSingleton.value`, a field a newer Python adds)
        is walked past: no handlers, no children.
        """
        if not issubclass(cls, ast.AST):
            return None, None, ()
        return self.enter.get(cls), _TRANSITIONS.get(cls), tuple(reversed(child_fields(cls)))

    def _leave(self, node: ast.AST, where: Where) -> None:
        handlers = self.leave.get(type(node))
        if handlers is None:
            return
        self.ctx.node = node
        self.ctx.where = where
        self._call(handlers, node)

    def _call(self, handlers: tuple[Handler, ...], node: ast.AST) -> None:
        for handler in handlers:
            try:
                handler(self.ctx, node)
            except Exception as error:
                self._failed(handler, node, error)

    def _opens_gate(self, node: ast.AST) -> bool:
        """Does this import open a gated family's gate? Then switch to its tables, and give
        the import itself to the handlers that family adds (the walk called the others)."""
        if isinstance(node, ast.Import):
            modules = {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = {node.module.partition(".")[0]}
        else:
            return False
        opening = self.closed.intersection(modules)
        if not opening or self.retable is None:
            return False
        before = self.enter.get(type(node), ())
        self.opened |= opening
        tables, self.plans = self.retable(self.opened)
        self.enter, self.leave, self.names = tables.enter, tables.leave, tables.names
        self.binds, self.strings, self.closed = tables.binds, tables.strings, tables.closed
        self.builtins, self.leaving, self.tops = tables.builtins, tables.leaving, tables.tops
        added = tuple(h for h in self.enter.get(type(node), ()) if h not in before)
        if added:
            self.ctx.node = node
            self._call(added, node)
        return True

    def _resolve(self, node: ast.Name) -> None:
        """Resolve the chain `node` is the base of, once, and call its module's handlers."""
        ctx = self.ctx
        base = ctx.qualified_name(node)
        if base is None or base.partition(".")[0] not in self.tops:
            return  # (most imported names: no handler wants anything of their module)
        parents = ctx.parents
        outer: ast.Name | ast.Attribute = node
        qualname = base  # the chain's name is the base's and its attributes (no call between)
        parent = parents.get(outer)
        while isinstance(parent, ast.Attribute) and parent.value is outer:
            outer = parent
            qualname = f"{qualname}.{parent.attr}"
            parent = parents.get(outer)
        if type(outer.ctx) is not ast.Load:
            return
        names = self.names
        top = qualname.partition(".")[0]
        handlers = names.get(top)
        if qualname != top and qualname in names:
            handlers = (*(handlers or ()), *names[qualname])
        if handlers:
            ctx.node = outer
            for handler in handlers:
                try:
                    handler(ctx, outer, qualname)
                except Exception as error:
                    self._failed(handler, outer, error)
            ctx.node = node

    def _watched(self, on_use: Sequence[NameWatcher], node: ast.Name) -> None:
        for callback in tuple(on_use):
            try:
                callback(self.ctx, node)
            except Exception as error:
                self._failed(callback, node, error)

    def _failed(
        self, handler: Handler | NameHandler | NameWatcher, node: ast.AST, error: Exception
    ) -> None:
        """A handler raised: re-raise in tests, else log it and carry on with the file."""
        if self.raise_errors:
            raise error
        LOG.warning(
            "flake8-familystd: internal error in %s on %s:%s (please report it)",
            getattr(handler, "__qualname__", handler),
            self.ctx.filename,
            getattr(node, "lineno", 1),
            exc_info=error,
        )

    # -- helpers for transitions ---------------------------------------------------------
    def exit_after(self, node: ast.AST, where: Where) -> None:
        """Call `node`'s exit handlers once everything pushed after this is walked (if it
        has any, or may have once a gate opens)."""
        if type(node) in self.leaving:
            self.stack.append((_Exit(node), where))

    def push(self, parent: ast.AST, items: Sequence[tuple[ast.AST | None, Where]]) -> None:
        """Queue `items` (children of `parent`) so they are visited in order."""
        parents = self.ctx.parents
        append = self.stack.append
        for item in reversed(items):
            child = item[0]
            if child is not None:
                parents[child] = parent
                append(item)  # type: ignore[arg-type]  # (its node is not None)

    def push_all(self, parent: ast.AST, nodes: Sequence[ast.AST], where: Where) -> None:
        """Queue `nodes` (children of `parent`, all walked with `where`) in order."""
        parents = self.ctx.parents
        append = self.stack.append
        for child in reversed(nodes):
            parents[child] = parent
            append((child, where))


# A transition returns True when the tables changed (an import opened a family's gate).
Transition = Callable[[Walker, ast.AST, Where], "bool | None"]
Retable = Callable[[frozenset[str]], "tuple[Tables, dict[type[ast.AST], Plan]]"]


class _Exit(ast.AST):
    """Stack marker: the walk leaves `node`'s scope here (its exit handlers run)."""

    _fields = ()

    def __init__(self, node: ast.AST) -> None:
        super().__init__()
        self.node = node


def _exit(walker: Walker, marker: ast.AST, where: Where) -> None:
    assert isinstance(marker, _Exit)
    walker._leave(marker.node, where)


def _bind(where: Where, name: str, binding: Binding) -> None:
    where.scope.bind(name, binding)


def _generic(walker: Walker, node: ast.AST, where: Where) -> None:
    walker.push_all(node, children(node), where)


def _assigned_value(parent: ast.AST | None) -> ast.expr | None:
    """The value a stored name is bound to, when the statement says (`x = value`)."""
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        return parent.value
    if isinstance(parent, (ast.AnnAssign, ast.NamedExpr)):
        return parent.value
    return None


def _import(walker: Walker, node: ast.AST, where: Where) -> bool:
    assert isinstance(node, ast.Import)
    opened = bool(walker.closed) and walker._opens_gate(node)
    bind_import(where.scope, node)
    _aliases(walker, node, where)
    return opened


def _import_from(walker: Walker, node: ast.AST, where: Where) -> bool:
    assert isinstance(node, ast.ImportFrom)
    opened = bool(walker.closed) and walker._opens_gate(node)
    if node.module == "__future__" and any(a.name == "annotations" for a in node.names):
        walker.ctx.future_annotations = True
    bind_import_from(where.scope, node)
    _aliases(walker, node, where)
    return opened


def _aliases(walker: Walker, node: ast.Import | ast.ImportFrom, where: Where) -> None:
    """An import's names are walked only if a handler wants `alias` nodes (they are leaves:
    the import's transition has already bound them)."""
    if ast.alias in walker.enter:
        walker.push_all(node, node.names, where)
    else:
        parents = walker.ctx.parents
        for alias in node.names:
            parents[alias] = node


def _global(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, (ast.Global, ast.Nonlocal))
    if isinstance(node, ast.Global):
        where.scope.declare_globals(node.names)


def _function(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    _bind(where, node.name, Binding(BindingKind.FUNCTION, None, node))
    parents = walker.ctx.parents
    append = walker.stack.append
    if node.returns is not None:
        parents[node.returns] = node
        append((node.returns, _annotating(where)))
    parents[node.args] = node
    append((node.args, where))
    params = type_params(node)
    if params:
        walker.push_all(node, params, where)
    if node.decorator_list:
        walker.push_all(node, node.decorator_list, where)
    walker.deferred.append((node, node.body, where))


def _lambda(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, ast.Lambda)
    walker.ctx.parents[node.args] = node
    walker.stack.append((node.args, where))
    walker.deferred.append((node, [node.body], where))


def _function_where(node: FunctionNode, outer: Where) -> Where:
    """The where of a function's body: its scope, holding its parameters."""
    kind = ScopeKind.LAMBDA if type(node) is ast.Lambda else ScopeKind.FUNCTION
    scope = Scope(kind, node, outer.scope)
    _bind_parameters(scope, node.args)
    if type(node) is not ast.Lambda:
        _bind_type_params(scope, node)
    return _entering(outer, scope, node, None)


def _annotating(where: Where) -> Where:
    """`where` for an annotation (a direct copy: `_replace` costs three times as much)."""
    if where.in_annotation:
        return where
    return Where(
        where.scope,
        where.function,
        where.class_,
        True,
        where.in_type_checking,
        where.in_runtime_only,
        where.in_compat,
        where.handler,
    )


def _entering(
    where: Where, scope: Scope, function: FunctionNode | None, class_: ast.ClassDef | None
) -> Where:
    """The where of a new scope: annotation and handler reset, branch flags carried over
    (built positionally: keywords make a `Where` cost twice as much)."""
    return Where(
        scope, function, class_, False, where.in_type_checking, where.in_runtime_only,
        where.in_compat,
    )  # fmt: skip


def _bind_parameters(scope: Scope, args: ast.arguments) -> None:
    bindings = scope.bindings
    parameter = BindingKind.PARAMETER
    for group in (args.posonlyargs, args.args, args.kwonlyargs):
        for arg in group:
            bindings[arg.arg] = Binding(parameter, None, arg)
    if args.vararg is not None:
        bindings[args.vararg.arg] = Binding(parameter, None, args.vararg)
    if args.kwarg is not None:
        bindings[args.kwarg.arg] = Binding(parameter, None, args.kwarg)


def _arguments(walker: Walker, node: ast.AST, where: Where) -> None:
    """Parameters' annotations and defaults. The `arg` nodes themselves are walked only if a
    handler wants them (else their annotations are queued here, skipping a step each)."""
    assert isinstance(node, ast.arguments)
    if ast.arg in walker.enter:
        _generic(walker, node, where)  # each `arg` queues its annotation (`_arg`)
        return
    parents = walker.ctx.parents
    annotating: Where | None = None  # made at the first annotation (many functions have none)
    items: list[tuple[ast.AST, Where]] = []
    for group in (node.posonlyargs, node.args, (node.vararg,), node.kwonlyargs):
        for arg in group:
            if arg is not None:
                parents[arg] = node
                if arg.annotation is not None:
                    annotating = annotating or _annotating(where)
                    parents[arg.annotation] = arg
                    items.append((arg.annotation, annotating))
    for default in node.kw_defaults:
        if default is not None:
            parents[default] = node
            items.append((default, where))
    if node.kwarg is not None:
        _annotation_item(parents, node, node.kwarg, annotating or _annotating(where), items)
    for default in node.defaults:
        parents[default] = node
        items.append((default, where))
    walker.stack.extend(reversed(items))


def _annotation_item(
    parents: dict[ast.AST, ast.AST],
    node: ast.arguments,
    arg: ast.arg,
    annotating: Where,
    items: list[tuple[ast.AST, Where]],
) -> None:
    parents[arg] = node
    if arg.annotation is not None:
        parents[arg.annotation] = arg
        items.append((arg.annotation, annotating))


def _arg(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, ast.arg)
    if node.annotation is not None:
        walker.ctx.parents[node.annotation] = node
        walker.stack.append((node.annotation, _annotating(where)))


def _ann_assign(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, ast.AnnAssign)
    annotation = _annotating(where)
    walker.push(node, [(node.annotation, annotation), (node.value, where), (node.target, where)])


def _class(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, ast.ClassDef)
    _bind(where, node.name, Binding(BindingKind.CLASS, None, node))
    scope = Scope(ScopeKind.CLASS, node, where.scope)
    _bind_type_params(scope, node)
    inner = _entering(where, scope, None, node)
    items: list[tuple[ast.AST | None, Where]] = [(d, where) for d in node.decorator_list]
    items.extend((p, where) for p in type_params(node))
    items.extend((b, where) for b in node.bases)
    items.extend((k, where) for k in node.keywords)
    walker.exit_after(node, inner)
    walker.push(node, [*items, *((stmt, inner) for stmt in node.body)])


def _bind_type_params(scope: Scope, node: ast.AST) -> None:
    for param in type_params(node):
        name = type_param_name(param)
        if name is not None:
            scope.bindings[name] = Binding(BindingKind.OTHER, None, param)


def _comprehension_scope(walker: Walker, node: ast.AST, where: Where) -> None:
    inner = where._replace(scope=Scope(ScopeKind.COMPREHENSION, node, where.scope))
    walker.push_all(node, children(node), inner)


def _if(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, ast.If)
    test = node.test
    kind = type(test)
    if kind is ast.Compare:  # the usual test (`x is None`): never a `TYPE_CHECKING` guard
        compat = _is_version_check(walker.ctx, test)
        body = orelse = where._replace(in_compat=True) if compat else where
    elif kind is ast.Call:  # neither a guard nor a version check
        body = orelse = where
    else:
        body, orelse = _branches(walker.ctx, test, where)
    walker.push_all(node, node.orelse, orelse)
    walker.push_all(node, node.body, body)
    walker.ctx.parents[test] = node
    walker.stack.append((test, where))


def _branches(ctx: Context, test: ast.expr, where: Where) -> tuple[Where, Where]:
    """The `where` of an `if`'s body and of its `else`."""
    body, orelse = where, where
    guard = _type_checking_guard(ctx, test)
    if isinstance(test, ast.BoolOp):
        # `TYPE_CHECKING and x`: the body is for type checkers only (the else is not);
        # `not TYPE_CHECKING and x`: the body is runtime only.
        guards = [_type_checking_guard(ctx, value) for value in test.values]
        if isinstance(test.op, ast.And) and True in guards:
            body = where._replace(in_type_checking=True)
        elif isinstance(test.op, ast.And) and False in guards:
            body = where._replace(in_runtime_only=True)
        elif isinstance(test.op, ast.Or) and True in guards:
            orelse = where._replace(in_runtime_only=True)
    if guard is True:
        body = where._replace(in_type_checking=True)
        orelse = where._replace(in_runtime_only=True)
    elif guard is False:
        body = where._replace(in_runtime_only=True)
        orelse = where._replace(in_type_checking=True)
    elif _is_version_check(ctx, test):
        body = orelse = where._replace(in_compat=True)
    return body, orelse


def _type_checking_guard(ctx: Context, test: ast.expr) -> bool | None:
    """True for `if TYPE_CHECKING:`, False for `if not TYPE_CHECKING:`, else None."""
    negated = False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        negated, test = True, test.operand
    if isinstance(test, ast.Attribute):
        if test.attr != "TYPE_CHECKING":
            return None
    elif not isinstance(test, ast.Name) or (
        test.id != "TYPE_CHECKING" and test.id not in ctx.where.scope.module().imported
    ):
        return None  # an alias of `TYPE_CHECKING` can only come from an import
    name = ctx.qualified_name(test)
    if name in _TYPE_CHECKING or (
        name is None and isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
    ):
        return not negated
    return None


_VERSION_ATTRIBUTES: Final = frozenset({"version_info", "version"})
_VERSION_FLAG = re.compile(r"^_*(?:is_?)?py_?3_?\d+", re.IGNORECASE)


def _is_version_check(ctx: Context, test: ast.expr, *, follow: bool = True) -> bool:
    """`sys.version_info >= (3, 11)`, or a flag made from one (`py310`, `PY_3_11`).

    A name is followed to its assigned value once (`PY311 = sys.version_info >= ...`).
    """
    while isinstance(test, ast.UnaryOp):
        test = test.operand
    if isinstance(test, ast.Name):
        binding = ctx.lookup(test.id) if follow else None
        if binding is not None and binding.value is not None:
            return _is_version_check(ctx, binding.value, follow=False)
        return bool(_VERSION_FLAG.match(test.id))
    if isinstance(test, ast.BoolOp):
        return any(_is_version_check(ctx, value, follow=follow) for value in test.values)
    if not isinstance(test, ast.Compare):
        return False
    left = test.left
    if isinstance(left, ast.Subscript):
        left = left.value
    if isinstance(left, ast.Attribute):
        if left.attr not in _VERSION_ATTRIBUTES:
            return False
    elif isinstance(left, ast.Name):
        module = ctx.where.scope.module()
        if left.id not in module.imported and not module.star_imports:
            return False  # only an import binds `version_info` to `sys.version_info`
    else:
        return False
    return ctx.qualified_name(left) in ("sys.version_info", "sys.version")


def _try(walker: Walker, node: ast.AST, where: Where) -> None:
    handlers: list[ast.ExceptHandler] = getattr(node, "handlers", [])
    compat = any(_catches_import_error(walker.ctx, h) for h in handlers)
    inner = where._replace(in_compat=True) if compat else where
    items: list[tuple[ast.AST | None, Where]] = []
    for name in ("body", "handlers"):
        items.extend((stmt, inner) for stmt in getattr(node, name))
    for name in ("orelse", "finalbody"):
        items.extend((stmt, where) for stmt in getattr(node, name))
    walker.push(node, items)


def _catches_import_error(ctx: Context, handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    if caught is None:
        return False
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(ctx.qualified_name(name) in _IMPORT_ERRORS for name in names)


def _except_handler(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, ast.ExceptHandler)
    if node.name:
        _bind(where, node.name, Binding(BindingKind.OTHER, None, node))
    inner = where._replace(handler=node)
    items: list[tuple[ast.AST | None, Where]] = [(node.type, where)]
    items.extend((stmt, inner) for stmt in node.body)
    walker.push(node, items)


def _capture(walker: Walker, node: ast.AST, where: Where) -> None:
    name = getattr(node, "name", None) or getattr(node, "rest", None)
    if isinstance(name, str):
        _bind(where, name, Binding(BindingKind.OTHER, None, node))
    _generic(walker, node, where)


def _constant(walker: Walker, node: ast.AST, where: Where) -> None:
    assert isinstance(node, ast.Constant)
    if walker.strings and where.in_annotation and type(node.value) is str:
        walker.ctx.node = node
        walker._call(walker.strings, node)


def _type_alias(walker: Walker, node: ast.AST, where: Where) -> None:
    """`type X = ...`: the value is a lazily evaluated type expression, like an annotation."""
    _generic(walker, node, where._replace(in_annotation=True))


_TRANSITIONS: dict[type[ast.AST], Transition] = {
    _Exit: _exit,
    ast.Constant: _constant,
    ast.Import: _import,
    ast.ImportFrom: _import_from,
    ast.Global: _global,
    ast.Nonlocal: _global,
    ast.FunctionDef: _function,
    ast.AsyncFunctionDef: _function,
    ast.Lambda: _lambda,
    ast.arguments: _arguments,
    ast.arg: _arg,
    ast.AnnAssign: _ann_assign,
    ast.ClassDef: _class,
    ast.ListComp: _comprehension_scope,
    ast.SetComp: _comprehension_scope,
    ast.GeneratorExp: _comprehension_scope,
    ast.DictComp: _comprehension_scope,
    ast.If: _if,
    ast.ExceptHandler: _except_handler,
    ast.MatchAs: _capture,
    ast.MatchStar: _capture,
    ast.MatchMapping: _capture,
}
_TRANSITIONS.update(dict.fromkeys(TRY_NODES, _try))
_TRANSITIONS.update(dict.fromkeys(TYPE_ALIAS_NODES, _type_alias))
_ORDER.update(dict.fromkeys(TYPE_ALIAS_NODES, ("name", "type_params", "value")))
