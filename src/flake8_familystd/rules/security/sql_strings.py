"""FAM308: SQL text built by string formatting and passed to an execute-like sink."""

from __future__ import annotations

import ast
import re
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.scope import BindingKind

FAM308 = FAMILY.rule(
    "FAM308",
    "sql-string-formatting",
    "query text built with {how} reaches `{sink}`; pass values as query parameters "
    "(`execute(sql, params)`, `text(...).bindparams()`)",
    """
    ## What it does
    Reports SQL text built with an f-string, `%`, `+` or `.format()` from non-constant
    parts and passed to an execute-like sink: `.execute()`, `.executemany()`,
    `.executescript()`, `.exec_driver_sql()`, `.raw()`, `.mogrify()`, `.read_sql()` /
    `.read_sql_query()` and SQLAlchemy's `text()`. The text must start with an SQL keyword
    (`SELECT`, `INSERT`, `UPDATE`, `DELETE`, `WITH`, `CREATE`, ...). A local variable is
    followed to its assigned value once.

    ## Why is this bad?
    Derived from "Validate and sanitize **all** external inputs" (001) and "Never Trust
    Input" (004). Interpolated values become SQL: a quote in a name ends the string and
    the rest runs as a statement. Drivers bind parameters safely; string formatting does
    not.

    ## Example
    ```python
    await session.execute(text(f"SELECT * FROM users WHERE email = '{email}'"))
    ```

    Use instead:
    ```python
    await session.execute(text("SELECT * FROM users WHERE email = :e"), {"e": email})
    ```

    ## Known limitations
    - Interpolated parts that cannot carry a value are allowed: constants, `UPPER_CASE`
      constants, numbers (`int(...)`, `len(...)`), identifiers passed through a quoting
      function (`quote_name(...)`, `quote_ident(...)`, `connection.ops.quote_name(...)`),
      and placeholder lists (`", ".join(["%s"] * len(ids))`, `",".join("?" * n)`).
    - Identifiers that come from an allow-list but are not quoted are reported; suppress
      the line with `# noqa: FAM308` and say where they come from.
    - Log messages and exception texts are never sinks.

    ## References
    - ruff `S608`, bandit `B608`;
      [OWASP SQL injection](https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html)
    """,
)

SINK_METHODS: Final = frozenset(
    {
        "execute", "executemany", "executescript", "exec_driver_sql", "raw", "mogrify",
        "read_sql", "read_sql_query",
    }
)  # fmt: skip
TEXT_CONSTRUCTORS: Final = frozenset(
    {"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text"}
)
QUERY_KEYWORDS: Final = ("sql", "query", "statement", "operation", "stmt")
SQL_START: Final = re.compile(
    r"\s*\(?\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|MERGE|UPSERT|CREATE|DROP|ALTER|"
    r"TRUNCATE|GRANT|REVOKE|PRAGMA|EXEC|EXECUTE|CALL|SHOW|DESCRIBE|VACUUM|ANALYZE|SET|LOCK|"
    r"COPY|DECLARE)\b",
    re.IGNORECASE,
)
NUMBERS: Final = frozenset({"builtins.int", "builtins.len", "builtins.float", "builtins.bool"})


@FAMILY.on(ast.Call, FAM308)
def execute_sink(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if type(func) is not ast.Attribute or func.attr not in SINK_METHODS:
        return
    sink = f".{func.attr}()"
    query = node.args[0] if node.args else next(
        (k.value for k in node.keywords if k.arg in QUERY_KEYWORDS), None
    )
    if query is None:
        return
    how = _built_sql(ctx, query)
    if how is not None:
        ctx.report(FAM308, node, how=how, sink=sink)


@FAMILY.on_name("sqlalchemy", FAM308)
def sqlalchemy_text(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    """`sqlalchemy.text(...)`, `sa.text(...)`, an imported `text(...)`."""
    if qualname not in TEXT_CONSTRUCTORS:
        return
    call = ctx.parent_of(node)
    if isinstance(call, ast.Call) and call.func is node and call.args:
        how = _built_sql(ctx, call.args[0])
        if how is not None:
            ctx.report(FAM308, call, how=how, sink="text()")


def _built_sql(ctx: Context, query: ast.expr, depth: int = 0) -> str | None:
    """How `query` formats untrusted parts into SQL text (None if it does not)."""
    if isinstance(query, ast.JoinedStr):
        head = query.values[0] if query.values else None
        if _sql_constant(head) and not all(
            not isinstance(part, ast.FormattedValue) or _trusted(ctx, part.value)
            for part in query.values
        ):
            return "an f-string"
        return None
    if isinstance(query, ast.BinOp) and isinstance(query.op, ast.Mod):
        values = query.right.elts if isinstance(query.right, ast.Tuple) else [query.right]
        if isinstance(query.right, ast.Dict):
            values = list(query.right.values)
        if _sql_constant(query.left) and not all(_trusted(ctx, value) for value in values):
            return "`%` formatting"
        return None
    if isinstance(query, ast.BinOp) and isinstance(query.op, ast.Add):
        parts = _concatenated(query)
        if _sql_constant(parts[0]) and not all(_trusted(ctx, part) for part in parts[1:]):
            return "`+` concatenation"
        return None
    if (
        isinstance(query, ast.Call)
        and isinstance(query.func, ast.Attribute)
        and query.func.attr == "format"
        and _sql_constant(query.func.value)
    ):
        arguments = [*query.args, *(k.value for k in query.keywords)]
        if not all(_trusted(ctx, argument) for argument in arguments):
            return "`str.format()`"
        return None
    if isinstance(query, ast.Name) and depth == 0:
        binding = ctx.lookup(query.id)
        if binding is not None and binding.kind is BindingKind.ASSIGNMENT and binding.value:
            return _built_sql(ctx, binding.value, depth + 1)
    return None


def _concatenated(node: ast.BinOp) -> list[ast.expr]:
    parts: list[ast.expr] = []
    current: ast.expr = node
    while isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add):
        parts.append(current.right)
        current = current.left
    parts.append(current)
    return parts[::-1]


def _sql_constant(node: ast.expr | None) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and SQL_START.match(node.value) is not None
    )


def _trusted(ctx: Context, part: ast.expr) -> bool:
    """A part that cannot smuggle a value into the SQL: constants, numbers, quoted names."""
    if isinstance(part, ast.Constant):
        return True
    if isinstance(part, ast.Name):
        return part.id.isupper()
    if isinstance(part, ast.Call):
        func = part.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if "quote" in name.lower() or ctx.qualified_name(func) in NUMBERS:
            return True
        if isinstance(func, ast.Attribute) and func.attr == "join" and part.args:
            return _placeholders(part.args[0])
    return False


def _placeholders(items: ast.expr) -> bool:
    """`["%s"] * n`, `"?" * n`, `("%s" for _ in ids)`, `["?", "?"]`."""
    if isinstance(items, ast.BinOp) and isinstance(items.op, ast.Mult):
        return _placeholders(items.left) or _placeholders(items.right)
    if isinstance(items, (ast.List, ast.Tuple)):
        return all(isinstance(e, ast.Constant) for e in items.elts)
    if isinstance(items, (ast.ListComp, ast.GeneratorExp)):
        return isinstance(items.elt, ast.Constant)
    return isinstance(items, ast.Constant)
