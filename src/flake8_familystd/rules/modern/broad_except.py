"""FAM907: `except Exception` / `BaseException` that swallows the error."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.modern.family import FAMILY

BROAD: Final = frozenset({"builtins.Exception", "builtins.BaseException"})
# Calls that surface an error: logging methods on any logger, reporters, warnings.
SURFACING: Final = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log",
     "capture_exception", "captureException", "print_exc", "print_exception", "format_exc",
     "format_exception", "notify", "exc_info"}
)  # fmt: skip

FAM907 = FAMILY.rule(
    "FAM907",
    "broad-except",
    "catch the specific exceptions instead of `{caught}`{why}",
    """
    ## What it does
    Reports `except Exception:` and `except BaseException:` (alone or in a tuple) whose body
    swallows the error: it does not `raise`, calls no logging method (`logger.error(...)`,
    `log.exception(...)`, `warnings.warn(...)`, `sentry_sdk.capture_exception(...)`), and
    does not use the caught exception (`except Exception as e: return Failure(e)`). With
    `--familystd-broad-except=all`, every broad handler is reported.

    ## Why is this bad?
    "Handle exceptions specifically" (000); "Catch specific exceptions" (001, 004). A broad
    handler that swallows turns every bug (a `TypeError`, a typo'd attribute) into silent
    wrong behaviour.

    ## Example
    ```python
    try:
        send(order)
    except Exception:
        pass
    ```

    Use instead:
    ```python
    try:
        send(order)
    except ConnectionError:
        logger.warning("send_failed", order_id=order.id)
    ```

    ## Options
    - `--familystd-broad-except = swallow | all` (default `swallow`).

    ## Known limitations
    - Bare `except:` is FAM906. A `raise`, logging call or use of the exception inside a
      nested `try` of the handler counts for the handler; one inside a nested function does
      not.
    - A handler that raises or logs on one branch and swallows on another counts as
      handled.
    - Any method called `error`, `warning`, `exception`, ... counts as logging: the receiver
      is not checked to be a logger. `sys.exc_info()` and re-raising helpers
      (`with util.safe_reraise():`, `reraise(...)`) count as handling the error.

    ## References
    - ruff `BLE001` (blind-except), `S110`; pylint `W0718`
    """,
    options=("--familystd-broad-except",),
)


class _Handlers(dict[ast.ExceptHandler, tuple[str, bool]]):
    """Broad handlers (caught, handled?) seen so far, judged when the module ends."""


@FAMILY.on(ast.ExceptHandler, FAM907)
def broad_handler(ctx: Context, node: ast.ExceptHandler) -> None:
    caught = node.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught] if caught else []
    broad = [name for name in names if ctx.qualified_name(name) in BROAD]
    if not broad:
        return
    text = ctx.source_segment(broad[0])
    if ctx.settings.run.broad_except == "all":
        ctx.report(FAM907, node, caught=text, why="")
    else:
        ctx.scratch(_Handlers)[node] = (text, False)
        if node.name:
            ctx.watch_name(node.name, used)


def _handled(ctx: Context) -> None:
    handlers = ctx.peek(_Handlers)
    handler = ctx.where.handler
    if handlers and handler is not None and handler in handlers:
        handlers[handler] = (handlers[handler][0], True)


@FAMILY.on(ast.Raise, FAM907)
def raised(ctx: Context, node: ast.Raise) -> None:
    _handled(ctx)


@FAMILY.on(ast.Call, FAM907)
def surfaced(ctx: Context, node: ast.Call) -> None:
    """Logging, reporting, `sys.exc_info()`, or a `safe_reraise()`-style helper."""
    if ctx.where.handler is None:
        return
    name = last_name(node.func)
    if name is not None and (
        (isinstance(node.func, ast.Attribute) and name in SURFACING) or "reraise" in name.lower()
    ):
        _handled(ctx)


def used(ctx: Context, node: ast.Name) -> None:
    """A name spelled like a broad handler's `as` name: a use inside it handles the error."""
    handler = ctx.where.handler
    if handler is not None and handler.name == node.id and type(node.ctx) is ast.Load:
        _handled(ctx)


@FAMILY.on_exit(ast.Module, FAM907)
def broad_verdict(ctx: Context, node: ast.Module) -> None:
    for handler, (caught, handled) in (ctx.peek(_Handlers) or {}).items():
        if not handled:
            ctx.report(FAM907, handler, caught=caught, why=" (this handler swallows the error)")
