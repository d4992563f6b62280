"""FAM115: a function that always returns the same literal keys wants a `TypedDict`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import function_returns
from flake8_familystd.rules.typing.family import FAMILY

FAM115 = FAMILY.rule(
    "FAM115",
    "use-typed-dict",
    "return a `TypedDict` with keys {keys} instead of `{annotation}`",
    """
    ## What it does
    Reports functions annotated to return `dict`, `dict[str, Any]` or `dict[str, object]`
    whose every `return` is a dict literal with the same constant string keys.

    ## Why is this bad?
    "Use `TypedDict` for structured dictionaries with known keys" (001). A `dict[str, Any]`
    return type loses every key's type.

    ## Example
    ```python
    def summary() -> dict[str, Any]:
        return {"count": 1, "status": "ok"}
    ```

    Use instead:
    ```python
    class Summary(TypedDict):
        count: int
        status: str

    def summary() -> Summary:
        return {"count": 1, "status": "ok"}
    ```

    ## Known limitations
    - Dicts built step by step, or with `**` unpacking or computed keys, are not reported.
    - Dunder methods (`__getstate__`) and methods of classes with base classes (which may
      override a method typed `dict[str, Any]`; a `TypedDict` return would break the
      override) are not reported.
    - At I/O boundaries a Pydantic model is often the better answer.

    ## References
    - [PEP 589](https://peps.python.org/pep-0589/)
    """,
    default_enabled=False,
)


_LOOSE_VALUES = frozenset({"typing.Any", "builtins.object"})


@FAMILY.on(ast.FunctionDef, FAM115)
@FAMILY.on(ast.AsyncFunctionDef, FAM115)
def typed_dict_candidate(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    if node.name.startswith("__") or _may_override(ctx):
        return  # `__getstate__` is pickling state; overrides must keep the base signature
    if node.returns is not None and _loose_dict(ctx, node.returns):
        function_returns.watch(ctx, node, FAM115)


def _may_override(ctx: Context) -> bool:
    """A method of a class with bases may override a `dict[str, Any]`-typed method."""
    cls = ctx.where.class_
    return cls is not None and bool(cls.bases or cls.keywords)


def _loose_dict(ctx: Context, returns: ast.expr) -> bool:
    if isinstance(returns, ast.Subscript):
        if ctx.qualified_name(returns.value) not in ("builtins.dict", "typing.Dict"):
            return False
        args = returns.slice
        return (
            isinstance(args, ast.Tuple)
            and len(args.elts) == 2
            and ctx.qualified_name(args.elts[0]) == "builtins.str"
            and ctx.qualified_name(args.elts[1]) in _LOOSE_VALUES
        )
    return ctx.qualified_name(returns) in ("builtins.dict", "typing.Dict")


@FAMILY.on_exit(ast.FunctionDef, FAM115)
@FAMILY.on_exit(ast.AsyncFunctionDef, FAM115)
def typed_dict_verdict(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    values = function_returns.returned(ctx, node, FAM115)
    if not values or node.returns is None:
        return
    key_sets = {_literal_keys(value) for value in values}
    if len(key_sets) != 1:
        return
    keys = key_sets.pop()
    if keys:
        shown = ", ".join(f"`{key}`" for key in keys[:4]) + (", ..." if len(keys) > 4 else "")
        ctx.report(FAM115, node, keys=shown, annotation=ctx.source_segment(node.returns))


def _literal_keys(value: ast.expr | None) -> tuple[str, ...]:
    if not isinstance(value, ast.Dict) or not value.keys:
        return ()
    keys: list[str] = []
    for key in value.keys:
        if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
            return ()
        keys.append(key.value)
    return tuple(sorted(keys))
