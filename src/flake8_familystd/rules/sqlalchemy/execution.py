"""FAM509: a plain SQL string passed to `execute()` without `text()`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.sqlalchemy import provenance as p
from flake8_familystd.rules.sqlalchemy.family import FAMILY
from flake8_familystd.scope import BindingKind

FAM509 = FAMILY.rule(
    "FAM509",
    "execute-without-text",
    "wrap the SQL string in `text()`: `{receiver}.execute(text(...))` (plain strings are "
    "an error in SQLAlchemy 2.0)",
    """
    ## What it does
    Reports `execute()` called with a SQL string (a literal, an f-string, `+` / `%`
    concatenation, `"...".format()`, or a local name bound to one of these) on a SQLAlchemy
    session, connection or engine that the file shows: `Session(...)`, a `sessionmaker()`
    product, an annotated `Session` / `Connection` / `Engine` parameter, `create_engine()`,
    `engine.connect()` / `engine.begin()`, Alembic's `op.get_bind()`, `db.session` /
    `db.engine`, Airflow's `@provide_session`, or a name listed in
    `--familystd-sqlalchemy-session-names`.

    ## Why is this bad?
    SQLAlchemy 2.0 removed plain-string execution: `conn.execute("SELECT 1")` raises
    `ObjectNotExecutableError`. `text()` marks the string as SQL, binds `:name`
    parameters safely, and `exec_driver_sql()` is there for driver-level SQL.

    ## Example
    ```python
    conn.execute("DELETE FROM sessions WHERE expired")
    ```

    Use instead:
    ```python
    conn.execute(text("DELETE FROM sessions WHERE expired"))
    ```

    ## Options
    `--familystd-sqlalchemy-session-names=db`: receiver names to treat as sessions.

    ## Known limitations
    DB-API cursors, `sqlite3`, asyncpg, psycopg, Alembic's `op.execute("...")` and
    receivers known only by their name (a `session` parameter) are not reported: they
    take strings legitimately, or might.

    ## References
    - SQLAlchemy 2.0 migration guide, "execute() method more strict"
    """,
    options=("--familystd-sqlalchemy-session-names",),
)


def string_execute(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    if not node.args or not _is_sql_string(ctx, node.args[0]):
        return
    if p.kind_of(ctx, func.value) in p.EXECUTORS:
        receiver = ctx.source_segment(func.value)
        if len(receiver) > 24:
            receiver = receiver[:21] + "..."
        ctx.report(FAM509, node, receiver=receiver)


def _is_sql_string(ctx: Context, arg: ast.expr, *, follow: bool = True) -> bool:
    if isinstance(arg, ast.Constant):
        return isinstance(arg.value, str)
    if isinstance(arg, ast.JoinedStr):
        return True
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Add, ast.Mod)):
        return _is_sql_string(ctx, arg.left, follow=False)
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute):
        return arg.func.attr == "format" and _is_sql_string(ctx, arg.func.value, follow=False)
    if follow and isinstance(arg, ast.Name):
        binding = ctx.lookup(arg.id)
        if binding is not None and binding.kind is BindingKind.ASSIGNMENT:
            value = binding.value
            return value is not None and _is_sql_string(ctx, value, follow=False)
    return False
