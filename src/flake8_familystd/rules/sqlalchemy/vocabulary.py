"""Names the SQLAlchemy family recognises: constructors, types, methods, removed APIs.

Resolved names are compared by their last component (`sqlalchemy.orm.session.Session`,
`sqlalchemy.orm.Session` and `db.Session` are all `Session`), once the resolver has shown
they come from SQLAlchemy, Flask-SQLAlchemy's `db` or SQLModel.
"""

from __future__ import annotations

from typing import Final

# Top-level modules whose import turns the family on.
GATE_MODULES: Final = ("sqlalchemy", "flask_sqlalchemy", "sqlmodel")
# Top-level modules whose names `sa_name` accepts as SQLAlchemy's.
SA_MODULES: Final = frozenset({"sqlalchemy", "sqlmodel", "flask_sqlalchemy"})

# Modules whose names `sa_name` accepts: SQLAlchemy's public API and the modules defining
# it (`sqlalchemy.orm.session.Session`), not objects inside them
# (`sqlalchemy.ext.instrumentation.instrumentation_finders.insert` is `list.insert`).
PUBLIC_MODULES: Final = frozenset(
    {
        "sqlalchemy", "sqlmodel", "flask_sqlalchemy", "orm", "sql", "expression", "future",
        "schema", "types", "sqltypes", "engine", "base", "create", "asyncio", "declarative",
        "dml", "selectable", "elements", "functions", "decl_api", "session", "scoping",
        "strategy_options", "relationships", "query", "mapper", "_orm_constructors",
        "_dml_constructors", "_selectable_constructors", "_elements_constructors",
        "descriptor_props", "properties", "ddl", "extension", "extensions", "ext",
    }
)  # fmt: skip
SESSION_CLASSES: Final = frozenset(
    {"Session", "AsyncSession", "scoped_session", "async_scoped_session"}
)
FACTORIES: Final = frozenset({"sessionmaker", "async_sessionmaker"})
ENGINE_FACTORIES: Final = frozenset(
    {"create_engine", "create_async_engine", "engine_from_config", "async_engine_from_config"}
)
ENGINE_CLASSES: Final = frozenset({"Engine", "AsyncEngine"})
CONNECTION_CLASSES: Final = frozenset({"Connection", "AsyncConnection"})
QUERY_CLASSES: Final = frozenset({"Query"})
DECLARATIVE_BASES: Final = frozenset(
    {"DeclarativeBase", "DeclarativeBaseNoMeta", "MappedAsDataclass"}
)
MAPPED_CONTAINERS: Final = frozenset({"Mapped", "WriteOnlyMapped", "DynamicMapped"})

# Callees whose `name()` product the resolver cannot see but whose name says "a session"
# (`with create_session() as session`, `settings.Session()`), unless they come from one of
# these libraries, whose sessions are HTTP / cloud / other-database sessions.
FOREIGN_SESSION_MODULES: Final = frozenset(
    {
        "aiobotocore", "aiohttp", "boto3", "botocore", "cassandra", "flask", "google", "grpc",
        "httpx", "keras", "neo4j", "onnxruntime", "paramiko", "py2neo", "pyspark", "ray",
        "requests", "requests_oauthlib", "snowflake", "tensorflow", "urllib3",
    }
)  # fmt: skip

# Words that make a `..._session` name an HTTP / cloud / shell session.
FOREIGN_SESSION_WORDS: Final = (
    "http", "client", "request", "aiohttp", "boto", "spark", "ssh", "web", "browser",
    "cassandra", "neo4j", "graph", "redis", "mongo", "login", "user", "flask",
)  # fmt: skip

# Methods that keep a legacy `Query` a `Query`.
QUERY_CHAIN_METHODS: Final = frozenset(
    {
        "filter", "filter_by", "join", "outerjoin", "options", "order_by", "group_by",
        "having", "limit", "offset", "distinct", "with_entities", "add_columns", "select_from",
        "correlate", "enable_eagerloads", "execution_options", "yield_per", "with_for_update",
        "populate_existing", "autoflush", "params", "reset_joinpoint", "union", "union_all",
        "join_from", "with_hint", "prefix_with", "suffix_with", "where", "slice",
        "with_parent", "from_self", "select_entity_from", "with_polymorphic", "add_column",
        "with_labels", "apply_labels", "set_label_style",
    }
)  # fmt: skip
# What Flask-SQLAlchemy's `Model.query` is followed by in real code.
MODEL_QUERY_METHODS: Final = QUERY_CHAIN_METHODS | frozenset(
    {
        "get", "get_or_404", "first", "first_or_404", "one", "one_or_none", "one_or_404",
        "all", "count", "paginate", "scalar", "delete", "update",
    }
)  # fmt: skip

# Removed `Engine` methods (connectionless execution and helpers) -> the 2.0 spelling.
ENGINE_METHODS: Final = {
    "execute": "`with engine.begin() as conn: conn.execute(...)`",
    "scalar": "`with engine.connect() as conn: conn.scalar(...)`",
    "table_names": "`inspect(engine).get_table_names()`",
    "has_table": "`inspect(engine).has_table(...)`",
    "run_callable": "`with engine.begin() as conn: fn(conn)`",
    "transaction": "`with engine.begin() as conn: ...`",
}
# Distinctive method names removed in 2.0, reported on any receiver of a gated file.
REMOVED_METHODS: Final = {
    "from_self": "`aliased(Model, query.subquery())` (`Query.from_self()`)",
    "select_entity_from": "`aliased(Model, subquery)` (`Query.select_entity_from()`)",
    "apply_labels": "`.set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)`",
    "append_whereclause": "`.where(...)`",
    "append_having": "`.having(...)`",
    "append_from": "`.select_from(...)`",
    "append_order_by": "`.order_by(...)`",
    "append_group_by": "`.group_by(...)`",
    "append_correlation": "`.correlate(...)`",
    "tometadata": "`.to_metadata(...)`",
    "reflecttable": "`inspector.reflect_table(...)`",
    "as_scalar": "`.scalar_subquery()`",
}
# Removed functions (resolved from sqlalchemy) -> replacement.
REMOVED_FUNCTIONS: Final = {
    "mapper": "`registry().map_imperatively(...)` (classical `mapper()`)",
    "relation": "`relationship(...)` (`relation()`)",
    "eagerload": "`joinedload(...)` (`eagerload()`)",
    "eagerload_all": "`joinedload(...)` chained (`eagerload_all()`)",
    "create_session": "`Session(...)` (`create_session()`)",
}
# Loader options that no longer take attribute names as strings.
LOADER_OPTIONS: Final = frozenset(
    {
        "joinedload", "selectinload", "subqueryload", "lazyload", "noload", "raiseload",
        "defer", "undefer", "load_only", "contains_eager", "defaultload", "immediateload",
    }
)  # fmt: skip
# Keywords `select()` no longer accepts.
SELECT_KEYWORDS: Final = frozenset(
    {
        "whereclause", "from_obj", "order_by", "group_by", "having", "distinct",
        "use_labels", "limit", "offset", "correlate", "for_update", "bind",
    }
)  # fmt: skip
DML_KEYWORDS: Final = frozenset(
    {"values", "inline", "returning", "whereclause", "preserve_parameter_order", "bind"}
)
DML_FUNCTIONS: Final = frozenset({"insert", "update", "delete"})
# Keyword -> callee names it is removed from, and what to write instead.
REMOVED_KEYWORDS: Final = {
    "convert_unicode": "no keyword (strings are always Unicode)",
    "empty_in_strategy": "no keyword (empty `IN` always works)",
    "strategy": "`create_mock_engine(...)`",
}
# Executing receivers accept only these keywords in 2.0.
EXECUTE_KEYWORDS: Final = frozenset(
    {"params", "parameters", "execution_options", "bind_arguments", "_parent_execute_state",
     "_add_event"}
)  # fmt: skip
# Calls whose product is a SQLAlchemy statement (for implicit `.execute()` and string joins).
STATEMENT_FUNCTIONS: Final = frozenset(
    {"select", "insert", "update", "delete", "text", "union", "union_all", "exists"}
)
# Statement methods that keep a statement a statement.
STATEMENT_METHODS: Final = QUERY_CHAIN_METHODS | frozenset({"values", "returning", "columns"})
# Queries a loop may issue once per item (FAM507).
SESSION_QUERY_METHODS: Final = frozenset({"execute", "scalars", "scalar", "get", "query"})
# Names that make a `.where()`/`.filter()` argument a SQL expression (FAM508).
SQL_BOOLEAN_FUNCTIONS: Final = frozenset({"and_", "or_", "not_"})
SQL_FILTER_METHODS: Final = frozenset({"where", "filter", "having"})
# Moved out of `sqlalchemy.ext.declarative` into `sqlalchemy.orm` (FAM501).
MOVED_DECLARATIVE: Final = frozenset(
    {
        "declarative_base", "as_declarative", "has_inherited_table", "synonym_for",
        "declared_attr", "DeclarativeMeta",
    }
)  # fmt: skip
DECLARATIVE_FACTORIES: Final = frozenset({"declarative_base"})
# ORM attribute constructors that want a `Mapped[...]` annotation (FAM503).
ORM_ATTRIBUTES: Final = frozenset(
    {
        "relationship", "relation", "dynamic_loader", "mapped_column", "column_property",
        "composite", "synonym", "deferred", "query_expression",
    }
)  # fmt: skip
RELATIONSHIP_FUNCTIONS: Final = frozenset({"relationship", "relation", "dynamic_loader"})
# Path parts of Alembic migration scripts (FAM502/FAM503 exempt).
MIGRATION_DIRS: Final = ("/alembic/versions/", "/migrations/", "/alembic/")
