"""FAM912 and FAM913: relative and wildcard imports."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

FAM912 = FAMILY.rule(
    "FAM912",
    "relative-import",
    "use an absolute import instead of `{written}`",
    """
    ## What it does
    Reports relative imports the configured policy does not allow. With the default
    `siblings`, `from .service import UserService` is fine and `from ..core import db`
    (reaching out of the current package) is reported; `never` reports every relative
    import; `any` none.

    ## Why is this bad?
    The standards disagree: 003 asks for "Absolute Imports Only", 001 allows "relative
    imports only for intra-package imports: `from .service import UserService`". Imports
    that climb out of their package tie a module to where it sits in the tree and hide
    which package it depends on.

    ## Example
    ```python
    from ..core.database import get_session
    ```

    Use instead:
    ```python
    from app.core.database import get_session
    ```

    ## Options
    - `--familystd-relative-imports = never | siblings | any` (default `siblings`).

    ## References
    - ruff `TID252` (`ban-relative-imports`), flake8-tidy-imports `I252`
    """,
    options=("--familystd-relative-imports",),
)

FAM913 = FAMILY.rule(
    "FAM913",
    "wildcard-import",
    "import the names you use instead of `from {module} import *`",
    """
    ## What it does
    Reports `from module import *`.

    ## Why is this bad?
    "Never use wildcard imports (`from x import *`)" (001). A star import hides where names
    come from, can silently shadow other names, and defeats pyflakes' undefined-name check.

    ## Example
    ```python
    from sqlalchemy import *
    ```

    Use instead:
    ```python
    from sqlalchemy import Column, Integer, String
    ```

    ## Known limitations
    - An `__init__.py` that defines `__all__` is a deliberate re-export module: its star
      imports are not reported (the explicit `__all__` says what it exports).

    ## References
    - ruff `F403`, pyflakes `F403`
    """,
)


@FAMILY.on(ast.ImportFrom, FAM912)
def relative_import(ctx: Context, node: ast.ImportFrom) -> None:
    policy = ctx.settings.run.relative_imports
    allowed = {"any": None, "siblings": 1, "never": 0}[policy]
    if allowed is not None and node.level > allowed:
        written = "." * node.level + (node.module or "")
        ctx.report(FAM912, node, written=f"from {written} import ...")


class _Stars(list[ast.ImportFrom]):
    """Wildcard imports, judged once the module's `__all__` is known."""


@FAMILY.on(ast.ImportFrom, FAM913)
def wildcard_import(ctx: Context, node: ast.ImportFrom) -> None:
    if any(alias.name == "*" for alias in node.names):
        ctx.scratch(_Stars).append(node)


@FAMILY.on_exit(ast.Module, FAM913)
def wildcard_verdict(ctx: Context, node: ast.Module) -> None:
    stars = ctx.peek(_Stars)
    if not stars:
        return
    path = ctx.filename.replace("\\", "/")
    if path.endswith("__init__.py") and "__all__" in ctx.scope.module().bindings:
        return
    for star in stars:
        module = "." * star.level + (star.module or "")
        ctx.report(FAM913, star, module=module)
