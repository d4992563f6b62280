"""FAM301: the builtins `eval()` / `exec()`."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY

FAM301 = FAMILY.rule(
    "FAM301",
    "eval-exec",
    "`{name}()` runs arbitrary code; parse the input instead (`ast.literal_eval`, `json.loads`)",
    """
    ## What it does
    Reports calls of the builtins `eval()` and `exec()` (also through `builtins.eval` or an
    alias of it).

    ## Why is this bad?
    "Never use `eval()`, `exec()`" (004, §6). Whatever reaches them runs with the
    program's privileges; a string that is safe today is one refactoring away from holding
    user input. Data is parsed, not executed.

    ## Example
    ```python
    value = eval(user_expr)
    ```

    Use instead:
    ```python
    import ast

    value = ast.literal_eval(user_expr)
    ```

    ## Known limitations
    - Only the builtins are reported: a method called `eval` (`model.eval()`,
      `self.eval()`), `ast.literal_eval` and a local function or parameter named `eval`
      are not.
    - `compile()` and `__import__` are not reported.

    ## References
    - ruff `S307` / `S102`, bandit `B307` / `B102`
    """,
)

EVALUATORS: Final = frozenset({"builtins.eval", "builtins.exec"})


@FAMILY.on_name("builtins", FAM301)
def eval_exec(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in EVALUATORS:
        return
    call = ctx.parent_of(node)
    if isinstance(call, ast.Call) and call.func is node:
        ctx.report(FAM301, call, name=qualname.rpartition(".")[2])
