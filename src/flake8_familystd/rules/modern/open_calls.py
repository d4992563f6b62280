"""FAM902: builtin `open()` -> `Path.open()` / `Path.read_text()`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

FAM902 = FAMILY.rule(
    "FAM902",
    "builtin-open",
    "use `Path(...).open()` (or `read_text()` / `write_text()`) instead of `open()`",
    """
    ## What it does
    Reports calls of the builtin `open()` (also `builtins.open`, `io.open` is not reported)
    with a path argument.

    ## Why is this bad?
    001 and 004 ask for `pathlib` for file handling. `Path.read_text()` /
    `Path.write_text()` replace the common open-read-close dance, and `Path.open()` keeps
    the path typed as a path.

    ## Example
    ```python
    with open("data.txt", encoding="utf-8") as handle:
        data = handle.read()
    ```

    Use instead:
    ```python
    from pathlib import Path

    data = Path("data.txt").read_text(encoding="utf-8")
    ```

    ## Known limitations
    - Opt-in: many codebases open paths they receive as strings from libraries, and the
      rewrite is a style change, not a bug fix.
    - `open(fd)` on an integer file descriptor (a number, or `x.fileno()`) is not reported.
    - A local function or parameter called `open` is not the builtin and is not reported.

    ## References
    - [pathlib](https://docs.python.org/3/library/pathlib.html), ruff `PTH123`
    """,
    default_enabled=False,
)


@FAMILY.on_name("builtins.open", FAM902)
def builtin_open(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname != "builtins.open":
        return
    call = ctx.parent_of(node)
    if not isinstance(call, ast.Call) or call.func is not node:
        return
    target = (
        call.args[0]
        if call.args
        else next((k.value for k in call.keywords if k.arg == "file"), None)
    )
    if target is None or file_descriptor(target):
        return
    ctx.report(FAM902, call)


def file_descriptor(target: ast.expr) -> bool:
    """An integer file descriptor: a number, or `x.fileno()`."""
    if isinstance(target, ast.Constant):
        return isinstance(target.value, int)
    return (
        isinstance(target, ast.Call)
        and isinstance(target.func, ast.Attribute)
        and target.func.attr == "fileno"
    )
