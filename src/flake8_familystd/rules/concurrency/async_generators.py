"""FAM209: a same-module async generator left early without `aclosing()`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.cancellation import local_nodes
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.scope import BindingKind

_LOOPS = (ast.For, ast.AsyncFor, ast.While)

FAM209 = FAMILY.rule(
    "FAM209",
    "async-generator-without-aclosing",
    "wrap `{name}(...)` in `contextlib.aclosing(...)`: this loop can leave the async "
    "generator early without closing it",
    """
    ## What it does
    Reports `async for` over a call of an async generator function defined in the same
    module when the loop body can leave early (`break`, `return` or `raise`) and the
    generator is not wrapped in `contextlib.aclosing(...)`. Target Python 3.10 or later.

    ## Why is this bad?
    "Use `contextlib.aclosing()` for async generator cleanup" (001). An async generator
    abandoned mid-iteration is only finalised when the garbage collector gets to it: its
    `finally:` blocks and `async with` exits run late, on another task, or never.

    ## Example
    ```python
    async def first_done() -> Row | None:
        async for row in stream_rows():
            if row.done:
                return row
        return None
    ```

    Use instead:
    ```python
    async def first_done() -> Row | None:
        async with aclosing(stream_rows()) as rows:
            async for row in rows:
                if row.done:
                    return row
        return None
    ```

    ## Known limitations
    - Opt-in. Only plain calls of async generator functions of the same module are judged
      (`async def` with `yield`, no decorator, so `@asynccontextmanager` functions are
      left out); generators from other modules are of unknown kind.
    - A loop that always runs to the end is not reported.

    ## References
    - [contextlib.aclosing](https://docs.python.org/3/library/contextlib.html#contextlib.aclosing)
    - flake8-async `ASYNC900`
    """,
    default_enabled=False,
    min_target=(3, 10),
)


@FAMILY.on(ast.AsyncFor, FAM209)
def async_for(ctx: Context, node: ast.AsyncFor) -> None:
    call = node.iter
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        return
    binding = ctx.lookup(call.func.id)
    if binding is None or binding.kind is not BindingKind.FUNCTION:
        return
    generator = binding.node
    if (
        isinstance(generator, ast.AsyncFunctionDef)
        and not generator.decorator_list
        and _yields(generator)
        and _leaves_early(node.body)
    ):
        ctx.report(FAM209, node, name=call.func.id)


def _yields(function: ast.AsyncFunctionDef) -> bool:
    return any(isinstance(n, ast.Yield) for n in local_nodes(function.body))


def _leaves_early(body: list[ast.stmt]) -> bool:
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Break, ast.Return, ast.Raise)):
            return True
        if isinstance(node, _LOOPS):
            if any(isinstance(n, (ast.Return, ast.Raise)) for n in local_nodes(node.body)):
                return True
            stack.extend(node.orelse)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))
    return False
