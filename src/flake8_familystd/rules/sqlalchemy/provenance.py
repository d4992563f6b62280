"""Receiver provenance: is this name a SQLAlchemy session, engine, connection, query or model?

Answers come from the file's own bindings, read lazily when a rule asks (a parameter's
annotation, default and decorators; an assignment's value; a `with ... as` item), plus
two facts the single walk records on the way: `self.x = ...` in methods and which classes
are declarative models. Nothing here walks the tree.
"""

from __future__ import annotations

import ast
import enum
import functools
from dataclasses import dataclass, field

from flake8_familystd.context import Context
from flake8_familystd.rules.sqlalchemy import vocabulary as v
from flake8_familystd.scope import BindingKind

SESSION_NAMES_FLAG = "--familystd-sqlalchemy-session-names"
TARGET_FLAG = "--familystd-sqlalchemy-target"
_DEPTH = 5


class Kind(enum.Enum):
    SESSION = "session"  # shown by the resolver (constructor, annotation, decorator, option)
    NAMED_SESSION = "named-session"  # only its name says so (`session`, `create_session()`)
    FACTORY = "factory"
    ENGINE = "engine"
    CONNECTION = "connection"
    QUERY = "query"
    FLASK_DB = "flask-db"
    TABLE = "table"
    STATEMENT = "statement"


SESSIONS = frozenset({Kind.SESSION, Kind.NAMED_SESSION})
EXECUTORS = frozenset({Kind.SESSION, Kind.CONNECTION, Kind.ENGINE})


@dataclass
class Facts:
    """What the walk learned about this file so far."""

    self_attrs: dict[tuple[ast.AST, str], Kind] = field(default_factory=dict)
    models: set[ast.ClassDef] = field(default_factory=set)
    allow_unmapped: set[ast.ClassDef] = field(default_factory=set)


def target_14(ctx: Context) -> bool:
    return ctx.settings.run.choice(TARGET_FLAG) == "1.4"


@functools.lru_cache(maxsize=8)
def _names(raw: tuple[str, ...]) -> frozenset[str]:
    return frozenset(raw)


def session_names(ctx: Context) -> frozenset[str]:
    return _names(ctx.settings.run.names(SESSION_NAMES_FLAG))


def is_migration(ctx: Context) -> bool:
    path = "/" + ctx.filename.replace("\\", "/")
    return any(part in path for part in v.MIGRATION_DIRS)


# -- names ---------------------------------------------------------------------------------


def sa_name(ctx: Context, expr: ast.AST) -> str | None:
    """The SQLAlchemy name `expr` refers to (`sa.orm.Column` -> `Column`), else None.

    Flask-SQLAlchemy's `db.<name>` counts (`db.Column`, `db.relationship`, `db.select`).
    """
    if isinstance(expr, ast.Attribute) and _is_flask_db(ctx, expr.value):
        return expr.attr
    if not isinstance(expr, (ast.Name, ast.Attribute)):
        return None
    qualname = ctx.qualified_name(expr)
    if qualname is None:
        return None
    parts = qualname.split(".")
    if parts[0] not in v.SA_MODULES or len(parts) < 2:
        return None
    if len(parts) == 2 or parts[-2] in v.PUBLIC_MODULES:
        return parts[-1]
    # `Session.close_all`: a method named through its class
    return parts[-1] if parts[-2] in v.SESSION_CLASSES else None


def _is_flask_db(ctx: Context, expr: ast.expr) -> bool:
    """`db` bound by `SQLAlchemy(...)` here, or a `db` imported into a gated file."""
    if not isinstance(expr, ast.Name):
        return False
    binding = ctx.lookup(expr.id)
    if binding is None:
        return False
    if binding.kind in (BindingKind.IMPORT, BindingKind.RELATIVE_IMPORT):
        if expr.id != "db":
            return False
        qualname = binding.qualname or ""
        # `from airflow.utils import db` is a module of helpers, not Flask-SQLAlchemy
        return not qualname.endswith(".utils.db") and qualname != "db"
    value = binding.value
    return isinstance(value, ast.Call) and _call_name_is(ctx, value, "SQLAlchemy")


def _call_name_is(ctx: Context, call: ast.Call, name: str) -> bool:
    func = call.func
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return False
    qualname = ctx.qualified_name(func)
    return (
        qualname is not None
        and qualname.endswith("." + name)
        and (qualname.partition(".")[0] in v.SA_MODULES)
    )


# -- kinds -----------------------------------------------------------------------------------


def kind_of(ctx: Context, expr: ast.AST, depth: int = 0) -> Kind | None:
    """What SQLAlchemy object `expr` evaluates to, when the file shows it."""
    if depth > _DEPTH:
        return None
    if isinstance(expr, ast.Name):
        return _name_kind(ctx, expr, depth)
    if isinstance(expr, ast.Attribute):
        return _attribute_kind(ctx, expr, depth)
    if isinstance(expr, ast.Call):
        return _call_kind(ctx, expr, depth)
    if isinstance(expr, ast.Await):
        return kind_of(ctx, expr.value, depth + 1)
    return None


def _name_kind(ctx: Context, node: ast.Name, depth: int) -> Kind | None:
    name = node.id
    if name in session_names(ctx):
        return Kind.SESSION
    binding = ctx.lookup(name)
    if binding is None:
        return None
    if binding.kind is BindingKind.PARAMETER and isinstance(binding.node, ast.arg):
        return _parameter_kind(ctx, binding.node)
    if binding.kind in (BindingKind.IMPORT, BindingKind.RELATIVE_IMPORT):
        return Kind.FLASK_DB if _is_flask_db(ctx, node) else None
    if binding.kind is not BindingKind.ASSIGNMENT:
        return None
    parent = ctx.parent_of(binding.node)
    if isinstance(parent, ast.AnnAssign):
        declared = annotation_kind(ctx, parent.annotation)
        if declared is not None:
            return declared
    if binding.value is not None:
        return kind_of(ctx, binding.value, depth + 1)
    if isinstance(parent, ast.withitem):
        return kind_of(ctx, parent.context_expr, depth + 1)
    return None


def _parameter_kind(ctx: Context, arg: ast.arg) -> Kind | None:
    if arg.annotation is not None:
        declared = annotation_kind(ctx, arg.annotation)
        if declared is not None:
            return declared
    arguments = ctx.parent_of(arg)
    function = ctx.parent_of(arguments) if arguments is not None else None
    if isinstance(arguments, ast.arguments) and _defaults_to_new_session(arguments, arg):
        return Kind.SESSION
    if (
        isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        and arg.arg == "session"
        and any(_decorator_name(d) == "provide_session" for d in function.decorator_list)
    ):
        return Kind.SESSION
    if arg.arg in ("session", "db_session", "dbsession", "sess"):
        return Kind.NAMED_SESSION
    return None


def _defaults_to_new_session(arguments: ast.arguments, arg: ast.arg) -> bool:
    """Airflow's `session: Session = NEW_SESSION` under `@provide_session`."""
    positional = [*arguments.posonlyargs, *arguments.args]
    default: ast.expr | None = None
    if arg in positional:
        index = positional.index(arg) - (len(positional) - len(arguments.defaults))
        default = arguments.defaults[index] if index >= 0 else None
    elif arg in arguments.kwonlyargs:
        default = arguments.kw_defaults[arguments.kwonlyargs.index(arg)]
    return _last_name(default) == "NEW_SESSION"


def _decorator_name(decorator: ast.expr) -> str | None:
    return _last_name(decorator.func if isinstance(decorator, ast.Call) else decorator)


def _last_name(expr: ast.AST | None) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def annotation_kind(ctx: Context, annotation: ast.expr) -> Kind | None:
    """`Session`, `Optional[Session]`, `Session | None`, `"Session"` -> SESSION, and so on."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except (SyntaxError, ValueError, RecursionError):
            return None
        return _annotation_name_kind(_unwrap_optional(annotation), resolved=None)
    inner = _unwrap_optional(annotation)
    if not isinstance(inner, (ast.Name, ast.Attribute)):
        return None
    qualname = ctx.qualified_name(inner)
    if qualname is not None and qualname.partition(".")[0] not in v.SA_MODULES:
        return None
    return _annotation_name_kind(inner, resolved=qualname)


def _unwrap_optional(annotation: ast.expr) -> ast.expr:
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        for side in (annotation.left, annotation.right):
            if not (isinstance(side, ast.Constant) and side.value is None):
                return side
    if isinstance(annotation, ast.Subscript) and _last_name(annotation.value) == "Optional":
        return annotation.slice
    return annotation


def _annotation_name_kind(expr: ast.expr, *, resolved: str | None) -> Kind | None:
    name = resolved.rpartition(".")[2] if resolved is not None else _last_name(expr)
    if name is None:
        return None
    strong = resolved is not None
    if name in v.SESSION_CLASSES:
        return Kind.SESSION if strong else Kind.NAMED_SESSION
    if not strong:
        return None
    if name in v.ENGINE_CLASSES:
        return Kind.ENGINE
    if name in v.CONNECTION_CLASSES:
        return Kind.CONNECTION
    if name in v.QUERY_CLASSES:
        return Kind.QUERY
    return None


def _attribute_kind(ctx: Context, node: ast.Attribute, depth: int) -> Kind | None:
    attr = node.attr
    value = node.value
    if attr in session_names(ctx):
        return Kind.SESSION
    if isinstance(value, ast.Name):
        if value.id in ("self", "cls"):
            recorded = self_attribute(ctx, attr)
            if recorded is not None:
                return recorded
        elif _is_flask_db(ctx, value):
            if attr == "session":
                return Kind.SESSION
            if attr == "engine":
                return Kind.ENGINE
        elif attr == "query" and value.id[:1].isupper() and ctx.lookup(value.id) is not None:
            return Kind.QUERY  # Flask-SQLAlchemy `Model.query`
    return Kind.NAMED_SESSION if is_session_word(attr) else None


def is_session_word(name: str) -> bool:
    """`session`, `db_session`, `get_session`, `Session`; not `http_session`, `client_session`."""
    lower = name.lower()
    if not lower.endswith("session"):
        return False
    return not any(word in lower for word in v.FOREIGN_SESSION_WORDS)


def _call_kind(ctx: Context, call: ast.Call, depth: int) -> Kind | None:
    func = call.func
    name = sa_name(ctx, func)
    if name is not None:
        return _constructor_kind(name)
    if isinstance(func, ast.Attribute):
        method = func.attr
        if method == "get_bind" and ctx.qualified_name(func) == "alembic.op.get_bind":
            return Kind.CONNECTION
        receiver = kind_of(ctx, func.value, depth + 1)
        if receiver is not None:
            return _method_kind(receiver, method)
    if kind_of(ctx, func, depth + 1) is Kind.FACTORY:
        return Kind.SESSION
    return _named_session_call(ctx, func)


def _constructor_kind(name: str) -> Kind | None:
    if name in v.SESSION_CLASSES:
        return Kind.SESSION
    if name in v.FACTORIES:
        return Kind.FACTORY
    if name in v.ENGINE_FACTORIES:
        return Kind.ENGINE
    if name == "Table":
        return Kind.TABLE
    if name == "SQLAlchemy":
        return Kind.FLASK_DB
    if name in v.STATEMENT_FUNCTIONS:
        return Kind.STATEMENT
    return None


def _method_kind(receiver: Kind, method: str) -> Kind | None:
    if receiver is Kind.ENGINE and method in ("connect", "begin"):
        return Kind.CONNECTION
    if receiver is Kind.FACTORY and method == "begin":
        return Kind.SESSION
    if receiver in SESSIONS and method == "query":
        return Kind.QUERY
    if receiver is Kind.QUERY and method in v.QUERY_CHAIN_METHODS:
        return Kind.QUERY
    if receiver is Kind.STATEMENT and method in v.STATEMENT_METHODS:
        return Kind.STATEMENT
    if receiver is Kind.TABLE and method in ("select", "insert", "update", "delete"):
        return Kind.STATEMENT
    return None


def _named_session_call(ctx: Context, func: ast.expr) -> Kind | None:
    """`create_session()`, `settings.Session()`: a session by name, unless a foreign library's."""
    name = _last_name(func)
    if name is None or not (is_session_word(name) or name == "SessionLocal"):
        return None
    qualname = ctx.qualified_name(func) if isinstance(func, (ast.Name, ast.Attribute)) else None
    if qualname is not None and qualname.partition(".")[0] in v.FOREIGN_SESSION_MODULES:
        return None
    if qualname is not None and qualname.startswith("builtins."):
        return None
    return Kind.NAMED_SESSION


def chain_root(expr: ast.expr) -> ast.expr:
    """The receiver a method chain starts from (`session` in `session.query(A).filter(b)`)."""
    while True:
        if isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Call):
            expr = expr.value
        else:
            return expr


# -- self attributes and models ---------------------------------------------------------------


def self_attribute(ctx: Context, attr: str) -> Kind | None:
    facts = ctx.peek(Facts)
    owner = _method_class(ctx)
    if facts is None or owner is None:
        return None
    return facts.self_attrs.get((owner, attr))


def _method_class(ctx: Context) -> ast.ClassDef | None:
    function = ctx.where.function
    if function is None:
        return None
    parent = ctx.parent_of(function)
    return parent if isinstance(parent, ast.ClassDef) else None


def record_self_attribute(ctx: Context, target: ast.Attribute, value: ast.expr) -> None:
    """`self.session = Session(engine)` in a method: `self.session` is a session."""
    owner = _method_class(ctx)
    if owner is None:
        return
    kind = kind_of(ctx, value)
    if kind is not None and kind is not Kind.NAMED_SESSION:
        ctx.scratch(Facts).self_attrs[(owner, target.attr)] = kind


def is_model(ctx: Context, node: ast.ClassDef) -> bool:
    """A declarative class: a declarative base's subclass, `db.Model`, or `__tablename__`."""
    facts = ctx.scratch(Facts)
    if any(_is_declarative_base(ctx, base, facts) for base in node.bases):
        return True
    for statement in node.body:
        targets: list[ast.expr] = []
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        for target in targets:
            if isinstance(target, ast.Name) and target.id in ("__tablename__", "__table_args__"):
                return True
    return False


def _is_declarative_base(ctx: Context, base: ast.expr, facts: Facts) -> bool:
    name = sa_name(ctx, base)
    if name is not None:
        return name in v.DECLARATIVE_BASES or name == "Model"
    if not isinstance(base, ast.Name):
        return False
    binding = ctx.lookup(base.id)
    if binding is None:
        return False
    if binding.kind is BindingKind.CLASS:
        return binding.node in facts.models
    value = binding.value
    if binding.kind is BindingKind.ASSIGNMENT and isinstance(value, ast.Call):
        return sa_name(ctx, value.func) in v.DECLARATIVE_FACTORIES
    return False


def allows_unmapped(node: ast.ClassDef) -> bool:
    for statement in node.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__allow_unmapped__" for t in statement.targets
        ):
            return True
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.target.id == "__allow_unmapped__"
        ):
            return True
    return False


def model_of(ctx: Context) -> ast.ClassDef | None:
    """The declarative class whose body the current statement is in, if any."""
    class_ = ctx.where.class_
    if class_ is None or ctx.where.function is not None:
        return None
    facts = ctx.peek(Facts)
    return class_ if facts is not None and class_ in facts.models else None
