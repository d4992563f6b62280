"""FAM109: `typing.Any`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.family import FAMILY

FAM109 = FAMILY.rule(
    "FAM109",
    "any-type",
    "replace `Any` with a precise type, a `Protocol` or `object`",
    """
    ## What it does
    Reports `typing.Any` (also `typing_extensions.Any`, `t.Any`, aliases). With the default
    policy `signatures`, only in parameter and return annotations; with `forbid`,
    everywhere (variable annotations, generic arguments, `cast()`, `TypeVar(bound=Any)`).

    ## Why is this bad?
    "Zero `Any` Policy: The `typing.Any` type is forbidden" (004); "❌ `typing.Any` (avoid)
    → ✅ Use proper generics or `object`" (001). `Any` switches type checking off for
    every value it touches.

    ## Example
    ```python
    from typing import Any

    def load(raw: dict[str, Any]) -> Any: ...
    ```

    Use instead:
    ```python
    type JSON = dict[str, "JSON"] | list["JSON"] | str | int | float | bool | None

    def load(raw: dict[str, JSON]) -> object: ...
    ```

    ## Options
    - `--familystd-any-policy = forbid | signatures | allow` (default `signatures`).
      `signatures` leaves out `*args: Any` / `**kwargs: Any` and the return of
      `__getattr__`; both policies leave out the idiomatic placeholders
      `Callable[..., Any]` and `Coroutine[Any, Any, T]`.

    ## Known limitations
    - Not reported in `.pyi` stubs, where `Any` stands for untyped third-party code.
    - A class named `Any` from another library is not `typing.Any` and is not reported.

    ## References
    - ruff `ANN401` (whole annotations of parameters and returns only)
    """,
    options=("--familystd-any-policy",),
)

_PLACEHOLDER_SLOTS = {"collections.abc.Coroutine": (0, 1), "typing.Coroutine": (0, 1)}


def check(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname != "typing.Any" or ctx.is_stub:
        return
    policy = ctx.settings.run.any_policy
    if policy == "allow" or _idiomatic_placeholder(ctx, node):
        return
    if policy == "signatures" and not _in_signature_where_any_is_banned(ctx, node):
        return
    ctx.report(FAM109, node)


def _idiomatic_placeholder(ctx: Context, node: ast.AST) -> bool:
    parent = ctx.parent_of(node)
    if not isinstance(parent, ast.Tuple):
        return False
    outer = ctx.parent_of(parent)
    if not isinstance(outer, ast.Subscript) or outer.slice is not parent:
        return False
    generic = ctx.qualified_name(outer.value)
    index = next(i for i, elt in enumerate(parent.elts) if elt is node)
    if generic in ("collections.abc.Callable", "typing.Callable"):
        first = parent.elts[0]
        return index == 1 and isinstance(first, ast.Constant) and first.value is Ellipsis
    return index in _PLACEHOLDER_SLOTS.get(generic or "", ())


def _in_signature_where_any_is_banned(ctx: Context, node: ast.AST) -> bool:
    if not ctx.where.in_annotation:
        return False
    child = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.arg):
            star = ctx.parent_of(ancestor)
            is_star = isinstance(star, ast.arguments) and ancestor in (star.vararg, star.kwarg)
            return not (is_star and ancestor.annotation is node)
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return ancestor.returns is child and ancestor.name != "__getattr__"
        if isinstance(ancestor, ast.stmt):
            return False
        child = ancestor
    return False
