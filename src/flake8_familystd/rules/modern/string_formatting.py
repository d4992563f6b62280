"""FAM914: `%` and `.format()` string formatting -> f-strings."""

from __future__ import annotations

import ast
import re
from typing import Final

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.modern.family import FAMILY

LOGGING_METHODS: Final = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
)
# SQL statements are written with upper-case keywords (`"Delete model %s"` is prose).
SQL: Final = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|REPLACE|SHOW|SET|PRAGMA|EXEC"
    r"|EXECUTE|CALL|GRANT|REVOKE|TRUNCATE|BEGIN|DECLARE|MERGE|UPSERT)\b"
)
LOGGER_NAME: Final = re.compile(r"(^|_)(log|logger|logging|structlog|loguru)$", re.IGNORECASE)
# A printf placeholder: `%s`, `%(name)s`, `%-10.3f` (not the `%%` escape).
PERCENT_SPEC: Final = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[sdirfgeExXoca]"
)

FAM914 = FAMILY.rule(
    "FAM914",
    "printf-or-format",
    "use an f-string instead of {how}",
    """
    ## What it does
    Reports string formatting with `%` (`"%s items" % count`) and `str.format()`
    (`"{} items".format(count)`) on a literal template.

    ## Why is this bad?
    001 asks for f-strings. They put each value where it is printed, which is easier to
    read and review than positional placeholders, and they are faster.

    ## Example
    ```python
    message = "user %s has %d items" % (name, count)
    label = "{}: {}".format(key, value)
    ```

    Use instead:
    ```python
    message = f"user {name} has {count} items"
    label = f"{key}: {value}"
    ```

    ## Known limitations
    Not reported, on purpose:
    - anything inside the arguments of a call on a logger (`logger.info(...)`,
      `self.log.warning(...)`, `logging.error(...)`: a receiver named `log`, `logger`,
      `*_logger`, ...): `%` placeholders there should stay lazy, which is the
      observability family's business; `warnings.warn(...)` or `self.error(...)` are not
      loggers and are reported;
    - templates that are not string literals (`_("...") % x` for translations, a template
      from configuration);
    - templates that look like SQL (`"SELECT ... %s" % table`): an f-string is no better
      there; bind parameters are (the security family reports SQL built from strings);
    - bytes (`b"%d" % n`), which have no f-string form, and `%` strings without a
      placeholder;
    - below target 3.12, arguments whose source holds a backslash (`"\\n".join(lines)`),
      which an f-string's braces cannot hold before Python 3.12.
    SQL-looking templates are recognised by an upper-case first keyword (`SELECT`, `DELETE`,
    ...); prose such as `"Delete model %s"` is reported.

    ## References
    - ruff `UP031` (printf-string-formatting), `UP032` (f-string)
    """,
)


@FAMILY.on(ast.BinOp, FAM914)
def percent_format(ctx: Context, node: ast.BinOp) -> None:
    template = node.left
    if not isinstance(node.op, ast.Mod) or not isinstance(template, ast.Constant):
        return
    if not isinstance(template.value, str) or not PERCENT_SPEC.search(template.value):
        return
    if (
        SQL.match(template.value)
        or _in_logging_call(ctx, node)
        or _needs_backslash(ctx, node.right)
    ):
        return
    ctx.report(FAM914, node, how="`%` formatting")


@FAMILY.on(ast.Call, FAM914)
def format_call(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr != "format":
        return
    template = func.value
    if not isinstance(template, ast.Constant) or not isinstance(template.value, str):
        return
    arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
    if SQL.match(template.value) or _in_logging_call(ctx, node) or _needs_backslash(ctx, arguments):
        return
    ctx.report(FAM914, node, how="`str.format()`")


def _in_logging_call(ctx: Context, node: ast.AST) -> bool:
    """Inside the arguments of `logger.info(...)`, `self.log.warning(...)`, `logging.error(...)`."""
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Call):
            func = ancestor.func
            if isinstance(func, ast.Attribute) and func.attr in LOGGING_METHODS:
                receiver = last_name(func.value) or ""
                if LOGGER_NAME.search(receiver):
                    return True
        elif isinstance(ancestor, ast.stmt):
            return False
    return False


def _needs_backslash(ctx: Context, values: ast.expr | list[ast.expr]) -> bool:
    """Before 3.12 an f-string's `{...}` cannot hold a backslash (`"\\n".join(x)`)."""
    if ctx.target >= (3, 12):
        return False
    items = values if isinstance(values, list) else [values]
    for item in items:
        text = ctx.written(item)
        # an escape, or a triple-quoted literal holding a line break
        if "\\" in text or ("\n" in text and ('"""' in text or "'''" in text)):
            return True
    return False
