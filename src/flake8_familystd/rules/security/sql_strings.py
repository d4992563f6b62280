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
    `.read_sql_query()` and SQLAlchemy's `text()`. The text must be a statement that takes
    bind parameters (`SELECT`, `INSERT`, `UPDATE`, `DELETE`, `WITH`, `REPLACE`, `MERGE`),
    and the non-constant part must stand for a *value*: inside quotes, after a comparison,
    `LIKE`, `BETWEEN`, `LIMIT` / `OFFSET`, or in an `IN (...)` / `VALUES (...)` list. A
    local variable is followed to its assigned value once.

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
    - Identifiers (table, column and function names: `f"SELECT * FROM {table}"`) cannot be
      bound and are not reported; DDL and session statements (`CREATE`, `ALTER`, `SET`,
      `PRAGMA`) take no bind parameters and are not reported either.
    - Log messages and exception texts are never sinks.

    ## References
    - ruff `S608`, bandit `B608`;
      [OWASP SQL injection prevention cheat sheet](https://cheatsheetseries.owasp.org/)
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
# Statements that take bind parameters: DDL, `SET`, `PRAGMA` and the like cannot, so their
# values are interpolated by necessity and are not reported.
SQL_START: Final = re.compile(
    r"\s*\(?\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE|MERGE|UPSERT)\b", re.IGNORECASE
)
TRUSTED_CALLS: Final = frozenset(
    {
        "builtins.int", "builtins.len", "builtins.float", "builtins.bool", "sqlalchemy.true",
        "sqlalchemy.false", "sqlalchemy.null", "sqlalchemy.sql.true", "sqlalchemy.sql.false",
    }
)  # fmt: skip


def execute_sink(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`cursor.execute(<built SQL>)` (from dispatch, for `func.attr` in `SINK_METHODS`)."""
    sink = f".{func.attr}()"
    query = (
        node.args[0]
        if node.args
        else next((k.value for k in node.keywords if k.arg in QUERY_KEYWORDS), None)
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
    """How `query` formats an untrusted value into SQL text (None if it does not)."""
    built = _formatted_parts(query)
    if built is None:
        if isinstance(query, ast.Name) and depth == 0:
            binding = ctx.lookup(query.id)
            if binding is not None and binding.kind is BindingKind.ASSIGNMENT and binding.value:
                return _built_sql(ctx, binding.value, depth + 1)
        return None
    how, head, parts = built
    if not _sql_constant(head):
        return None
    for prefix, part in parts:
        if _value_position(prefix) and not _trusted(ctx, part):
            return how
    return None


Parts = list[tuple[str, ast.expr]]


def _formatted_parts(query: ast.expr) -> tuple[str, ast.expr | None, Parts] | None:
    """How the text is built, its first literal, and each interpolated part with the text
    before it (`"... WHERE id = %s" % x` -> `[("... WHERE id = ", x)]`)."""
    if isinstance(query, ast.JoinedStr):
        parts: Parts = []
        text = ""
        for value in query.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                text += value.value
            elif isinstance(value, ast.FormattedValue):
                parts.append((text, value.value))
                text += "?"
        return "an f-string", (query.values[0] if query.values else None), parts
    if isinstance(query, ast.BinOp) and isinstance(query.op, ast.Mod):
        left = query.left
        if not isinstance(left, ast.Constant) or not isinstance(left.value, str):
            return None
        return "`%` formatting", left, _percent_parts(left.value, query.right)
    if isinstance(query, ast.BinOp) and isinstance(query.op, ast.Add):
        operands = _concatenated(query)
        parts = []
        text = ""
        for operand in operands:
            if isinstance(operand, ast.Constant) and isinstance(operand.value, str):
                text += operand.value
            else:
                parts.append((text, operand))
                text += "?"
        return "`+` concatenation", operands[0], parts
    if (
        isinstance(query, ast.Call)
        and isinstance(query.func, ast.Attribute)
        and query.func.attr == "format"
        and isinstance(query.func.value, ast.Constant)
        and isinstance(query.func.value.value, str)
    ):
        return "`str.format()`", query.func.value, _format_parts(query.func.value.value, query)
    return None


_PERCENT: Final = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")
_BRACES: Final = re.compile(r"\{\{|\}\}|\{([^{}!:]*)[^{}]*\}")


def _percent_parts(template: str, right: ast.expr) -> Parts:
    named = {
        k.value: v
        for k, v in (
            zip(right.keys, right.values, strict=True) if isinstance(right, ast.Dict) else ()
        )
        if isinstance(k, ast.Constant) and isinstance(k.value, str)
    }
    positional = right.elts if isinstance(right, ast.Tuple) else [right]
    parts: Parts = []
    index = 0
    for match in _PERCENT.finditer(template):
        if match.group(0) == "%%":
            continue
        prefix = template[: match.start()].replace("%%", "%")
        key = match.group(1)
        if key is not None:
            value = named.get(key, right if not isinstance(right, ast.Dict) else None)
        else:
            value = positional[index] if index < len(positional) else None
            index += 1
        if value is not None:
            parts.append((prefix, value))
    return parts


def _format_parts(template: str, call: ast.Call) -> Parts:
    keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
    parts: Parts = []
    index = 0
    for match in _BRACES.finditer(template):
        field = match.group(1)
        if field is None:
            continue
        name = field.split(".")[0].split("[")[0]
        value: ast.expr | None
        if not name:
            value = call.args[index] if index < len(call.args) else None
            index += 1
        elif name.isdigit():
            value = call.args[int(name)] if int(name) < len(call.args) else None
        else:
            value = keywords.get(name)
        if value is not None:
            parts.append((template[: match.start()], value))
    return parts


_VALUE_TAIL: Final = re.compile(
    r"(?:[=<>]|\bLIKE|\bBETWEEN|\bLIMIT|\bOFFSET|\bIN\s*\(|\bVALUES\s*\()\s*$", re.IGNORECASE
)
_CREATE_LIKE: Final = re.compile(r"\bCREATE\s+TABLE\s+\S+\s+LIKE\s*$", re.IGNORECASE)
_VALUE_LIST: Final = re.compile(r"\b(?:IN|VALUES)\s*\(", re.IGNORECASE)


def _value_position(prefix: str) -> bool:
    """Does an interpolation after `prefix` stand for a value (not an identifier)?

    Values sit inside quotes, after a comparison, `LIKE`, `BETWEEN`, `LIMIT`, `OFFSET`,
    or in an open `IN (...)` / `VALUES (...)` list; table, column and function names do
    not, and are not reported.
    """
    if prefix.count("'") % 2 == 1:
        return True
    if _VALUE_TAIL.search(prefix):
        return _CREATE_LIKE.search(prefix) is None
    opened = list(_VALUE_LIST.finditer(prefix))
    if not opened:
        return False
    rest = prefix[opened[-1].end() :]
    return rest.count("(") >= rest.count(")") and rest.rstrip().endswith(",")


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


def _trusted(ctx: Context, part: ast.expr, depth: int = 0) -> bool:
    """A part that cannot smuggle a value into the SQL: constants, numbers, quoted names."""
    if isinstance(part, ast.Constant):
        return True
    if isinstance(part, ast.IfExp):
        return _trusted(ctx, part.body, depth) and _trusted(ctx, part.orelse, depth)
    if isinstance(part, ast.Name):
        if part.id.isupper():
            return True
        binding = ctx.lookup(part.id) if depth == 0 else None
        if binding is None or binding.kind is not BindingKind.ASSIGNMENT or not binding.value:
            return False
        built = _formatted_parts(binding.value)
        if built is None:
            return _trusted(ctx, binding.value, depth + 1)
        # an SQL fragment built here (`new = "TO_TIMESTAMP(%s)" % new`): judge its parts
        return all(
            (type(inner) is ast.Name and inner.id == part.id) or _trusted(ctx, inner, depth + 1)
            for _, inner in built[2]
        )
    if isinstance(part, ast.Call):
        func = part.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if "quote" in name.lower() or ctx.qualified_name(func) in TRUSTED_CALLS:
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
