"""FAM202: sync SQLAlchemy sessions / engines and sync DB-API drivers inside `async def`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.concurrency.family import FAMILY
from flake8_familystd.rules.concurrency.loop_context import off_loop, type_of
from flake8_familystd.rules.concurrency.vocabulary import (
    CONNECTION,
    DB_DRIVER_CONNECT,
    DB_IO_METHODS,
    DBAPI_CONNECTION,
    DBAPI_CURSOR,
    ENGINE,
    SESSION,
)

_ALL_METHODS = frozenset().union(*DB_IO_METHODS.values())
_LABELS = {
    SESSION: "Session",
    ENGINE: "Engine",
    CONNECTION: "Connection",
    DBAPI_CONNECTION: "connection",
    DBAPI_CURSOR: "cursor",
}

FAM202 = FAMILY.rule(
    "FAM202",
    "sync-database-in-async",
    "sync database call `{name}` in async code: {fix}",
    """
    ## What it does
    Reports, in the body of an `async def`, I/O methods (`execute`, `scalars`, `scalar`,
    `get`, `query`, `commit`, `flush`, `refresh`, `rollback`, ...) called without `await` on
    a sync SQLAlchemy `Session`, `Engine` or `Connection`, and sync DB-API drivers
    (`sqlite3.connect`, `psycopg2.connect`, `pymysql.connect`, ... and their connections'
    and cursors' `execute` / `fetch*` / `commit`).

    The receiver's type is decided by what it is, not what it is called: a parameter
    annotated `Session` (also `Annotated[Session, Depends(...)]` and `Session | None`), a
    `Session(...)` or `sessionmaker(...)()` product, `create_engine(...)`,
    `engine.connect()` / `engine.begin()`, or a `with ... as name` target of one of these.

    ## Why is this bad?
    "Use async sessions (`AsyncSession`) for async code" (001). A sync session blocks the
    event loop for the whole round trip to the database.

    ## Example
    ```python
    async def read_items(db: Annotated[Session, Depends(get_db)]) -> list[Item]:
        return list(db.scalars(select(Item)).all())
    ```

    Use instead:
    ```python
    async def read_items(db: Annotated[AsyncSession, Depends(get_db)]) -> list[Item]:
        return list((await db.scalars(select(Item))).all())
    ```

    ## Known limitations
    - A receiver whose type cannot be told (`self.session`, a name imported from another
      module) is not reported; a variable called `session` is not enough.
    - `AsyncSession.run_sync(lambda s: s.query(...))` and sync work passed to
      `asyncio.to_thread(...)` are off the loop and not reported. `requests.Session`,
      `aiohttp.ClientSession`, `AsyncSession` and `async_sessionmaker` are not sync
      database sessions. SQLModel's `Session` is the sync SQLAlchemy one and is reported.
    - Generic blocking I/O is FAM201; a call gets one of the two codes, never both.
      Not reported in test files.

    ## References
    - [SQLAlchemy asyncio](https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html)
    """,
    skip_in_tests=True,
)


def sync_database_call(ctx: Context, node: ast.Call) -> None:
    if not ctx.in_async_function:
        return
    func = node.func
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return
    name = ctx.qualified_name(func)
    if name is None and isinstance(func, ast.Attribute) and func.attr in _ALL_METHODS:
        if isinstance(ctx.parent_of(node), ast.Await):
            return
        kind = type_of(ctx, func.value)
        if kind is None or func.attr not in DB_IO_METHODS.get(kind, ()):
            return
        name = f"{_LABELS[kind]}.{func.attr}"
    elif name not in DB_DRIVER_CONNECT:
        return
    if not off_loop(ctx, node):
        ctx.report(FAM202, node, name=name, fix=_fix(name))


def _fix(name: str) -> str:
    if name.startswith(("Session.", "Engine.", "Connection.")):
        return "use `AsyncSession` / `create_async_engine` and `await` it"
    return "use an async driver (`asyncpg`, `aiosqlite`, `aiomysql`) or `asyncio.to_thread(...)`"
