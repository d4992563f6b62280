"""FAM904: `toml` / `tomli` for reading TOML -> `tomllib`."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

READERS: Final = frozenset({"toml", "tomli"})
WRITE_ONLY: Final = frozenset({"toml.dump", "toml.dumps", "toml.TomlEncoder"})

FAM904 = FAMILY.rule(
    "FAM904",
    "tomllib",
    "read TOML with the standard library's `tomllib` instead of `{name}`",
    """
    ## What it does
    Reports imports of `toml` and `tomli`, and their reading functions where used through
    the module (`toml.load(...)`, `tomli.loads(...)`), when the target is Python 3.11 or
    newer.

    ## Why is this bad?
    001 lists "`tomllib` for TOML" among the standard-library modules to prefer: since 3.11
    the standard library parses TOML, so a third-party dependency is no longer needed (and
    the unmaintained `toml` package parses TOML 0.5, not 1.0).

    ## Example
    ```python
    import toml

    config = toml.load("pyproject.toml")
    ```

    Use instead:
    ```python
    import tomllib
    from pathlib import Path

    config = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    ```

    ## Known limitations
    - The compatibility import `if sys.version_info >= (3, 11): import tomllib else: import
      tomli as tomllib` (or `try`/`except ImportError`) is not reported.
    - Writing is not reading: `toml.dump`/`toml.dumps` have no `tomllib` equivalent (use
      `tomli_w`), so a `toml` import used only to write is still reported but its calls are
      not.

    ## References
    - [tomllib](https://docs.python.org/3/library/tomllib.html), PEP 680
    - ruff `UP` has no equivalent; `tomllib` backport notes in PEP 680
    """,
    min_target=(3, 11),
)


@FAMILY.on(ast.Import, FAM904)
@FAMILY.on(ast.ImportFrom, FAM904)
def toml_import(ctx: Context, node: ast.Import | ast.ImportFrom) -> None:
    if ctx.where.in_compat or ctx.where.in_type_checking:
        return
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        if node.level == 0 and module.partition(".")[0] in READERS:
            ctx.report(FAM904, node, name=module)
        return
    for alias in node.names:
        if alias.name.partition(".")[0] in READERS:
            ctx.report(FAM904, node, name=alias.name)
            return


@FAMILY.on_name("toml", FAM904)
@FAMILY.on_name("tomli", FAM904)
def toml_call(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    call = ctx.parent_of(node)
    if not isinstance(call, ast.Call) or call.func is not node or ctx.where.in_compat:
        return
    if qualname.rpartition(".")[2] in ("load", "loads") and qualname not in WRITE_ONLY:
        ctx.report(FAM904, node, name=qualname)
