"""FAM207: sleeping for delays in async code."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.loop_context import framework, off_loop
from flake8_familystd.rules.concurrency.vocabulary import SLEEPS

# Words that mark deliberate pacing: retry backoff, rate limiting, throttling.
_PACING_WORDS: Final = ("retry", "retries", "backoff", "attempt", "jitter", "throttl", "limit")
# Function and class names of periodic loops, whose sleep is a period, not a delay.
_PERIODIC_WORDS: Final = ("heartbeat", "keepalive", "keep_alive", "watchdog", "periodic")

FAM207 = FAMILY.rule(
    "FAM207",
    "sleep-for-delay",
    "`{name}` {why} in async code: {fix}",
    """
    ## What it does
    Reports sleeping in the body of an `async def`:
    - `time.sleep(...)` always (it also blocks the event loop);
    - with `--familystd-sleep-policy=all` (the default), also `asyncio.sleep(n)`,
      `anyio.sleep(n)` and `trio.sleep(n)` for any `n` other than a literal `0`.

    ## Why is this bad?
    "Never: Use `asyncio.sleep()` or `time.sleep()` for delays" (000). A fixed delay is a
    guess: too short and the awaited state is not there yet, too long and everything
    waits. Wait for the thing itself (an `asyncio.Event`, a `Condition`, a queue), or let a
    scheduler or a retry library with backoff and jitter decide.

    ## Example
    ```python
    async def wait_for_job(job: Job) -> None:
        while not job.done:
            await asyncio.sleep(5)
    ```

    Use instead:
    ```python
    async def wait_for_job(job: Job) -> None:
        await job.finished.wait()  # an asyncio.Event set by the job
    ```

    ## Options
    - `--familystd-sleep-policy = all | blocking` (default `all`): `blocking` reports only
      `time.sleep` in async code, for teams that follow 002 and use `asyncio.sleep` for
      backoff.

    ## Known limitations
    - `asyncio.sleep(0)` (the yield-to-the-loop idiom) and waiting for cancellation are
      never reported: `sleep(math.inf)`, `sleep(float("inf"))`, a constant of a day or
      more (`sleep(100 * 3600)`), a sleep that is the whole body of `while True:`. Nor is a
      sleep in a loop that waits for a wall-clock moment (`while utcnow() < moment:`).
    - Deliberate pacing is not reported: sleeps in an `except` block (retry after an
      error), computed backoffs (`2 ** attempt`, names with `backoff`, `retry`, `attempt`,
      `jitter`), and sleeps in functions or classes named for retrying, backoff, rate
      limiting, throttling, sleeping (`async def sleep(delay)` wrappers) or a periodic
      loop (`heartbeat`, `keepalive`, `watchdog`, `periodic`). Sleeps in sync
      code, in sync functions or lambdas nested in an `async def`, and in test files are not
      reported.
    - When this rule is enabled it reports `time.sleep` in async code instead of FAM201
      (one code per call).

    ## References
    - ruff `ASYNC251` (`time.sleep` in async functions), flake8-async `ASYNC110`
    """,
    skip_in_tests=True,
    options=("--familystd-sleep-policy",),
)


@FAMILY.on_name("time", FAM207)
@FAMILY.on_name("asyncio", FAM207)
@FAMILY.on_name("anyio", FAM207)
@FAMILY.on_name("trio", FAM207)
def sleep_call(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    blocking = qualname == "time.sleep"
    if not blocking and qualname not in SLEEPS:
        return
    call = ctx.parent_of(node)
    if not isinstance(call, ast.Call) or call.func is not node or not ctx.in_async_function:
        return
    events = "`trio.Event`" if framework(ctx) == "trio" else "an `asyncio.Event`"
    fix = f"wait on {events} or condition, or use a scheduler or retry library"
    if blocking:
        if not off_loop(ctx, call):
            ctx.report(FAM207, call, name=qualname, why="blocks the event loop", fix=fix)
    elif ctx.settings.run.choice("--familystd-sleep-policy") == "all" and _fixed_delay(ctx, call):
        ctx.report(FAM207, call, name=qualname, why="is a fixed delay", fix=fix)


def _fixed_delay(ctx: Context, call: ast.Call) -> bool:
    """Not `sleep(0)`, not `sleep(math.inf)` (wait for cancellation), not in a sleep wrapper."""
    delay = call.args[0] if call.args else next((k.value for k in call.keywords), None)
    if delay is None or (isinstance(delay, ast.Constant) and delay.value == 0):
        return False
    if isinstance(delay, ast.Attribute) and ctx.qualified_name(delay) == "math.inf":
        return False
    if (
        isinstance(delay, ast.Call)
        and isinstance(delay.func, ast.Name)
        and ctx.qualified_name(delay.func) == "builtins.float"
        and any(isinstance(a, ast.Constant) and a.value in ("inf", "+inf") for a in delay.args)
    ):
        return False
    if _forever(ctx, call, delay) or _until_clock(ctx, call):
        return False
    return not (ctx.where.handler is not None or _backoff(delay) or _pacing_helper(ctx))


_DAY: Final = 24 * 3600
_CLOCKS: Final = frozenset(
    {"now", "utcnow", "time", "time_ns", "monotonic", "monotonic_ns", "perf_counter"}
)


def _forever(ctx: Context, call: ast.Call, delay: ast.expr) -> bool:
    """`sleep(100 * 3600)`, or `while True: await sleep(3600)`: waiting for cancellation."""
    seconds = _constant_seconds(delay)
    if seconds is not None and seconds >= _DAY:
        return True
    statement = ctx.parent_of(call)
    if isinstance(statement, ast.Await):
        statement = ctx.parent_of(statement)
    loop = ctx.parent_of(statement) if isinstance(statement, ast.Expr) else None
    return (
        isinstance(loop, ast.While)
        and loop.body == [statement]
        and isinstance(loop.test, ast.Constant)
        and bool(loop.test.value)
    )


def _constant_seconds(delay: ast.expr, depth: int = 0) -> float | None:
    """The value of a constant delay (`100 * 3600`), products folded a few levels deep."""
    if isinstance(delay, ast.Constant) and isinstance(delay.value, (int, float)):
        return float(delay.value)
    if isinstance(delay, ast.BinOp) and isinstance(delay.op, ast.Mult) and depth < 8:
        left = _constant_seconds(delay.left, depth + 1)
        right = _constant_seconds(delay.right, depth + 1)
        return left * right if left is not None and right is not None else None
    return None


def _until_clock(ctx: Context, call: ast.Call) -> bool:
    """In a loop that waits for a wall-clock moment (`while utcnow() < moment:`)."""
    for ancestor in ctx.ancestors(call):
        if ancestor is ctx.where.function:
            return False
        if isinstance(ancestor, ast.While) and any(
            isinstance(node, ast.Call) and last_name(node.func) in _CLOCKS
            for node in ast.walk(ancestor.test)
        ):
            return True
    return False


def _backoff(delay: ast.expr) -> bool:
    """`2 ** attempt`, `self.backoff`, `retry_delay * jitter`: a computed retry backoff."""
    for node in ast.walk(delay):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            return True
        word = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if isinstance(word, str) and any(w in word.lower() for w in _PACING_WORDS):
            return True
    return False


def _pacing_helper(ctx: Context) -> bool:
    """A sleep wrapper, retry helper or rate limiter (by the function's or class's name)."""
    function = ctx.where.function
    names = [function.name] if isinstance(function, ast.AsyncFunctionDef) else []
    names.extend(a.name for a in ctx.ancestors(function) if isinstance(a, ast.ClassDef))
    words = (*_PACING_WORDS, *_PERIODIC_WORDS, "sleep")
    return any(w in name.lower() for name in names for w in words)
