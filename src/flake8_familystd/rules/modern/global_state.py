"""FAM910: global state rebound from functions."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

FAM910 = FAMILY.rule(
    "FAM910",
    "global-statement",
    "pass {names} in (dependency injection) instead of rebinding module state with `global`",
    """
    ## What it does
    Reports `global` statements in functions: the function rebinds module-level state.

    ## Why is this bad?
    "No Global State: Use dependency injection via constructors" (000). A module-level
    singleton rebound from functions is shared by every caller, every test and every
    thread; it hides a dependency from the signature and makes test isolation depend on
    teardown order.

    ## Example
    ```python
    _client = None

    def get_client() -> Client:
        global _client
        if _client is None:
            _client = Client()
        return _client
    ```

    Use instead:
    ```python
    class Service:
        def __init__(self, client: Client) -> None:
            self._client = client
    ```

    ## Known limitations
    - Mutating a module-level object without rebinding it (`_cache[key] = value`) is not a
      `global` statement and is not reported.
    - 001's thread-safe singleton example uses `global`; teams that follow it can ignore
      this rule (`extend-ignore = FAM910`).

    ## References
    - pylint `W0603` (`global-statement`), ruff `PLW0603`
    """,
)


@FAMILY.on(ast.Global, FAM910)
def global_statement(ctx: Context, node: ast.Global) -> None:
    if ctx.where.function is not None:
        ctx.report(FAM910, node, names=", ".join(f"`{name}`" for name in node.names))
