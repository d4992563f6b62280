"""FAM101: `Optional[...]` / `Union[...]` -> `X | Y`."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.family import (
    FAMILY,
    annotations_deferred,
    modernising_blocked,
    new_syntax_allowed,
    shorten,
    written,
)

UNION_NAMES: Final = frozenset({"typing.Optional", "typing.Union"})

FAM101 = FAMILY.rule(
    "FAM101",
    "non-pep604-union",
    "use `{replacement}` instead of `{original}`",
    """
    ## What it does
    Reports `typing.Optional[X]` and `typing.Union[X, Y]`, however they are imported
    (`t.Optional`, `from typing import Union as U`, `typing_extensions.Optional`).

    ## Why is this bad?
    The standards ask for the union operator: "`str | None` not `Optional[str]` or
    `Union[str, None]`" (001, 004). `X | Y` is shorter, needs no import and reads the same
    in annotations and at runtime (`isinstance(x, int | str)`).

    ## Example
    ```python
    from typing import Optional, Union

    def get(uid: Optional[int]) -> Union[str, bytes]: ...
    ```

    Use instead:
    ```python
    def get(uid: int | None) -> str | bytes: ...
    ```

    ## Options
    - `--familystd-target-version`: below 3.10 `X | Y` fails at runtime, so the rule only
      reports annotations that are never evaluated: under `from __future__ import
      annotations`, outside pydantic/dataclass/attrs/ORM classes and outside functions
      with decorators that may read annotations (FastAPI routes, `singledispatch`, ...).

    ## Known limitations
    - A union directly inside another (`Optional[Union[A, B]]`) is folded into one report
      on the outer one.
    - A member written as a string (`Union["Post", None]`) cannot become `"Post" | None`
      where the annotation is evaluated (that is a `TypeError`); the message then quotes the
      whole union instead: `"Post | None"`. Such a union used as a runtime value (a
      module-level alias `Bind = Union["Engine", "Connection"]`) is not reported: neither
      spelling would keep it working.
    - Unions inside string annotations are not parsed.
    - Not reported inside `if TYPE_CHECKING:`, `sys.version_info` branches or
      `try: ... except ImportError:` blocks, where old spellings are often deliberate.

    ## References
    - [PEP 604](https://peps.python.org/pep-0604/)
    - ruff `UP007` / `UP045`
    """,
)


@FAMILY.on(ast.Subscript, FAM101)
def optional_or_union(ctx: Context, node: ast.Subscript) -> None:
    if ctx.qualified_name(node.value) not in UNION_NAMES:
        return
    if modernising_blocked(ctx) or _inside_reported_union(ctx, node):
        return
    if not new_syntax_allowed(ctx, node, (3, 10)):
        return
    members = _members(ctx, node)
    deferred = ctx.is_stub or (ctx.where.in_annotation and annotations_deferred(ctx))
    if any(_is_str(member) for member in members) and not deferred:
        if not (ctx.where.in_annotation or _is_type_argument(ctx, node)):
            return  # a runtime alias: `"A" | None` fails and a quoted alias is no alias
        inner = " | ".join(_member_text(ctx, member, unquote=True) for member in members)
        replacement = f'"{inner}"'
    else:
        replacement = " | ".join(_member_text(ctx, m, unquote=deferred) for m in members)
    ctx.report(FAM101, node, replacement=shorten(replacement), original=written(ctx, node, 40))


def _is_type_argument(ctx: Context, node: ast.expr) -> bool:
    """Is `node` an argument of a subscripted generic (`List[Union["A", None]]`)?"""
    parent = ctx.parent_of(node)
    if isinstance(parent, ast.Tuple):
        parent = ctx.parent_of(parent)
    return isinstance(parent, ast.Subscript)


def _inside_reported_union(ctx: Context, node: ast.Subscript) -> bool:
    parent = ctx.parent_of(node)
    if isinstance(parent, ast.Tuple):
        parent = ctx.parent_of(parent)
    return isinstance(parent, ast.Subscript) and ctx.qualified_name(parent.value) in UNION_NAMES


def _members(ctx: Context, node: ast.Subscript) -> list[ast.expr]:
    optional = ctx.qualified_name(node.value) == "typing.Optional"
    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    found: list[ast.expr] = []
    for item in items:
        if isinstance(item, ast.Subscript) and ctx.qualified_name(item.value) in UNION_NAMES:
            found.extend(_members(ctx, item))
        else:
            found.append(item)
    if optional:
        found.append(ast.Constant(value=None))
    unique: list[ast.expr] = []
    seen: set[str] = set()
    for item in found:
        key = ctx.source_segment(item)  # (not `ast.dump`: each call leaves a reference cycle)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _member_text(ctx: Context, node: ast.expr, *, unquote: bool) -> str:
    if unquote and isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ctx.source_segment(node)
