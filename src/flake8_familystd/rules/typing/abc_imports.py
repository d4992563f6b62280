"""FAM103: abstract container types come from `collections.abc`, not `typing`."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.family import FAMILY, modernising_blocked, new_syntax_allowed

ABC_NAMES: Final = {
    name: f"collections.abc.{name}"
    for name in (
        "AsyncGenerator", "AsyncIterable", "AsyncIterator", "Awaitable", "Callable",
        "Collection", "Container", "Coroutine", "Generator", "Hashable", "ItemsView",
        "Iterable", "Iterator", "KeysView", "Mapping", "MappingView", "MutableMapping",
        "MutableSequence", "MutableSet", "Reversible", "Sequence", "Sized", "ValuesView",
    )
} | {"AbstractSet": "collections.abc.Set"}  # fmt: skip
TYPING_ABC: Final = {f"typing.{name}": target for name, target in ABC_NAMES.items()}

FAM103 = FAMILY.rule(
    "FAM103",
    "typing-abc-import",
    "use {names} from `collections.abc` instead of `typing`",
    """
    ## What it does
    Reports `from typing import Callable, Iterable, ...` for the abstract container types
    that live in `collections.abc`, on the import line, and `typing.Iterable` /
    `t.Mapping` written through the module, where they are used.

    ## Why is this bad?
    "Use `collections.abc` types for abstract types: `Sequence`, `Mapping`, `Iterable`,
    `Callable`" (001). The `typing` aliases are deprecated since Python 3.9.

    ## Example
    ```python
    from typing import Callable, Iterable
    ```

    Use instead:
    ```python
    from collections.abc import Callable, Iterable
    ```

    ## Known limitations
    - `typing.AbstractSet` becomes `collections.abc.Set`; import it as
      `from collections.abc import Set as AbstractSet` so it is not read as `set`.
    - Imports from `typing_extensions` are left alone: its re-exports may carry newer
      behaviour than the standard library of the target version.
    - Not reported inside `if TYPE_CHECKING:` or compatibility branches.

    ## References
    - [collections.abc](https://docs.python.org/3/library/collections.abc.html)
    - ruff `UP035`
    """,
)


@FAMILY.on(ast.ImportFrom, FAM103)
def typing_abc_import(ctx: Context, node: ast.ImportFrom) -> None:
    if node.module != "typing" or node.level or modernising_blocked(ctx):
        return
    names = [alias.name for alias in node.names if alias.name in ABC_NAMES]
    if names and new_syntax_allowed(ctx, node, (3, 9)):
        ctx.report(FAM103, node, names=", ".join(_spelled(name) for name in names))


def _spelled(name: str) -> str:
    target = ABC_NAMES[name].rpartition(".")[2]
    return f"`{name}`" if target == name else f"`{target}` (as `{name}`)"


def check(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    """`typing.Iterable` written through the module (no import line to report)."""
    if not isinstance(node, ast.Attribute) or qualname not in TYPING_ABC:
        return
    if modernising_blocked(ctx) or not new_syntax_allowed(ctx, node, (3, 9)):
        return
    if ctx.raw_qualified_name(node.value) == "typing":
        ctx.report(FAM103, node, names=_spelled(node.attr))
