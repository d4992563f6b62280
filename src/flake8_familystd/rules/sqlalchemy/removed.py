"""FAM510: every other API SQLAlchemy 2.0 removed, each with its 2.0 replacement."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.sqlalchemy import provenance as p
from flake8_familystd.rules.sqlalchemy import vocabulary as v
from flake8_familystd.rules.sqlalchemy.family import FAMILY
from flake8_familystd.rules.sqlalchemy.provenance import Kind

FAM510 = FAMILY.rule(
    "FAM510",
    "removed-in-sqlalchemy-2",
    "{old} {status} in SQLAlchemy 2.0: use {new}",
    """
    ## What it does
    Reports the 1.x APIs that no longer exist (or no longer accept the call) in
    SQLAlchemy 2.0, each with its replacement (two that 2.0 still has, deprecated,
    `Session.close_all()` and `Query.as_scalar()`, are reported as deprecated):
    - connectionless execution on an engine: `engine.execute()`, `engine.scalar()`,
      `engine.table_names()`, `engine.has_table()`, `engine.run_callable()`,
      `engine.transaction()`; implicit execution `stmt.execute()` / `table.insert().execute()`;
    - `select([a, b])`, `select(..., whereclause=..., order_by=...)`, `case([...])`,
      `case(whens=...)`, `insert(t, values=...)` / `update(t, whereclause)` and the other
      DML constructor arguments;
    - `autocommit=True` on `Session` / `sessionmaker` / `execution_options()`,
      `session.begin(subtransactions=True)`;
    - bound metadata: `MetaData(bind=...)`, `MetaData(engine)`, `declarative_base(bind=)`,
      `declarative_base(engine)`, `text(..., bind=)`, `Table(..., autoload=True)`;
    - legacy execute arguments: `conn.execute(stmt, x=1)`, several positional parameter
      sets;
    - the `Session.autocommit` and `Session.transaction` attributes;
    - classical `mapper()`, `relation()`, `eagerload()`, `create_session()`,
      `Session.close_all()`;
    - `Query.from_self()`, `select_entity_from()`, `apply_labels()`, `as_scalar()`,
      `append_whereclause()` and the other `append_*` methods, `tometadata()`,
      `reflecttable()`;
    - relationship paths as strings: `joinedload("addresses")` (and the other loader
      options), `query.join("addresses")`;
    - `convert_unicode=`, `empty_in_strategy=`, `create_engine(strategy="mock")`;
    - `import sqlalchemy.databases`.

    ## Why is this bad?
    These calls raise on SQLAlchemy 2.0 (`AttributeError`, `ArgumentError`,
    `ObjectNotExecutableError`, `ImportError`); on 1.4 they only warn with
    `SQLALCHEMY_WARN_20=1`, and only on the code paths the tests happen to run.

    ## Example
    ```python
    rows = engine.execute(select([users.c.id]))
    ```

    Use instead:
    ```python
    with engine.connect() as conn:
        rows = conn.execute(select(users.c.id))
    ```

    ## Options
    `--familystd-sqlalchemy-session-names=db`: receiver names to treat as sessions.

    ## Known limitations
    - Method names shared with other libraries (`.execute`, `.scalar`, `.join`,
      `.transaction`) are reported only on a receiver the file shows to be an engine,
      connection, query or statement; `select.select([...])`, `str.join`, Peewee's
      `.select()` and Django's `transaction` are never reported.
    - Legacy-tier APIs that still work in 2.0 (`create_engine(future=True)`,
      `lazy="dynamic"`) are not reported; `Query` itself is FAM505.
    - `row["col"]` (string keys on rows) needs types and is not reported.

    ## References
    - SQLAlchemy 2.0 migration guide, "2.0 Migration - Core Connection / Transaction",
      "2.0 Migration - Core Usage", "2.0 Migration - ORM Configuration"
    """,
    options=("--familystd-sqlalchemy-session-names",),
)


_DEPRECATED: Final = frozenset({"`.as_scalar()`", "`Session.close_all()`"})


def _report(ctx: Context, node: ast.AST, old: str, new: str) -> None:
    """Report `old`; the few APIs 2.0 still has, deprecated, say so."""
    status = "is deprecated" if old in _DEPRECATED else "was removed"
    ctx.report(FAM510, node, old=old, new=new, status=status)


# -- resolved functions ------------------------------------------------------------------------


def removed_function(ctx: Context, node: ast.Call, name: str) -> None:
    """A call of a resolved SQLAlchemy function (`select`, `case`, `mapper`, ...)."""
    if name in v.REMOVED_FUNCTIONS:
        if name == "create_session" and not _from_orm(ctx, node):
            return
        _report(ctx, node, f"`{name}()`", v.REMOVED_FUNCTIONS[name])
    elif name == "select":
        _select(ctx, node)
    elif name == "case":
        _case(ctx, node)
    elif name in v.DML_FUNCTIONS:
        _dml(ctx, node, name)
    elif name in v.LOADER_OPTIONS:
        attr = _string(node.args[0]) if node.args else None
        if attr is not None and "*" not in attr:  # `lazyload("*")` is the 2.0 wildcard
            _report(ctx, node, f"`{name}({attr!r})` with a string", f"`{name}(Model.{attr})`")
    elif name in ("Session", "sessionmaker", "scoped_session"):
        _autocommit(ctx, node, f"`{name}(autocommit=True)`")
    elif name == "MetaData":
        _metadata(ctx, node)
    elif name == "Table":
        if _keyword_true(node, "autoload"):
            _report(ctx, node, "`Table(..., autoload=True)`", "`Table(..., autoload_with=engine)`")
    elif name == "declarative_base" and node.args and not isinstance(node.args[0], ast.Starred):
        # 1.x `declarative_base(bind=None, metadata=None, ...)`; 2.0 takes keywords only
        _report(
            ctx,
            node,
            "`declarative_base(engine)` with a positional bind",
            "`class Base(DeclarativeBase)` and `conn.execute(...)` on an explicit connection",
        )
    elif name in ("text", "DDL", "declarative_base", "as_declarative"):
        if _keyword(node, "bind") is not None:
            _report(
                ctx,
                node,
                f"`{name}(..., bind=...)`",
                "`conn.execute(...)` on an explicit connection",
            )
    elif name == "close_all":
        _report(ctx, node, "`Session.close_all()`", "`sqlalchemy.orm.close_all_sessions()`")
    elif name in ("create_engine", "String", "Enum", "Unicode", "UnicodeText", "Text"):
        for keyword in node.keywords:
            if keyword.arg in v.REMOVED_KEYWORDS and (
                keyword.arg != "strategy" or name == "create_engine"
            ):
                _report(ctx, node, f"`{name}({keyword.arg}=...)`", v.REMOVED_KEYWORDS[keyword.arg])
                return


def _from_orm(ctx: Context, node: ast.Call) -> bool:
    qualname = ctx.qualified_name(node.func) or ""
    return qualname.startswith("sqlalchemy.orm")


def _select(ctx: Context, node: ast.Call) -> None:
    if node.args and isinstance(node.args[0], (ast.List, ast.ListComp)):
        _report(ctx, node, "`select([...])`", "`select(a, b)` with positional columns")
        return
    legacy = [k.arg for k in node.keywords if k.arg in v.SELECT_KEYWORDS]
    if legacy:
        _report(
            ctx, node, f"`select(..., {legacy[0]}=...)`", f"the `.{_method(legacy[0])}()` method"
        )


def _method(keyword: str) -> str:
    return {
        "whereclause": "where",
        "from_obj": "select_from",
        "use_labels": "set_label_style",
        "for_update": "with_for_update",
        "bind": "execute",
    }.get(keyword, keyword)


def _case(ctx: Context, node: ast.Call) -> None:
    if node.args and isinstance(node.args[0], (ast.List, ast.ListComp)):
        _report(ctx, node, "`case([...])`", "`case((cond, value), ..., else_=...)`")
    elif _keyword(node, "whens") is not None:
        _report(ctx, node, "`case(whens=...)`", "`case((cond, value), ..., else_=...)`")


def _dml(ctx: Context, node: ast.Call, name: str) -> None:
    legacy = [k.arg for k in node.keywords if k.arg in v.DML_KEYWORDS]
    if legacy:
        keyword = legacy[0]
        new = f"`.{'where' if keyword == 'whereclause' else keyword}(...)`"
        if keyword == "preserve_parameter_order":
            new = "`.ordered_values(...)`"
        _report(ctx, node, f"`{name}(table, {keyword}=...)`", new)
    elif len(node.args) > 1:
        new = "`.values(...)`" if name == "insert" else "`.where(...)`"
        _report(ctx, node, f"`{name}(table, <clause>)` with a positional clause", new)


def _autocommit(ctx: Context, node: ast.Call, old: str) -> None:
    keyword = _keyword(node, "autocommit")
    if keyword is not None and not (
        isinstance(keyword.value, ast.Constant) and keyword.value.value is False
    ):
        _report(ctx, node, old, "`with session.begin():` / `conn.commit()`")


def _metadata(ctx: Context, node: ast.Call) -> None:
    if _keyword(node, "bind") is not None:
        _report(ctx, node, "`MetaData(bind=...)`", "`MetaData()` and `metadata.create_all(engine)`")
    elif node.args and p.kind_of(ctx, node.args[0]) in (Kind.ENGINE, Kind.CONNECTION):
        _report(ctx, node, "`MetaData(engine)`", "`MetaData()` and `metadata.create_all(engine)`")


def _keyword(node: ast.Call, name: str) -> ast.keyword | None:
    return next((k for k in node.keywords if k.arg == name), None)


def _keyword_true(node: ast.Call, name: str) -> bool:
    keyword = _keyword(node, name)
    return keyword is not None and not (
        isinstance(keyword.value, ast.Constant) and keyword.value.value in (False, None)
    )


def _string(arg: ast.expr) -> str | None:
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


# -- methods -----------------------------------------------------------------------------------


def removed_method(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`.from_self()`, `engine.execute()`, `query.join("attr")`, `autocommit=` options."""
    method = func.attr
    if method in v.REMOVED_METHODS:
        _report(ctx, node, f"`.{method}()`", v.REMOVED_METHODS[method])
    elif method in v.ENGINE_METHODS:
        _engine_method(ctx, node, func)
    elif method in ("join", "outerjoin"):
        _string_join(ctx, node, func)
    elif method == "execution_options":
        _autocommit(ctx, node, "`.execution_options(autocommit=True)`")
    elif method == "begin":
        if _keyword(node, "subtransactions") is not None:
            _report(ctx, node, "`begin(subtransactions=True)`", "one outer `with session.begin():`")
    elif method in _TABLE_METHODS and (node.args or node.keywords or method == "count"):
        _table_method(ctx, node, func)
    elif method == "with_polymorphic" and p.kind_of(ctx, func.value) is Kind.QUERY:
        _report(ctx, node, "`Query.with_polymorphic()`", "the `with_polymorphic()` function")


_TABLE_METHODS: Final = {
    "select": "`table.select().where(...)`",
    "insert": "`table.insert().values(...)`",
    "update": "`table.update().where(...).values(...)`",
    "delete": "`table.delete().where(...)`",
    "count": "`select(func.count()).select_from(table)`",
}


def _table_method(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`users.update(users.c.id == 1, values=...)` on a `Table(...)` bound in the file."""
    if p.kind_of(ctx, func.value) is Kind.TABLE:
        method = func.attr
        old = f"`table.{method}()`" if method == "count" else f"`table.{method}(<arguments>)`"
        _report(ctx, node, old, _TABLE_METHODS[method])


def _engine_method(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    method = func.attr
    kind = p.kind_of(ctx, func.value)
    if kind is Kind.ENGINE:
        _report(ctx, node, f"`engine.{method}()`", v.ENGINE_METHODS[method])
    elif method in ("execute", "scalar") and kind is Kind.STATEMENT:
        _report(ctx, node, f"implicit execution `stmt.{method}()`", f"`conn.{method}(stmt)`")
    elif method == "execute" and kind in p.EXECUTORS:
        _legacy_parameters(ctx, node)
    elif method == "transaction" and kind is Kind.CONNECTION:
        _report(ctx, node, "`conn.transaction(fn)`", "`with conn.begin(): fn(conn)`")


def _legacy_parameters(ctx: Context, node: ast.Call) -> None:
    """`conn.execute(stmt, x=1)` / `conn.execute(stmt, {...}, {...})`."""
    extra = [k.arg for k in node.keywords if k.arg is not None and k.arg not in v.EXECUTE_KEYWORDS]
    if extra and extra[0] in ("mapper", "clause", "bind"):
        _report(ctx, node, f"`execute(stmt, {extra[0]}=...)`", "`bind_arguments={...}`")
    elif extra:
        _report(
            ctx, node, f"`execute(stmt, {extra[0]}=...)`", "`execute(stmt, {...})` with one dict"
        )
    elif len(node.args) > 2:
        _report(
            ctx, node, "`execute(stmt, params, params, ...)`", "`execute(stmt, [{...}, {...}])`"
        )


def _string_join(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    strings = [_string(a) for a in node.args]
    if not strings or None in strings:
        return
    if p.kind_of(ctx, func.value) in (Kind.QUERY, Kind.STATEMENT):
        first = strings[0]
        _report(
            ctx,
            node,
            f"`.{func.attr}({first!r})` with a string",
            f"`.{func.attr}(Model.{first})`",
        )


def databases_import(ctx: Context, node: ast.Import | ast.ImportFrom) -> None:
    _report(ctx, node, "`sqlalchemy.databases`", "`sqlalchemy.dialects`")


_SESSION_ATTRIBUTES: Final = {
    "autocommit": "`session.in_transaction()` / `with session.begin():`",
    "transaction": "`session.get_transaction()`",
}


def session_attribute(ctx: Context, node: ast.Attribute) -> None:
    """`session.autocommit`, `session.transaction` on a session the file shows."""
    if p.kind_of(ctx, node.value) is Kind.SESSION:
        _report(ctx, node, f"`Session.{node.attr}`", _SESSION_ATTRIBUTES[node.attr])
