"""FAM914: `%` and `.format()` string formatting -> f-strings."""

from __future__ import annotations

import ast
import re
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

LOGGING_METHODS: Final = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
)
SQL: Final = re.compile(
    r"^\s*(select|insert|update|delete|create|alter|drop|with|replace|show|set|pragma|exec"
    r"|execute|call|grant|revoke|truncate|begin|declare|merge|upsert)\b",
    re.IGNORECASE,
)
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
    - anything inside a logging call's arguments (`logger.info("user %s", name)` keeps
      lazy `%` formatting; eager formatting in logging calls is the observability family's
      business);
    - templates that are not string literals (`_("...") % x` for translations, a template
      from configuration);
    - templates that look like SQL (`"SELECT ... %s" % table`): an f-string is no better
      there; bind parameters are (the security family reports SQL built from strings);
    - bytes (`b"%d" % n`), which have no f-string form, and `%` strings without a
      placeholder.

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
    if not SQL.match(template.value) and not _in_logging_call(ctx, node):
        ctx.report(FAM914, node, how="`%` formatting")


@FAMILY.on(ast.Call, FAM914)
def format_call(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr != "format":
        return
    template = func.value
    if not isinstance(template, ast.Constant) or not isinstance(template.value, str):
        return
    if not SQL.match(template.value) and not _in_logging_call(ctx, node):
        ctx.report(FAM914, node, how="`str.format()`")


def _in_logging_call(ctx: Context, node: ast.AST) -> bool:
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Call):
            name = ancestor.func.attr if isinstance(ancestor.func, ast.Attribute) else None
            if name in LOGGING_METHODS:
                return True
        elif isinstance(ancestor, ast.stmt):
            return False
    return False
