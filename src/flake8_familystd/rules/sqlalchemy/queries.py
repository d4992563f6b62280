"""FAM505-FAM507: the legacy `Query` API, `execute(...).scalars()`, queries in loops."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.sqlalchemy import provenance as p
from flake8_familystd.rules.sqlalchemy import vocabulary as v
from flake8_familystd.rules.sqlalchemy.family import FAMILY
from flake8_familystd.rules.sqlalchemy.provenance import Kind

FAM505 = FAMILY.rule(
    "FAM505",
    "legacy-query-api",
    "{old} is the legacy `Query` API: use {new}",
    """
    ## What it does
    Reports the legacy ORM `Query` API: `session.query(Model, ...)` on a session,
    `Query.get(pk)` (`session.query(M).get(pk)`, or `.get()` on a name bound to a query),
    Flask-SQLAlchemy's `Model.query.<method>(...)` and `scoped_session.query_property()`.
    The message gives the `select()` form that fits the chain: `session.scalars(select(M))`
    for rows of one entity, `session.execute(select(a, b))` for several columns or a table
    (`M.__table__`), `session.get(M, pk)`, `session.execute(update(M)...)`,
    `select(...).subquery()` (no session) for a chain ending in `.subquery()`, `.exists()`,
    `.scalar_subquery()`, `.as_scalar()` or `.cte()`. A query kept in a local variable
    gets the form of its later use in the function (`q.delete()`, `q.count()`, `q.all()`)
    when it is run one way only, else a plain `select(M)...`, as does a query passed on.
    A long receiver is named `session` in the suggestion rather than cut.

    A receiver is a session when the file shows it: `Session(...)`, a `sessionmaker()` /
    `scoped_session()` product, `with Session(engine) as s`, a parameter annotated
    `Session` / `AsyncSession` / `scoped_session`, `db.session` (Flask-SQLAlchemy),
    Airflow's `@provide_session` / `session=NEW_SESSION`, a `self.x` assigned one of these;
    or, for `.query(` only, a name that says it (`session`, `db_session`, `self.session`,
    `with create_session() as session`). Names given in
    `--familystd-sqlalchemy-session-names` are sessions too.

    ## Why is this bad?
    "Use `select()` statements instead of legacy `Query` API" (001). `Query` is legacy in
    2.0: it is not typed, not available on `AsyncSession`, and `Query.get()` warns
    (`LegacyAPIWarning`).

    ## Example
    ```python
    user = session.query(User).filter(User.email == e).first()
    obj = session.query(User).get(pk)
    ```

    Use instead:
    ```python
    user = session.scalars(select(User).where(User.email == e)).first()
    obj = session.get(User, pk)
    ```

    ## Options
    `--familystd-sqlalchemy-session-names=db,dbs`: receiver names to treat as sessions.

    ## Known limitations
    - Only files that import `sqlalchemy`, `flask_sqlalchemy` or `sqlmodel` are checked;
      `.query("...")` with a string (pandas, BigQuery, InfluxDB) is never reported.
    - `session.get(...)` alone is the 2.0 form and is never reported.
    - A chain is reported once, where it starts.

    ## References
    - SQLAlchemy 2.0 migration guide, "ORM Query Unified with Core Select"
    """,
    options=("--familystd-sqlalchemy-session-names",),
)

FAM506 = FAMILY.rule(
    "FAM506",
    "execute-scalars",
    "use {new} instead of {old}",
    """
    ## What it does
    Reports `session.execute(stmt).scalars()` and `session.execute(stmt).scalar()` (also
    `(await session.execute(stmt)).scalars()`) on a session.

    ## Why is this bad?
    "Use `Session.scalars()` for single-column results" (001). `session.scalars(stmt)`
    and `session.scalar(stmt)` say what is fetched and are typed from the statement.

    ## Example
    ```python
    users = session.execute(select(User)).scalars().all()
    ```

    Use instead:
    ```python
    users = session.scalars(select(User)).all()
    ```

    ## Options
    `--familystd-sqlalchemy-session-names=db`: receiver names to treat as sessions.

    ## Known limitations
    `.scalar_one()` / `.scalar_one_or_none()` are not reported: they raise on several rows
    where `session.scalar()` returns the first, so the rewrite is not equivalent.

    ## References
    - SQLAlchemy, `Session.scalars()`, `Session.scalar()`
    """,
    options=("--familystd-sqlalchemy-session-names",),
    default_enabled=False,
)

FAM507 = FAMILY.rule(
    "FAM507",
    "query-in-loop",
    "{call} runs a query for each `{target}` of the loop (N+1): query them all at once, "
    "e.g. with `.in_(...)`",
    """
    ## What it does
    Reports a query issued inside a `for` / `async for` loop or a comprehension when the
    loop variable is used in it: `session.execute(...)`, `.scalars()`, `.scalar()`,
    `.get()` on a session or connection, `session.query(...)` chains and
    `Model.query...`.

    ## Why is this bad?
    "Batch Database Operations" (003): one round trip per item (N+1 queries) is the most
    common ORM performance bug; a single `WHERE id IN (...)` query, a join or an eager
    loader does the same work in one round trip.

    ## Example
    ```python
    for uid in user_ids:
        user = session.get(User, uid)
    ```

    Use instead:
    ```python
    users = session.scalars(select(User).where(User.id.in_(user_ids))).all()
    ```

    ## Options
    `--familystd-sqlalchemy-session-names=db`: receiver names to treat as sessions.

    ## Known limitations
    - Loops over a few fixed values (a literal tuple or list, an enum class, a constant
      such as `DAG_ACTIONS`), pagination (`.offset()`, `.slice()`), loops over tables
      (`for model in models: session.query(model)`) and loops whose variable the query
      does not use (retries, polling) are not reported; `while` loops are not reported.
    - Only the innermost loop is considered.
    - Writes are not queries: `session.add()`, `merge()`, `delete()`, `Query.update()` /
      `.delete()` and executed `insert` / `update` / `delete` statements are not reported;
      neither are chunked loops (`for start in range(0, n, 1000)`).

    ## References
    - SQLAlchemy, "Relationship Loading Techniques"; `ColumnOperators.in_()`
    """,
    options=("--familystd-sqlalchemy-session-names",),
)

_LOOP_BARRIERS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
_PAGINATION = frozenset({"offset", "slice", "yield_per", "paginate"})
_WRITES = frozenset({"insert", "update", "delete"})
_RECEIVER_LIMIT = 24
# What running a kept query (`q.delete()`, `q.first()`) makes of it.
_LATER_USES = {
    "delete": "delete",
    "update": "update",
    "count": "count",
    "scalar": "scalar",
    **dict.fromkeys(("all", "first", "one", "one_or_none", "paginate"), "rows"),
    **dict.fromkeys(("subquery", "exists", "scalar_subquery", "as_scalar", "cte"), "other"),
}
# `Query` methods that end a chain in a statement, not in rows, and their `Select` spelling.
_SUBQUERIES = {
    "subquery": "subquery()",
    "exists": "exists()",
    "scalar_subquery": "scalar_subquery()",
    "as_scalar": "scalar_subquery()",
    "cte": "cte()",
}
# `Query` methods that run the query and return rows or a value.
_RESULT_METHODS = frozenset(
    {"all", "first", "one", "one_or_none", "scalar", "count", "get", "paginate",
     "first_or_404", "one_or_404", "get_or_404", "__iter__"}
)  # fmt: skip


def chain_top(ctx: Context, node: ast.expr) -> ast.expr:
    """The outermost expression of the method chain `node` is part of."""
    current = node
    while True:
        parent = ctx.parent_of(current)
        if (isinstance(parent, ast.Attribute) and parent.value is current) or (
            isinstance(parent, ast.Call) and parent.func is current
        ):
            current = parent
        else:
            return current


def chain_methods(top: ast.expr) -> list[str]:
    """Method names of a chain, outermost first (`a.query(X).filter(y).get(1)`)."""
    names: list[str] = []
    expr: ast.expr = top
    while isinstance(expr, (ast.Call, ast.Attribute)):
        if isinstance(expr, ast.Call):
            expr = expr.func
        else:
            names.append(expr.attr)
            expr = expr.value
    return names


def _call_in_chain(top: ast.expr, method: str) -> ast.Call | None:
    expr: ast.expr = top
    while isinstance(expr, (ast.Call, ast.Attribute)):
        if isinstance(expr, ast.Call):
            if isinstance(expr.func, ast.Attribute) and expr.func.attr == method:
                return expr
            expr = expr.func
        else:
            expr = expr.value
    return None


def _call_name(ctx: Context, func: ast.expr) -> str:
    """`session.get`, or `.get` when the receiver is long: never a cut name."""
    text = ctx.source_segment(func)
    if len(text) <= _RECEIVER_LIMIT + 10 or not isinstance(func, ast.Attribute):
        return text
    return f".{func.attr}"


def _code(ctx: Context, node: ast.AST, limit: int = 20) -> str:
    """`node`'s text if short, else `...`: a message quotes valid code, never a cut one."""
    text = ctx.source_segment(node)
    return text if len(text) <= limit else "..."


def _receiver(ctx: Context, receiver: ast.expr) -> str | None:
    """The session's text when it is a short name (`self.session`), else None."""
    text = ctx.source_segment(receiver)
    plain = all(isinstance(n, (ast.Name, ast.Attribute, ast.Load)) for n in ast.walk(receiver))
    return text if plain and len(text) <= _RECEIVER_LIMIT else None


def _entities(ctx: Context, args: list[ast.expr], limit: int = 40) -> str:
    """`A, b.c`, or as many as fit followed by `...` (a long entity is not cut)."""
    shown: list[str] = []
    for arg in args:
        text = ctx.source_segment(arg)
        if len(text) > limit - sum(len(t) + 2 for t in shown):
            return ", ".join([*shown, "..."])
        shown.append(text)
    return ", ".join(shown)


def _methods_after(ctx: Context, start: ast.expr) -> tuple[list[str], ast.expr]:
    """Methods and attributes applied to `start`, innermost first, and the chain's top."""
    names: list[str] = []
    current = start
    while True:
        parent = ctx.parent_of(current)
        if isinstance(parent, ast.Attribute) and parent.value is current:
            names.append(parent.attr)
        elif not (isinstance(parent, ast.Call) and parent.func is current):
            return names, current
        current = parent


def _select_form(ctx: Context, start: ast.expr, receiver: str, entities: str, single: bool) -> str:
    """The 2.0 spelling of the query chain that starts at `start` (`session.query(...)`)."""
    methods, top = _methods_after(ctx, start)
    for method in methods:
        if method in _SUBQUERIES:
            return f"`select({entities})....{_SUBQUERIES[method]}`"
    for method in ("delete", "update", "count", "scalar"):
        if method in methods:
            return _select_form_for(method, receiver, entities, single)
    if not (_executed(methods, top) or _iterated(ctx, top)):
        later = _later_use(ctx, top)
        if later is None:
            return f"`select({entities})...`"  # a query kept for later, or used several ways
        return _select_form_for(later, receiver, entities, single)
    return _select_form_for("rows", receiver, entities, single)


def _select_form_for(method: str, receiver: str, entities: str, single: bool) -> str:
    """The statement for a query that ends in `.delete()`, `.update()`, `.count()`, ..."""
    if method == "delete":
        return f"`{receiver}.execute(delete({entities}).where(...))`"
    if method == "update":
        return f"`{receiver}.execute(update({entities}).where(...).values(...))`"
    if method == "count":
        return f"`{receiver}.scalar(select(func.count()).select_from({entities})...)`"
    if method == "scalar":
        return f"`{receiver}.scalar(select({entities})...)`"
    if single:
        return f"`{receiver}.scalars(select({entities})...)`"
    return f"`{receiver}.execute(select({entities})...)`"


def _later_use(ctx: Context, top: ast.expr) -> str | None:
    """How `q = session.query(...)` is run later in its function, if in one way only.

    `q.delete()` -> "delete", `q.count()` -> "count", `q.all()` -> "rows"; None when the
    query is not kept in a local or is run several ways (a bounded walk of one function,
    made only for a reported query).
    """
    statement = ctx.parent_of(top)
    function = ctx.where.function
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
    ):
        return None
    name = statement.targets[0].id
    uses: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute):
            continue  # `q.filter`: the chain goes on, its end is judged at the call
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _LATER_USES
            and _root_name(node.func.value) == name
        ):
            uses.add(_LATER_USES[node.func.attr])
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Name) and child.id == name and isinstance(child.ctx, ast.Load):
                uses.add("other")  # iterated, returned, passed on
    use = uses.pop() if len(uses) == 1 else "other"
    return None if use == "other" else use


def _root_name(expr: ast.expr) -> str | None:
    """`q` in `q.filter(x).order_by(y)`."""
    while isinstance(expr, (ast.Call, ast.Attribute)):
        expr = expr.func if isinstance(expr, ast.Call) else expr.value
    return expr.id if isinstance(expr, ast.Name) else None


def _executed(methods: list[str], top: ast.expr) -> bool:
    """Does the chain end in a method that runs the query (`.all()`, `.first()`)?"""
    return isinstance(top, ast.Call) and bool(methods) and methods[-1] in _RESULT_METHODS


def _iterated(ctx: Context, top: ast.expr) -> bool:
    """`for row in session.query(...)`: the loop runs the query."""
    parent = ctx.parent_of(top)
    return isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)) and parent.iter is top


def _single_entity(ctx: Context, args: list[ast.expr]) -> bool:
    """One entity whose rows are one value: not `Model.__table__` nor a `Table`."""
    if len(args) != 1 or isinstance(args[0], ast.Starred):
        return False
    entity = args[0]
    if isinstance(entity, ast.Attribute) and entity.attr == "__table__":
        return False
    return p.kind_of(ctx, entity) is not Kind.TABLE


def session_query(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`session.query(Model, ...)...` (FAM505), and in a loop (FAM507)."""
    if not node.args or _is_string(node.args[0]):
        return
    if p.kind_of(ctx, func.value) not in p.SESSIONS:
        return
    top = chain_top(ctx, node)
    shown = _receiver(ctx, func.value)
    receiver = shown if shown is not None else "session"
    entities = _entities(ctx, node.args)
    get = _call_in_chain(top, "get")
    first = _code(ctx, node.args[0], 30)
    more = ", ..." if len(node.args) > 1 and first != "..." else ""
    old = f"`{shown}.query({first}{more})`" if shown is not None else f"`.query({first}{more})`"
    if get is not None and get.args and len(node.args) == 1:
        new = f"`{receiver}.get({entities}, {_code(ctx, get.args[0])})`"
        ctx.report(FAM505, node, old=old + " with `Query.get()`", new=new)
    else:
        single = _single_entity(ctx, node.args)
        new = _select_form(ctx, node, receiver, entities, single)
        ctx.report(FAM505, node, old=old, new=new)
    query_in_loop(ctx, node, top)


def _is_string(arg: ast.expr) -> bool:
    return isinstance(arg, ast.JoinedStr) or (
        isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    )


def model_query(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """Flask-SQLAlchemy `User.query.filter_by(...)`, `User.query.get(pk)`."""
    query = func.value
    if not (
        isinstance(query, ast.Attribute)
        and query.attr == "query"
        and isinstance(query.value, ast.Name)
        and func.attr in v.MODEL_QUERY_METHODS
        and p.kind_of(ctx, query) is Kind.QUERY
    ):
        return
    model = query.value.id
    old = f"`{model}.query`"
    if func.attr == "get" and node.args:
        new = f"`db.session.get({model}, {_code(ctx, node.args[0])})`"
    elif func.attr == "get_or_404" and node.args:
        new = f"`db.get_or_404({model}, {_code(ctx, node.args[0])})`"
    else:
        new = _select_form(ctx, query, "db.session", model, True)
    ctx.report(FAM505, node, old=old, new=new)
    query_in_loop(ctx, node, chain_top(ctx, node))


def query_property(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`Model.query = Session.query_property()` (`scoped_session`)."""
    if p.kind_of(ctx, func.value) is Kind.SESSION:
        shown = _receiver(ctx, func.value)
        receiver = shown if shown is not None else "session"
        new = f"`{receiver}.scalars(select(Model)...)`"
        ctx.report(FAM505, node, old=f"`{shown or ''}.query_property()`", new=new)


def query_get(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`q.get(pk)` on a name bound to a query (`q = session.query(User)`)."""
    if not node.args or not isinstance(func.value, ast.Name):
        return
    if p.kind_of(ctx, func.value) is Kind.QUERY:
        new = f"`session.get(Model, {_code(ctx, node.args[0])})`"
        ctx.report(FAM505, node, old=f"`{func.value.id}.get(...)` (`Query.get()`)", new=new)


def execute_scalars(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`session.execute(stmt).scalars()` -> `session.scalars(stmt)` (FAM506)."""
    if node.args or node.keywords:
        return
    inner = func.value
    awaited = isinstance(inner, ast.Await)
    if awaited:
        inner = inner.value  # type: ignore[attr-defined]
    if not (
        isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Attribute)
        and inner.func.attr == "execute"
        and p.kind_of(ctx, inner.func.value) in p.SESSIONS
    ):
        return
    receiver = _receiver(ctx, inner.func.value) or "session"
    prefix = "await " if awaited else ""
    ctx.report(
        FAM506,
        node,
        new=f"`{prefix}{receiver}.{func.attr}(...)`",
        old=f"`({prefix}{receiver}.execute(...)).{func.attr}()`"
        if awaited
        else f"`{receiver}.execute(...).{func.attr}()`",
    )


def session_call_in_loop(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`session.get(M, x)` / `conn.execute(...)` inside a loop over `x` (FAM507)."""
    kind = p.kind_of(ctx, func.value)
    named = kind is Kind.NAMED_SESSION and func.attr == "execute"
    if named and node.args and not _is_string(node.args[0]):
        kind = Kind.SESSION  # `session.execute(select(...))`: SQLAlchemy's, whatever its name
    if kind in p.EXECUTORS:
        query_in_loop(ctx, node, chain_top(ctx, node))


def query_in_loop(ctx: Context, node: ast.Call, top: ast.expr) -> None:
    loop = _enclosing_loop(ctx, node)
    if loop is None:
        return
    targets = _target_names(loop)
    methods = chain_methods(top)
    if not targets or _PAGINATION.intersection(methods) or _WRITES.intersection(methods):
        return
    if node.args and _is_write(node.args[0]):
        return  # `conn.execute(insert(t), row)`: a write, not a query
    if (
        isinstance(node.func, ast.Attribute)
        and node.func.attr == "query"
        and any(isinstance(a, ast.Name) and a.id in targets for a in node.args)
    ):
        return  # `for model in models: session.query(model)`: one query per table
    used = next((n.id for n in ast.walk(top) if isinstance(n, ast.Name) and n.id in targets), None)
    if used is not None:
        call = f"`{_call_name(ctx, node.func)}(...)`"
        ctx.report(FAM507, node, call=call, target=used)


def _enclosing_loop(ctx: Context, node: ast.AST) -> ast.AST | None:
    child: ast.AST = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, _LOOP_BARRIERS):
            return None
        if isinstance(ancestor, (ast.For, ast.AsyncFor)):
            if any(child is statement for statement in ancestor.body):
                bounded = _literal(ancestor.iter) or _chunked(ancestor.iter)
                return None if bounded else ancestor
            return None
        if isinstance(ancestor, _COMPREHENSIONS) and not isinstance(child, ast.comprehension):
            generators = ancestor.generators
            return None if all(_literal(g.iter) for g in generators) else ancestor
        child = ancestor
    return None


def _is_write(statement: ast.expr) -> bool:
    """`insert(t)`, `t.insert()`, `update(M).where(...)`: a DML statement."""
    expr: ast.expr = statement
    while True:
        if isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, ast.Attribute):
            if expr.attr in _WRITES:
                return True
            expr = expr.value
        else:
            return isinstance(expr, ast.Name) and expr.id in _WRITES


def _chunked(iterable: ast.expr) -> bool:
    """`range(0, n, 1000)`: a loop over chunks, the batching this rule asks for."""
    return (
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Name)
        and iterable.func.id == "range"
        and len(iterable.args) == 3
    )


def _literal(iterable: ast.expr) -> bool:
    """A few fixed values: a literal, an enum class or a module constant (`DAG_ACTIONS`)."""
    if isinstance(iterable, (ast.Tuple, ast.List, ast.Set, ast.Constant)):
        return True
    name = iterable.id if isinstance(iterable, ast.Name) else None
    if isinstance(iterable, ast.Attribute):
        name = iterable.attr
    return name is not None and name[:1].isupper()


def _target_names(loop: ast.AST) -> frozenset[str]:
    if isinstance(loop, (ast.For, ast.AsyncFor)):
        targets: list[ast.expr] = [loop.target]
    elif isinstance(loop, _COMPREHENSIONS):
        targets = [g.target for g in loop.generators]
    else:
        return frozenset()
    return frozenset(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
