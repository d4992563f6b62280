"""FAM117: the `from __future__ import annotations` policy."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.family import FAMILY

FAM117 = FAMILY.rule(
    "FAM117",
    "future-annotations-policy",
    "{action} `from __future__ import annotations`{reason}",
    """
    ## What it does
    With `--familystd-future-annotations=require` (the default once the rule is selected),
    reports modules that contain annotations but not `from __future__ import annotations`,
    on line 1. With `forbid`, reports the import itself.

    ## Why is this bad?
    002's module template starts with `from __future__ import annotations`; annotations are
    then never evaluated at import time (cheaper start-up, forward references without
    quotes). Teams on 3.14 (PEP 649/749 deferred annotations) may forbid it as redundant.

    ## Example
    ```python
    '''Docstring.'''
    import asyncio

    def run(loop: asyncio.AbstractEventLoop) -> None: ...
    ```

    Use instead:
    ```python
    '''Docstring.'''
    from __future__ import annotations

    import asyncio

    def run(loop: asyncio.AbstractEventLoop) -> None: ...
    ```

    ## Options
    - `--familystd-future-annotations = require | forbid` (default `require`).

    ## Known limitations
    - Modules without any annotation and `.pyi` stubs are never reported.
    - Under the import, FastAPI and pydantic resolve annotations with `get_type_hints`,
      which fails on types defined inside functions; FastAPI also resolves the annotations
      of dependency *classes* (`__call__`, `__init__`) with empty globals, so `request:
      Request` silently becomes a query parameter. `require` therefore skips modules that
      import `fastapi` or `starlette`.

    ## References
    - [PEP 563](https://peps.python.org/pep-0563/), [PEP 749](https://peps.python.org/pep-0749/)
    - ruff `I002` (`required-imports`), `FA100`
    """,
    default_enabled=False,
    options=("--familystd-future-annotations",),
)


class _Annotated(list[bool]):
    """Non-empty once the module has an annotation."""


@FAMILY.on(ast.ImportFrom, FAM117)
def future_import(ctx: Context, node: ast.ImportFrom) -> None:
    if ctx.settings.run.future_annotations != "forbid" or node.module != "__future__":
        return
    if any(alias.name == "annotations" for alias in node.names):
        ctx.report(FAM117, node, action="remove", reason=" (annotations are deferred)")


@FAMILY.on(ast.arg, FAM117)
@FAMILY.on(ast.AnnAssign, FAM117)
@FAMILY.on(ast.FunctionDef, FAM117)
@FAMILY.on(ast.AsyncFunctionDef, FAM117)
def annotation_seen(
    ctx: Context, node: ast.arg | ast.AnnAssign | ast.FunctionDef | ast.AsyncFunctionDef
) -> None:
    annotation = (
        node.returns
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        else (node.annotation)
    )
    if annotation is not None:
        seen = ctx.scratch(_Annotated)
        if not seen:
            seen.append(True)


@FAMILY.on_exit(ast.Module, FAM117)
def future_verdict(ctx: Context, node: ast.Module) -> None:
    if ctx.settings.run.future_annotations != "require" or ctx.is_stub:
        return
    if ctx.scratch(_Annotated) and not ctx.future_annotations and not _uses_fastapi(ctx):
        ctx.report(FAM117, None, action="add", reason="")


def _uses_fastapi(ctx: Context) -> bool:
    """FastAPI resolves dependency classes' string annotations with empty globals."""
    return any(
        (binding.qualname or "").startswith(("fastapi", "starlette"))
        for binding in ctx.scope.module().bindings.values()
    )
