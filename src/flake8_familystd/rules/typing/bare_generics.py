"""FAM116: generic classes used in annotations without type arguments."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.abc_imports import ABC_NAMES
from flake8_familystd.rules.typing.builtin_generics import REPLACEMENTS
from flake8_familystd.rules.typing.family import FAMILY, written

_NOT_GENERIC: Final = frozenset({"Sized", "Hashable"})
EXAMPLES: Final = {
    **{f"builtins.{n}": f"{n}[int]" for n in ("list", "set", "frozenset")},
    "builtins.dict": "dict[str, int]",
    "builtins.tuple": "tuple[int, ...]",
    **{f"collections.{n}": f"{n}[int]" for n in ("deque", "Counter")},
    **{f"collections.{n}": f"{n}[str, int]" for n in ("defaultdict", "OrderedDict", "ChainMap")},
    **{f"collections.abc.{n}": f"{n}[int]" for n in ABC_NAMES if n not in _NOT_GENERIC},
    **{f"collections.abc.{n}": f"{n}[str, int]"
       for n in ("Mapping", "MutableMapping", "ItemsView")},
    "collections.abc.Callable": "Callable[..., object]",
    "collections.abc.Generator": "Generator[int, None, None]",
    "collections.abc.AsyncGenerator": "AsyncGenerator[int, None]",
    "collections.abc.Coroutine": "Coroutine[object, object, int]",
    "collections.abc.AbstractSet": "AbstractSet[int]",
    "queue.Queue": "Queue[int]",
    "asyncio.Queue": "Queue[int]",
    "re.Pattern": "Pattern[str]",
    "re.Match": "Match[str]",
}  # fmt: skip
_TYPING_TWINS: Final = {
    **{f"typing.{n}": f"collections.abc.{n}" for n in ABC_NAMES if n not in _NOT_GENERIC},
    **{name: f"builtins.{target}" if "." not in target else target
       for name, target in REPLACEMENTS.items() if name != "typing.Type"},
    "typing.Pattern": "re.Pattern",
    "typing.Match": "re.Match",
}  # fmt: skip
GENERICS: Final = frozenset(EXAMPLES) | frozenset(_TYPING_TWINS)
BUILTIN_GENERICS: Final = sorted(name for name in GENERICS if name.startswith("builtins."))

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
      better), nor are bare `type`, `memoryview` (its parameter has a default, and
      `memoryview[int]` fails at runtime before 3.14) or `Sized`/`Hashable` (not generic).
    - Annotations written as strings are not parsed.

    ## References
    - mypy `type-arg` (`disallow_any_generics`)
    """,
    default_enabled=False,
)


def check(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in GENERICS or not ctx.where.in_annotation or ctx.where.in_runtime_only:
        return  # (type checkers never analyse the runtime-only branch of `TYPE_CHECKING`)
    parent = ctx.parent_of(node)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return
    if isinstance(parent, ast.Attribute):
        return
    name = written(ctx, node)
    example = EXAMPLES.get(_TYPING_TWINS.get(qualname, qualname), f"{name}[...]")
    _, _, rest = example.partition("[")
    ctx.report(FAM116, node, name=name, example=f"{name}[{rest}" if rest else example)
