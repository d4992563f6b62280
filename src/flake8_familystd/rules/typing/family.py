"""The typing family object and the facts its rules share."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.registry import Family

FAMILY: Final = Family("typing", 1, "Typing")

# Decorators that leave a function's annotations alone (anything else may evaluate them:
# FastAPI routes, `singledispatch`, `validate_call`, typer commands, ...).
INERT_DECORATORS: Final = frozenset(
    {
        "builtins.staticmethod",
        "builtins.classmethod",
        "builtins.property",
        "typing.overload",
        "typing.override",
        "typing.final",
        "typing.no_type_check",
        "abc.abstractmethod",
        "functools.cache",
        "functools.lru_cache",
        "functools.cached_property",
        "functools.wraps",
        "contextlib.contextmanager",
        "contextlib.asynccontextmanager",
    }
)
# Bases that do not read their subclasses' annotations at runtime.
INERT_BASES: Final = frozenset(
    {"builtins.object", "typing.Protocol", "typing.Generic", "abc.ABC", "builtins.Exception"}
)


def modernising_blocked(ctx: Context) -> bool:
    """Inside `if TYPE_CHECKING:` or a compatibility branch, old spellings are deliberate."""
    return ctx.where.in_compat or ctx.where.in_type_checking


def annotations_deferred(ctx: Context) -> bool:
    """Annotations are not evaluated when the module body runs."""
    return ctx.is_stub or ctx.future_annotations or ctx.target >= (3, 14)


def new_syntax_allowed(ctx: Context, node: ast.AST, since: tuple[int, int]) -> bool:
    """May `node` use typing syntax that needs Python `since` at runtime?

    Yes when the target has it, or in a stub, or in an annotation that is never evaluated
    (deferred by `from __future__ import annotations` and not read at runtime by pydantic,
    dataclasses, attrs, SQLAlchemy, FastAPI or another decorator).
    """
    if ctx.target >= since or ctx.is_stub:
        return True
    if not ctx.where.in_annotation or not annotations_deferred(ctx):
        return False
    return not annotation_read_at_runtime(ctx, node)


def annotation_read_at_runtime(ctx: Context, node: ast.AST) -> bool:
    """Does a library read the annotation containing `node` at runtime?"""
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, (ast.arg, ast.arguments)):
            continue
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return decorated_beyond(ctx, ancestor)
        if isinstance(ancestor, ast.AnnAssign):
            owner = ctx.where.class_
            return owner is not None and class_reads_annotations(ctx, owner)
        if isinstance(ancestor, ast.stmt):
            return False
    return False


def decorated_beyond(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Is any decorator not known to leave annotations alone?"""
    return any(name not in INERT_DECORATORS for name in ctx.decorators(node))


def class_reads_annotations(ctx: Context, cls: ast.ClassDef) -> bool:
    """Might this class read its annotations at runtime (pydantic, dataclass, ORM, ...)?

    Unknown (local or unresolvable) bases count as "yes": they may be models.
    """
    if cls.decorator_list or cls.keywords:
        return True
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        if ctx.qualified_name(target) not in INERT_BASES:
            return True
    return False


def written(ctx: Context, node: ast.AST, limit: int = 60) -> str:
    """`node` as source text, shortened for messages."""
    return shorten(ctx.source_segment(node), limit)


def shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )
