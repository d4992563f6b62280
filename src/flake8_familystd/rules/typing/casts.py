"""FAM110: `typing.cast` needs an explanatory comment."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.family import FAMILY

NOT_AN_EXPLANATION: Final = re.compile(
    r"^#\s*(?:type:\s*ignore\b.*|noqa\b.*|pragma\b.*|fmt:.*|pyright:.*|mypy:.*|nosec\b.*)?$",
    re.IGNORECASE,
)

FAM110 = FAMILY.rule(
    "FAM110",
    "unexplained-cast",
    "explain this `cast()` in a comment on the line above or on the same line",
    """
    ## What it does
    Reports calls of `typing.cast` (also `typing_extensions.cast` and aliases) with no
    comment on the line above the call or on any line of the call itself.

    ## Why is this bad?
    "Use `typing.cast` only as a last resort and with an explanatory comment" (004). A cast
    silences the type checker; the comment tells the next reader why that is safe.

    ## Example
    ```python
    from typing import cast

    user = cast(User, row)
    ```

    Use instead:
    ```python
    from typing import cast

    # row comes from select(User) above; SQLAlchemy's Row typing loses the entity type
    user = cast(User, row)
    ```

    ## Known limitations
    - A comment counts when it is on any line of the statement holding the cast (up to the
      end of the cast), on a comment line just above that statement (one blank line
      allowed), or above / on the header of the block whose first statement holds the cast.
    - `sqlalchemy.cast` (SQL `CAST`) is a different function and is never reported.
    - `# type: ignore`, `# noqa`, `# pragma`, `# fmt:` comments are not explanations.

    ## References
    - [typing.cast](https://docs.python.org/3/library/typing.html#typing.cast)
    """,
)


@FAMILY.on_name("typing", FAM110)
def unexplained_cast(ctx: Context, func: ast.Name | ast.Attribute, qualname: str) -> None:
    node = ctx.parent_of(func)
    if qualname != "typing.cast" or not isinstance(node, ast.Call) or node.func is not func:
        return
    statement = next((a for a in ctx.ancestors(node) if isinstance(a, ast.stmt)), None)
    start = statement.lineno if statement is not None else node.lineno
    last = node.end_lineno or node.lineno
    lines = ctx.lines
    if _comments(lines[start - 1 : last]) or _comment_block_above(lines, start):
        return
    owner = ctx.parent_of(statement) if statement is not None else None
    if isinstance(owner, ast.stmt) and getattr(owner, "body", [None])[0] is statement:
        header = owner.lineno  # the first statement of a block: the header may explain it
        if _comments(lines[header - 1 : header]) or _comment_block_above(lines, header):
            return
    ctx.report(FAM110, node)


def _comment_block_above(lines: list[str], line: int) -> bool:
    """Is there a comment-only line just above `line` (1-based), one blank line allowed?"""
    above = line - 1
    if above >= 1 and not lines[above - 1].strip():
        above -= 1
    if above < 1:
        return False
    text = lines[above - 1].strip()
    return text.startswith("#") and bool(_comments([text + "\n"]))


def _comments(lines: list[str]) -> list[str]:
    found: list[str] = []
    reader = io.StringIO("".join(line.lstrip() for line in lines[:1]) + "".join(lines[1:]))
    try:
        for token in tokenize.generate_tokens(reader.readline):
            if token.type == tokenize.COMMENT and not NOT_AN_EXPLANATION.match(token.string):
                found.append(token.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    return found
