"""FAM201: blocking calls inside `async def`."""

from __future__ import annotations

import ast
import functools
from typing import NamedTuple

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.loop_context import fix_for, off_loop, type_of
from flake8_familystd.rules.concurrency.vocabulary import (
    BLOCKING_CALLS,
    FILES,
    HTTP,
    HTTP_CLIENT_METHODS,
    HTTP_CLIENT_TYPES,
    OTHER,
    PATH_IO_METHODS,
    PATH_TYPES,
    SLEEP,
)

FAM201 = FAMILY.rule(
    "FAM201",
    "blocking-call-in-async",
    "blocking call `{name}` in async code: {fix}",
    """
    ## What it does
    Reports calls of blocking callables in the body of an `async def`: `time.sleep`,
    `requests.*`, `httpx.get(...)` and the methods of a sync `httpx.Client` /
    `requests.Session`, `urllib.request.urlopen`, `socket` name lookups and connections,
    `subprocess.run/call/check_call/check_output/Popen`, `os.system`, `os.popen`,
    `os.wait*`, builtin `open()` / `io.open()`, `shutil` copies and removals, the I/O
    methods of `pathlib.Path` (`read_text`, `write_bytes`, `open`, `iterdir`, `glob`, ...)
    and `input()`. Callables are matched by qualified name, so `import subprocess as sp`
    and `from time import sleep` are found; a local function called `open` is not.

    ## Why is this bad?
    "No Blocking Calls: Use async/await for I/O operations" (000, 003); "Never mix
    blocking calls in async code" (001). A blocking call stops the event loop: every other
    request, task and timeout waits until it returns.

    ## Example
    ```python
    async def fetch(url: str) -> bytes:
        return requests.get(url).content
    ```

    Use instead:
    ```python
    async def fetch(url: str) -> bytes:
        async with httpx.AsyncClient() as client:
            return (await client.get(url)).content
    ```

    ## Options
    - `--familystd-blocking-calls`: extra qualified names of blocking callables
      (`mylib.fetch_sync`); a name ending in `.*` covers a whole module (`legacy_db.*`).
    - `--familystd-allowed-blocking-calls`: qualified names removed from the built-in table
      (`builtins.open`, `pathlib.Path.mkdir`, `httpx.Client.get`), or whole modules and
      classes (`shutil.*`, `pathlib.Path.*`).

    ## Known limitations
    - Only the innermost function counts: a sync `def` or `lambda` nested in an
      `async def` is not on the event loop, and arguments of `asyncio.to_thread(...)`,
      `loop.run_in_executor(...)`, `anyio.to_thread.run_sync(...)` and
      `run_in_threadpool(...)` run in a worker thread. Comprehensions inherit their scope.
    - `time.sleep` is reported by FAM207 when that rule is enabled (one code per call).
    - Sync database sessions and DB-API drivers are FAM202.
    - Blocking through a sync helper defined elsewhere is not followed.
    - Messages name the asyncio fix (`asyncio.to_thread`, `httpx.AsyncClient`,
      `aiofiles` / `anyio.Path`), or the trio / anyio one when the module imports trio or
      anyio and not asyncio. Not reported in test files.

    ## References
    - ruff `ASYNC210`, `ASYNC220`-`ASYNC222`, `ASYNC230`, `ASYNC240`, `ASYNC250`, `ASYNC251`
    - [asyncio.to_thread](https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread)
    """,
    skip_in_tests=True,
    options=("--familystd-blocking-calls", "--familystd-allowed-blocking-calls"),
)


class Table(NamedTuple):
    """The blocking-call table for one set of options."""

    exact: dict[str, str]  # qualified name -> fix kind
    prefixes: tuple[str, ...]  # `module.` prefixes users declared blocking
    allowed: frozenset[str]  # names users removed
    allowed_prefixes: tuple[str, ...]  # `module.` prefixes users removed

    def allows(self, name: str) -> bool:
        return name in self.allowed or name.startswith(self.allowed_prefixes)


@functools.lru_cache(maxsize=16)
def blocking_table(extra: tuple[str, ...], allowed: tuple[str, ...]) -> Table:
    gone = tuple(name[:-1] for name in allowed if name.endswith(".*"))
    table = Table({}, tuple(n[:-1] for n in extra if n.endswith(".*")), frozenset(allowed), gone)
    table.exact.update((n, k) for n, k in BLOCKING_CALLS.items() if not table.allows(n))
    table.exact.update((n, OTHER) for n in extra if not n.endswith(".*") and not table.allows(n))
    return table


def blocking_call(ctx: Context, node: ast.Call) -> None:
    if not ctx.in_async_function:
        return
    func = node.func
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return
    found = _blocking(ctx, func)
    if found is None:
        return
    name, kind = found
    if kind == SLEEP and "FAM207" in ctx.active:
        return  # FAM207 reports sleeping in async code
    if not off_loop(ctx, node):
        ctx.report(FAM201, node, name=name.removeprefix("builtins."), fix=fix_for(ctx, kind))


def _blocking(ctx: Context, func: ast.Name | ast.Attribute) -> tuple[str, str] | None:
    run = ctx.settings.run
    table = blocking_table(
        run.names("--familystd-blocking-calls"), run.names("--familystd-allowed-blocking-calls")
    )
    name = ctx.qualified_name(func)
    if name is not None:
        kind = table.exact.get(name)
        if kind is None and table.prefixes and name.startswith(table.prefixes):
            kind = OTHER
        return (name, kind) if kind is not None else None
    if not isinstance(func, ast.Attribute):
        return None
    method = func.attr
    if method not in PATH_IO_METHODS and method not in HTTP_CLIENT_METHODS:
        return None
    receiver = type_of(ctx, func.value)
    if receiver is None or table.allows(f"{receiver}.{method}"):
        return None
    if receiver in PATH_TYPES and method in PATH_IO_METHODS:
        return f"Path.{method}", FILES
    if receiver in HTTP_CLIENT_TYPES and method in HTTP_CLIENT_METHODS:
        return f"{receiver.rpartition('.')[2]}.{method}", HTTP
    return None
