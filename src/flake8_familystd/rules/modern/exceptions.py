"""FAM906 and FAM908: catch and raise specific exceptions."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

GENERIC: Final = frozenset({"builtins.Exception", "builtins.BaseException"})

FAM906 = FAMILY.rule(
    "FAM906",
    "bare-except",
    "catch a specific exception instead of a bare `except:`",
    """
    ## What it does
    Reports `except:` clauses that name no exception.

    ## Why is this bad?
    "Handle exceptions specifically, not with bare `except:`" (000); "❌ Bare `except:` → ✅
    `except Exception:`" (001). A bare `except:` also catches `KeyboardInterrupt`,
    `SystemExit` and `asyncio.CancelledError`, so Ctrl-C, shutdown and task cancellation
    stop working.

    ## Example
    ```python
    try:
        connect()
    except:
        retry()
    ```

    Use instead:
    ```python
    try:
        connect()
    except ConnectionError:
        retry()
    ```

    ## Known limitations
    - Cleanup that re-raises (`except: rollback(); raise`) is reported too: write
      `except BaseException:` to say that everything is meant.

    ## References
    - ruff `E722`, flake8-bugbear `B001`
    """,
)

FAM908 = FAMILY.rule(
    "FAM908",
    "raise-generic-exception",
    "raise a specific or custom exception instead of `{name}`",
    """
    ## What it does
    Reports `raise Exception(...)` and `raise BaseException(...)` (called or bare), however
    the builtin is reached (`builtins.Exception`); local classes named `Exception` are not
    the builtin and are not reported.

    ## Why is this bad?
    "Raise specific exceptions" (000); "MUST use specific exceptions" with `raise
    Exception("Something went wrong")` as the counter-example (003). Callers cannot catch a
    generic exception without catching everything else too.

    ## Example
    ```python
    raise Exception(f"memory {memory_id} not found")
    ```

    Use instead:
    ```python
    class MemoryNotFoundError(LookupError):
        pass

    raise MemoryNotFoundError(memory_id)
    ```

    ## References
    - ruff `TRY002`
    """,
)


@FAMILY.on(ast.ExceptHandler, FAM906)
def bare_except(ctx: Context, node: ast.ExceptHandler) -> None:
    if node.type is None:
        ctx.report(FAM906, node)


@FAMILY.on(ast.Raise, FAM908)
def raise_generic(ctx: Context, node: ast.Raise) -> None:
    raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    if raised is not None and ctx.qualified_name(raised) in GENERIC:
        ctx.report(FAM908, node, name=ctx.source_segment(raised))
