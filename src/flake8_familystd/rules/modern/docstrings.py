"""FAM915: public modules, classes and functions carry Google-style docstrings."""

from __future__ import annotations

import ast
import re
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY
from flake8_familystd.scope import ScopeKind

SECTION: Final = re.compile(r"^\s*(Args|Arguments|Parameters|Returns|Yields|Raises)\s*:", re.M)
NO_SECTIONS: Final = frozenset(
    {"builtins.property", "functools.cached_property", "typing.overload", "typing.override"}
)

FAM915 = FAMILY.rule(
    "FAM915",
    "google-docstring",
    "add a Google-style docstring to {what}{missing}",
    """
    ## What it does
    Reports public modules, classes, functions and methods without a docstring, and public
    functions whose docstring lacks the Google-style `Args:` section (when they take
    parameters) or `Returns:` / `Yields:` section (when they are annotated to return
    something other than `None`). A module is reported on line 1, a class or function on its
    `class` / `def` line.

    ## Why is this bad?
    001 asks for Google-style docstrings with "**Args**, **Returns**, **Raises**, and
    **Examples** sections" on public APIs. Readers and documentation tools rely on them.

    ## Example
    ```python
    def fetch(user_id: int) -> User:
        return repository.get(user_id)
    ```

    Use instead:
    ```python
    def fetch(user_id: int) -> User:
        \"\"\"Load one user.

        Args:
            user_id: The user's primary key.

        Returns:
            The user.
        \"\"\"
        return repository.get(user_id)
    ```

    ## Known limitations
    - Opt-in, and skipped in test files.
    - Private names (`_helper`), dunder methods, functions nested in functions, members of
      private classes and `@overload` stubs are not reported; properties and `@override`
      methods need a docstring but no sections; empty modules (an empty `__init__.py`) need
      none.

    ## References
    - [Google Python Style Guide](https://google.github.io/styleguide/pyguide.html)
    - ruff `D100`-`D107`, `D417`
    """,
    default_enabled=False,
    skip_in_tests=True,
)


def _docstring(body: list[ast.stmt]) -> str | None:
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        value = first.value.value
        return value if isinstance(value, str) else None
    return None


@FAMILY.on(ast.Module, FAM915)
def module_docstring(ctx: Context, node: ast.Module) -> None:
    if node.body and _docstring(node.body) is None:
        ctx.report(FAM915, None, what="this module", missing="")


@FAMILY.on(ast.ClassDef, FAM915)
def class_docstring(ctx: Context, node: ast.ClassDef) -> None:
    if _public(ctx, node.name) and _docstring(node.body) is None:
        ctx.report(FAM915, node, what=f"class `{node.name}`", missing="")


@FAMILY.on(ast.FunctionDef, FAM915)
@FAMILY.on(ast.AsyncFunctionDef, FAM915)
def function_docstring(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    if not _public(ctx, node.name) or node.name.startswith("__"):
        return
    decorators = set(ctx.decorators(node))
    if "typing.overload" in decorators:
        return
    what = f"`{node.name}`"
    doc = _docstring(node.body)
    if doc is None:
        ctx.report(FAM915, node, what=what, missing="")
        return
    if decorators & NO_SECTIONS:
        return
    sections = set(SECTION.findall(doc))
    needed = []
    params = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    if ctx.where.scope.kind is ScopeKind.CLASS and params:
        params = params[1:]
    if (params or node.args.vararg or node.args.kwarg) and not sections & {
        "Args",
        "Arguments",
        "Parameters",
    }:
        needed.append("`Args:`")
    returns = node.returns
    none = isinstance(returns, ast.Constant) and returns.value is None
    gives = returns is not None and not none
    if gives and not sections & {"Returns", "Yields"}:
        needed.append("`Returns:`")
    if needed:
        lacks = " and ".join(needed)
        ctx.report(FAM915, node, what=what, missing=f" (its docstring lacks {lacks})")


def _public(ctx: Context, name: str) -> bool:
    """Public: not `_private`, not nested in a function, not inside a private class."""
    where = ctx.where
    if name.startswith("_") and not name.startswith("__"):
        return False
    if where.function is not None:
        return False
    cls = where.class_
    return cls is None or not cls.name.startswith("_")
