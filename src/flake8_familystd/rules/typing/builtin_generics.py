"""FAM102: `typing.List/Dict/...` -> builtin and `collections` generics."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.family import (
    FAMILY,
    modernising_blocked,
    new_syntax_allowed,
    written,
)

REPLACEMENTS: Final = {
    "typing.List": "list",
    "typing.Dict": "dict",
    "typing.Set": "set",
    "typing.FrozenSet": "frozenset",
    "typing.Tuple": "tuple",
    "typing.Type": "type",
    "typing.Deque": "collections.deque",
    "typing.DefaultDict": "collections.defaultdict",
    "typing.OrderedDict": "collections.OrderedDict",
    "typing.Counter": "collections.Counter",
    "typing.ChainMap": "collections.ChainMap",
}

FAM102 = FAMILY.rule(
    "FAM102",
    "non-pep585-generic",
    "use `{replacement}` instead of `{original}`",
    """
    ## What it does
    Reports every use of the deprecated `typing` aliases of builtin and `collections`
    classes: `List`, `Dict`, `Set`, `FrozenSet`, `Tuple`, `Type`, `Deque`, `DefaultDict`,
    `OrderedDict`, `Counter`, `ChainMap`, whether imported by name (`from typing import
    List`), through the module (`typing.List`, `t.List`) or under an alias.

    ## Why is this bad?
    "Use lowercase generic types: `list[str]`, `dict[str, int]`, `tuple[int, ...]` (not
    `List`, `Dict`, `Tuple`)" (001); "use built-in generics (no need to import from
    typing)" (003). The aliases are deprecated since Python 3.9 (PEP 585).

    ## Example
    ```python
    from typing import Dict, List

    def f(x: List[int]) -> Dict[str, int]: ...
    ```

    Use instead:
    ```python
    def f(x: list[int]) -> dict[str, int]: ...
    ```

    ## Options
    - `--familystd-target-version`: below 3.9 only never-evaluated annotations are
      reported (see FAM101).

    ## Known limitations
    - The use is reported, not the import; an unused import is left to pyflakes (F401).
    - Not reported where the builtin name is shadowed (a class body defining a method
      `dict` before the annotation), nor in comparisons (`tp == Dict`), where the right
      change is not a respelling.
    - Not reported inside `if TYPE_CHECKING:` or compatibility branches.

    ## References
    - [PEP 585](https://peps.python.org/pep-0585/)
    - ruff `UP006`, `UP035`
    """,
)


def check(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    replacement = REPLACEMENTS.get(qualname)
    if replacement is None or modernising_blocked(ctx):
        return
    if isinstance(ctx.parent_of(node), ast.Compare):
        return  # `tp == Dict`: comparing against the alias is not a spelling to modernise
    if "." not in replacement and ctx.lookup(replacement) is not None:
        return  # `dict` is shadowed here (a method called `dict` in the class body)
    if new_syntax_allowed(ctx, node, (3, 9)):
        ctx.report(FAM102, node, replacement=replacement, original=written(ctx, node))
