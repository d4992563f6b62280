"""Shared tables of the concurrency family: blocking callables, sync DB types, loop helpers."""

from __future__ import annotations

from typing import Final

# -- FAM201: generic blocking I/O, by qualified name -> fix kind ---------------------------
HTTP: Final = "http"
PROCESS: Final = "process"
FILES: Final = "files"
SOCKET: Final = "socket"
INPUT: Final = "input"
SLEEP: Final = "sleep"
OTHER: Final = "other"

_HTTP_VERBS: Final = ("get", "post", "put", "patch", "delete", "head", "options", "request")

BLOCKING_CALLS: Final[dict[str, str]] = {
    "time.sleep": SLEEP,
    **{f"requests.{verb}": HTTP for verb in _HTTP_VERBS},
    **{f"requests.api.{verb}": HTTP for verb in _HTTP_VERBS},
    **{f"httpx.{verb}": HTTP for verb in (*_HTTP_VERBS, "stream")},
    "urllib.request.urlopen": HTTP,
    "urllib.request.urlretrieve": HTTP,
    "socket.create_connection": SOCKET,
    "socket.getaddrinfo": SOCKET,
    "socket.gethostbyname": SOCKET,
    "socket.gethostbyname_ex": SOCKET,
    "socket.gethostbyaddr": SOCKET,
    "socket.getnameinfo": SOCKET,
    "socket.getfqdn": SOCKET,
    "subprocess.run": PROCESS,
    "subprocess.call": PROCESS,
    "subprocess.check_call": PROCESS,
    "subprocess.check_output": PROCESS,
    "subprocess.getoutput": PROCESS,
    "subprocess.getstatusoutput": PROCESS,
    "subprocess.Popen": PROCESS,
    "os.system": PROCESS,
    "os.popen": PROCESS,
    "os.wait": PROCESS,
    "os.waitpid": PROCESS,
    "os.wait3": PROCESS,
    "os.wait4": PROCESS,
    "os.waitid": PROCESS,
    "builtins.open": FILES,
    "io.open": FILES,
    "shutil.copy": FILES,
    "shutil.copy2": FILES,
    "shutil.copyfile": FILES,
    "shutil.copytree": FILES,
    "shutil.rmtree": FILES,
    "shutil.move": FILES,
    "shutil.make_archive": FILES,
    "shutil.unpack_archive": FILES,
    "builtins.input": INPUT,
}

# `pathlib.Path` methods that touch the file system.
PATH_TYPES: Final = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})
PATH_IO_METHODS: Final = frozenset(
    {"read_text", "read_bytes", "write_text", "write_bytes", "open", "iterdir", "glob", "rglob",
     "mkdir", "unlink", "rmdir", "touch", "rename", "replace", "chmod", "symlink_to",
     "hardlink_to", "readlink", "walk"}
)  # fmt: skip
# Methods and class methods of `Path` that give another `Path`.
PATH_DERIVING: Final = frozenset(
    {"joinpath", "with_name", "with_suffix", "with_stem", "resolve", "absolute", "expanduser",
     "cwd", "home"}
)  # fmt: skip

# Sync HTTP clients: their request methods block.
HTTP_CLIENT_TYPES: Final = frozenset(
    {"requests.Session", "requests.sessions.Session", "httpx.Client"}
)
HTTP_CLIENT_METHODS: Final = frozenset({*_HTTP_VERBS, "send", "stream"})

# -- FAM202: sync database sessions, engines and DB-API drivers ------------------------------
SESSION: Final = "sqlalchemy.orm.Session"
ENGINE: Final = "sqlalchemy.engine.Engine"
CONNECTION: Final = "sqlalchemy.engine.Connection"
SESSIONMAKER: Final = "sqlalchemy.orm.sessionmaker"
DBAPI_CONNECTION: Final = "dbapi.Connection"
DBAPI_CURSOR: Final = "dbapi.Cursor"

# Qualified names of sync classes and factories -> the kind of object they give.
DB_TYPES: Final[dict[str, str]] = {
    "sqlalchemy.orm.Session": SESSION,
    "sqlalchemy.orm.session.Session": SESSION,
    "sqlalchemy.orm.scoped_session": SESSION,
    "sqlalchemy.orm.scoping.scoped_session": SESSION,
    "sqlmodel.Session": SESSION,
    "sqlalchemy.Engine": ENGINE,
    "sqlalchemy.engine.Engine": ENGINE,
    "sqlalchemy.engine.base.Engine": ENGINE,
    "sqlalchemy.Connection": CONNECTION,
    "sqlalchemy.engine.Connection": CONNECTION,
    "sqlalchemy.engine.base.Connection": CONNECTION,
    "sqlalchemy.orm.sessionmaker": SESSIONMAKER,
    "sqlalchemy.orm.session.sessionmaker": SESSIONMAKER,
}
DB_FACTORIES: Final[dict[str, str]] = {
    "sqlalchemy.create_engine": ENGINE,
    "sqlalchemy.engine.create_engine": ENGINE,
    "sqlmodel.create_engine": ENGINE,
}
DB_DRIVER_CONNECT: Final = frozenset(
    {"sqlite3.connect", "psycopg2.connect", "psycopg.connect", "pymysql.connect",
     "MySQLdb.connect", "mysql.connector.connect", "pyodbc.connect", "cx_Oracle.connect",
     "oracledb.connect"}
)  # fmt: skip
# Methods that do I/O on each kind of sync database object.
DB_IO_METHODS: Final[dict[str, frozenset[str]]] = {
    SESSION: frozenset(
        {
            "execute",
            "scalars",
            "scalar",
            "get",
            "query",
            "commit",
            "flush",
            "refresh",
            "rollback",
            "merge",
            "exec",
            "connection",
        }
    ),
    ENGINE: frozenset({"connect", "begin", "execute", "raw_connection"}),
    CONNECTION: frozenset(
        {"execute", "scalars", "scalar", "commit", "rollback", "exec_driver_sql"}
    ),
    DBAPI_CONNECTION: frozenset({"execute", "executemany", "executescript", "commit", "rollback"}),
    DBAPI_CURSOR: frozenset(
        {"execute", "executemany", "executescript", "fetchone", "fetchall", "fetchmany", "callproc"}
    ),
}
# Methods that give another sync database object.
DB_DERIVING: Final[dict[tuple[str, str], str]] = {
    (ENGINE, "connect"): CONNECTION,
    (ENGINE, "begin"): CONNECTION,
    (SESSIONMAKER, "begin"): SESSION,
    (DBAPI_CONNECTION, "cursor"): DBAPI_CURSOR,
}

# -- off-loop wrappers: what their arguments do runs in a worker thread ---------------------
OFF_LOOP: Final = frozenset(
    {"asyncio.to_thread", "anyio.to_thread.run_sync", "trio.to_thread.run_sync",
     "starlette.concurrency.run_in_threadpool", "fastapi.concurrency.run_in_threadpool",
     "asgiref.sync.sync_to_async"}
)  # fmt: skip
OFF_LOOP_METHODS: Final = frozenset({"run_in_executor", "run_sync"})

# -- tasks, sleeps, cancellation ------------------------------------------------------------
TASK_FACTORIES: Final = frozenset({"asyncio.create_task", "asyncio.ensure_future"})
SLEEPS: Final = frozenset({"asyncio.sleep", "anyio.sleep", "trio.sleep"})
CANCELLED: Final = frozenset(
    {"asyncio.CancelledError", "asyncio.exceptions.CancelledError", "trio.Cancelled"}
)
CANCELLED_FACTORIES: Final = frozenset({"anyio.get_cancelled_exc_class"})
BASE_EXCEPTION: Final = "builtins.BaseException"
SHIELDS: Final = frozenset(
    {"asyncio.shield", "asyncio.wait_for", "asyncio.timeout", "asyncio.timeout_at",
     "anyio.move_on_after", "anyio.fail_after", "anyio.CancelScope", "trio.move_on_after",
     "trio.fail_after", "trio.CancelScope", "async_timeout.timeout"}
)  # fmt: skip

# -- locks and thread state -----------------------------------------------------------------
THREAD_LOCKS: Final = frozenset(
    {"threading.Lock", "threading.RLock", "threading.Semaphore", "threading.BoundedSemaphore",
     "threading.Condition", "_thread.allocate_lock"}
)  # fmt: skip

# -- FAM208: async resources that must be closed --------------------------------------------
ASYNC_RESOURCES: Final = frozenset(
    {"httpx.AsyncClient", "aiohttp.ClientSession", "aiohttp.client.ClientSession",
     "sqlalchemy.ext.asyncio.AsyncSession", "asyncpg.connect", "aiofiles.open",
     "aiosqlite.connect", "aiomysql.connect", "psycopg.AsyncConnection.connect",
     "redis.asyncio.Redis", "aio_pika.connect", "aio_pika.connect_robust"}
)  # fmt: skip
