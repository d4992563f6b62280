"""FAM508: `== None` / `== True` in SQL expressions."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.sqlalchemy import provenance as p
from flake8_familystd.rules.sqlalchemy.declarative import is_mapped
from flake8_familystd.rules.sqlalchemy.family import FAMILY
from flake8_familystd.scope import Binding, BindingKind

FAM508 = FAMILY.rule(
    "FAM508",
    "sql-singleton-comparison",
    "use {fix} instead of `{old}` in a SQL expression",
    """
    ## What it does
    Reports `== None`, `!= None`, `== True`, `== False` (and `!=`) whose other side is a
    mapped column (`User.deleted_at`, `users.c.deleted_at`, `Model.__table__.c.x`) in an
    argument of `.where()`, `.filter()`, `.having()`, `and_()`, `or_()` or `not_()`.

    ## Why is this bad?
    The comparison is right for SQLAlchemy (it overloads `==`), but every linter flags it
    (pycodestyle/ruff `E711`/`E712`) and their fix, `is None`, silently breaks the query:
    `is` cannot be overloaded, so `User.deleted_at is None` is the constant `False`.
    `.is_(None)` / `.is_not(None)` say the same thing without the trap.

    ## Example
    ```python
    stmt = select(User).where(User.is_active == True, User.deleted_at == None)
    ```

    Use instead:
    ```python
    stmt = select(User).where(User.is_active.is_(True), User.deleted_at.is_(None))
    ```

    ## Known limitations
    - Plain Python comparisons elsewhere, `sa.true()` / `sa.false()` and comparisons whose
      column is a lower-case local name (an `aliased()` entity) are not reported.
    - If you keep `== None`, silence `E711`/`E712` with `# noqa: E711` instead of
      following their advice.
    - When the model class is defined in the same file, only attributes it (or a base
      class of the file) binds with `Column(...)`, `mapped_column(...)`,
      `column_property(...)` or a `Mapped[...]` annotation are reported: a
      `hybrid_property` or a custom comparator (a decorated `def`, a nested class) may
      define `==` and not `.is_()`.
    - A relationship compared to `None` (`Address.user == None`) looks like a column; its
      2.0 spelling is `~Address.user.has()` (`.any()` for collections), which the message
      also names.

    ## References
    - SQLAlchemy, `ColumnOperators.is_()`, `ColumnOperators.is_not()`
    - ruff `E711`, `E712`
    """,
)

_SINGLETONS = (True, False, None)


def filter_arguments(ctx: Context, node: ast.Call) -> None:
    """`.where(...)`, `.filter(...)`, `and_(...)`: each argument that compares a column."""
    for argument in node.args:
        if isinstance(argument, ast.BoolOp):
            for value in argument.values:
                _check(ctx, value)
        else:
            _check(ctx, argument)


def _check(ctx: Context, expr: ast.expr) -> None:
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Invert):
        expr = expr.operand
    if not isinstance(expr, ast.Compare) or len(expr.ops) != 1:
        return
    op = expr.ops[0]
    if not isinstance(op, (ast.Eq, ast.NotEq)):
        return
    left, right = expr.left, expr.comparators[0]
    if _is_singleton(left):
        left, right = right, left
    if not _is_singleton(right) or not _is_column(left) or not _maybe_mapped_column(ctx, left):
        return
    assert isinstance(right, ast.Constant)
    method = "is_" if isinstance(op, ast.Eq) else "is_not"
    column = ctx.source_segment(left)
    fix = f"`{column}.{method}({right.value!r})`"
    if right.value is True and method == "is_":
        fix += f" or the bare `{column}`"
    elif right.value is False and method == "is_":
        fix += f" or `~{column}`"
    elif right.value is None:
        relationship = f"~{column}.has()" if method == "is_" else f"{column}.has()"
        fix += f" (`{relationship}` / `.any()` if it is a relationship)"
    old = f"{column} {'==' if method == 'is_' else '!='} {right.value!r}"
    ctx.report(FAM508, expr, fix=fix, old=old)


def _is_singleton(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and any(expr.value is s for s in _SINGLETONS)


def _is_column(expr: ast.expr) -> bool:
    """`Model.col`, `models.Model.col`, `table.c.col`, `Model.__table__.c.col`."""
    if not isinstance(expr, ast.Attribute):
        return False
    owner = expr.value
    if isinstance(owner, ast.Attribute) and owner.attr in ("c", "columns"):
        return True
    if isinstance(owner, ast.Name):
        return owner.id[:1].isupper()
    return isinstance(owner, ast.Attribute) and owner.attr[:1].isupper()


_COLUMN_FACTORIES = frozenset({"Column", "mapped_column", "column_property", "deferred"})
_CLASS_DEPTH = 5


def _maybe_mapped_column(ctx: Context, column: ast.expr) -> bool:
    """False when the file defines the class and `column` is not a column there."""
    if not isinstance(column, ast.Attribute) or not isinstance(column.value, ast.Name):
        return True
    owner = column.value
    binding = ctx.lookup(owner.id)
    if binding is None or binding.kind is not BindingKind.CLASS:
        return True  # not the file's class: keep the benefit of the doubt
    assert isinstance(binding.node, ast.ClassDef)
    found = _class_attribute(ctx, binding.node, column.attr, 0)
    return found is not False


def _class_attribute(ctx: Context, node: ast.ClassDef, attr: str, depth: int) -> bool | None:
    """Is `attr` a column of the file's class `node`? None when its bases leave the file."""
    for statement in reversed(node.body):
        bound = _statement_binds(ctx, statement, attr)
        if bound is not None:
            return bound
    leaves = False
    for base in node.bases:
        if not isinstance(base, ast.Name) or depth >= _CLASS_DEPTH:
            leaves = leaves or p.sa_name(ctx, base) is None
            continue
        binding = ctx.lookup(base.id)
        if binding is not None and binding.kind is BindingKind.CLASS:
            assert isinstance(binding.node, ast.ClassDef)
            found = _class_attribute(ctx, binding.node, attr, depth + 1)
            if found is not None:
                return found
        elif not _declarative_base(ctx, base, binding):
            leaves = True
    return None if leaves else False


def _declarative_base(ctx: Context, base: ast.Name, binding: Binding | None) -> bool:
    """`Base = declarative_base()`, `DeclarativeBase`: a base that maps no attribute."""
    if p.sa_name(ctx, base) is not None:
        return True
    value = binding.value if binding is not None else None
    return isinstance(value, ast.Call) and p.sa_name(ctx, value.func) is not None


def _statement_binds(ctx: Context, statement: ast.stmt, attr: str) -> bool | None:
    """True: a column; False: something else (hybrid, comparator); None: not `attr`."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return False if statement.name == attr else None
    if isinstance(statement, ast.AnnAssign):
        if not (isinstance(statement.target, ast.Name) and statement.target.id == attr):
            return None
        return is_mapped(ctx, statement.annotation) or _column_call(ctx, statement.value)
    if isinstance(statement, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == attr for t in statement.targets
    ):
        return _column_call(ctx, statement.value)
    return None


def _column_call(ctx: Context, value: ast.expr | None) -> bool:
    return isinstance(value, ast.Call) and p.sa_name(ctx, value.func) in _COLUMN_FACTORIES
