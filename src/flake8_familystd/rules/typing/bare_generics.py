"""FAM116: generic classes used in annotations without type arguments."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.abc_imports import ABC_NAMES
from flake8_familystd.rules.typing.builtin_generics import REPLACEMENTS
from flake8_familystd.rules.typing.family import FAMILY, written

GENERICS: Final = frozenset(
    {f"builtins.{name}" for name in ("list", "dict", "set", "frozenset", "tuple")}
    | {f"collections.{name}" for name in ("deque", "defaultdict", "OrderedDict", "Counter",
                                          "ChainMap")}
    | set(ABC_NAMES.values())
    | {f"typing.{name}" for name in ABC_NAMES}
    | {name for name in REPLACEMENTS if name != "typing.Type"}
    | {"queue.Queue", "asyncio.Queue", "re.Pattern", "re.Match", "typing.Pattern",
       "typing.Match", "builtins.memoryview"}
)  # fmt: skip

FAM116 = FAMILY.rule(
    "FAM116",
    "bare-generic",
    "add type arguments to `{name}` (for example `{example}`)",
    """
    ## What it does
    Reports generic classes written without type arguments in annotations: `list`,
    `dict`, `tuple`, `set`, `collections.deque`, the `collections.abc` ABCs,
    `queue.Queue`, `asyncio.Queue`, `re.Pattern`, ...

    ## Why is this bad?
    "`mypy --strict` must pass" (000, 004): `--strict` includes `disallow_any_generics`,
    and a bare `dict` means `dict[Any, Any]`.

    ## Example
    ```python
    def fetch() -> dict: ...
    ```

    Use instead:
    ```python
    def fetch() -> dict[str, int]: ...
    ```

    ## Known limitations
    - Only classes known to be generic are reported: user classes are not (mypy knows
      better), nor is bare `type`.
    - Annotations written as strings are not parsed.

    ## References
    - mypy `type-arg` (`disallow_any_generics`)
    """,
    default_enabled=False,
)


def check(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in GENERICS or not ctx.where.in_annotation:
        return
    parent = ctx.parent_of(node)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return
    if isinstance(parent, ast.Attribute):
        return
    name = written(ctx, node)
    example = "dict[str, int]" if "dict" in name.lower() or "Mapping" in name else f"{name}[int]"
    ctx.report(FAM116, node, name=name, example=example)
