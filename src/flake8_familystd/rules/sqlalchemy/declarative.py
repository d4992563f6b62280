"""FAM501-FAM504: declarative configuration (bases, `Column`, `Mapped[...]`, `backref`)."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.sqlalchemy import provenance as p
from flake8_familystd.rules.sqlalchemy import vocabulary as v
from flake8_familystd.rules.sqlalchemy.family import FAMILY

FAM501 = FAMILY.rule(
    "FAM501",
    "declarative-base",
    "replace {old} with {new}",
    """
    ## What it does
    Reports calls of `declarative_base()` and imports of the declarative names whose home
    is now `sqlalchemy.orm` from `sqlalchemy.ext.declarative` (`declarative_base`,
    `as_declarative`, `declared_attr`, `has_inherited_table`, `synonym_for`,
    `DeclarativeMeta`). The message names the class to write: `cls=Mixin` becomes a base
    class (`class Base(Mixin, DeclarativeBase)`), `metadata=` a class attribute.

    ## Why is this bad?
    "Use `DeclarativeBase` instead of legacy `declarative_base()`" (001). In SQLAlchemy 2.0
    `declarative_base()` is superseded by subclassing `DeclarativeBase`, which type
    checkers understand. The `sqlalchemy.ext.declarative` versions of `declarative_base`,
    `as_declarative`, `has_inherited_table` and `synonym_for` emit `MovedIn20Warning` when
    called; `declared_attr` and `DeclarativeMeta` are plain re-exports there, reported so
    that the imports name the module that defines them.

    ## Example
    ```python
    from sqlalchemy.ext.declarative import declarative_base

    Base = declarative_base()
    ```

    Use instead:
    ```python
    from sqlalchemy.orm import DeclarativeBase

    class Base(DeclarativeBase):
        pass
    ```

    ## Options
    With `--familystd-sqlalchemy-target=1.4` (`DeclarativeBase` does not exist in 1.4)
    only the moved imports are reported.

    ## Known limitations
    `ConcreteBase`, `AbstractConcreteBase` and `DeferredReflection` still live in
    `sqlalchemy.ext.declarative` and are not reported; neither is Flask-SQLAlchemy's
    `db.Model`, which involves no call.

    ## References
    - SQLAlchemy 2.0 "What's New", Migrating an Existing Mapping, step one
    """,
    options=("--familystd-sqlalchemy-target",),
)

FAM502 = FAMILY.rule(
    "FAM502",
    "declarative-column",
    "declare `{name}: Mapped[...] = mapped_column(...)` instead of {old}",
    """
    ## What it does
    Reports `Column(...)` assigned as an attribute of a declarative model class without a
    `Mapped[...]` annotation. A model is a subclass of a `declarative_base()` product or
    of a `DeclarativeBase` subclass, a `db.Model` subclass (Flask-SQLAlchemy), or a class
    whose body sets `__tablename__` / `__table_args__`.

    ## Why is this bad?
    "Use `Mapped[T]` and `mapped_column()` for all column definitions. Never use legacy
    `Column()` syntax" (001). A `Column` attribute is typed `Column[Any]` on the class and
    `Any` on instances; `mapped_column()` with `Mapped[int]` gives both the right type and
    derives nullability from the annotation.

    ## Example
    ```python
    class User(Base):
        __tablename__ = "users"
        id = Column(Integer, primary_key=True)
    ```

    Use instead:
    ```python
    class User(Base):
        __tablename__ = "users"
        id: Mapped[int] = mapped_column(primary_key=True)
    ```

    ## Options
    Not reported with `--familystd-sqlalchemy-target=1.4` (no `mapped_column` in 1.4).

    ## Known limitations
    - Core `Table("t", metadata, Column(...))`, `Column` from other libraries (pyspark,
      rich) and `@declared_attr` functions are not reported.
    - The 1.4/2.0 dual form `id: Mapped[int] = Column(...)` is accepted.
    - Alembic migration scripts (`alembic/`, `migrations/`) are exempt.

    ## References
    - SQLAlchemy 2.0 "What's New", Migrating an Existing Mapping, step two
    """,
    options=("--familystd-sqlalchemy-target",),
)

FAM503 = FAMILY.rule(
    "FAM503",
    "unmapped-orm-attribute",
    "annotate `{name}` as `Mapped[...]`: `{name}: Mapped[...] = {func}(...)`",
    """
    ## What it does
    Reports `relationship()`, `mapped_column()`, `column_property()`, `composite()`,
    `synonym()`, `deferred()`, `query_expression()` and `dynamic_loader()` assigned in a
    declarative model class without an annotation, or with one that is not `Mapped[...]`,
    `WriteOnlyMapped[...]` or `DynamicMapped[...]`.

    ## Why is this bad?
    "Always use `Mapped[]` type hints for relationships" (001). Without the annotation the
    attribute is `Any` for type checkers; with a plain annotation (`bars: list[Bar] =
    relationship()`) SQLAlchemy 2.0 raises at class construction unless the class sets
    `__allow_unmapped__`.

    ## Example
    ```python
    class User(Base):
        __tablename__ = "users"
        posts = relationship("Post", back_populates="author")
    ```

    Use instead:
    ```python
    class User(Base):
        __tablename__ = "users"
        posts: Mapped[list["Post"]] = relationship(back_populates="author")
    ```

    ## Known limitations
    - A non-`Mapped` annotation is accepted in a class that sets `__allow_unmapped__`
      (only when the class itself sets it: a base class's flag is not seen).
    - Assignments outside model classes and Alembic migration scripts are not reported.

    ## References
    - SQLAlchemy 2.0 migration guide, "Step Six - Add `__allow_unmapped__`"
    - flake8-sqlalchemy2 `SA201`
    """,
)

FAM504 = FAMILY.rule(
    "FAM504",
    "relationship-backref",
    "use `back_populates=` on both sides instead of `backref=`",
    """
    ## What it does
    Reports `backref=` on SQLAlchemy's `relationship()` (also `db.relationship`,
    `relation()`, `dynamic_loader()`).

    ## Why is this bad?
    "Use `back_populates` instead of `backref` for explicit bidirectional relationships"
    (001). `backref` creates an attribute on the other class that no reader, type checker
    or IDE can see there; SQLAlchemy's documentation calls it legacy.

    ## Example
    ```python
    author = relationship("User", backref="posts")
    ```

    Use instead:
    ```python
    author: Mapped["User"] = relationship(back_populates="posts")
    # and on User:
    posts: Mapped[list["Post"]] = relationship(back_populates="author")
    ```

    ## Known limitations
    Only calls that resolve to SQLAlchemy: Peewee's `ForeignKeyField(..., backref=...)`
    and Django are never reported.

    ## References
    - SQLAlchemy, "Using the legacy 'backref' relationship parameter"
    - flake8-sqlalchemy2 `SA203`, flake8-sqlalchemy `SQA300`
    """,
)


@FAMILY.on(ast.ImportFrom, FAM501)
def moved_import(ctx: Context, node: ast.ImportFrom) -> None:
    """`from sqlalchemy.ext.declarative import declarative_base` (the import is the offence)."""
    if node.module != "sqlalchemy.ext.declarative" or ctx.where.in_compat:
        return
    moved = [alias.name for alias in node.names if alias.name in v.MOVED_DECLARATIVE]
    if moved:
        names = ", ".join(moved)
        ctx.report(
            FAM501,
            node,
            old=f"`from sqlalchemy.ext.declarative import {names}`",
            new=f"`from sqlalchemy.orm import {names}`",
        )


@FAMILY.on(ast.ClassDef, FAM502, FAM503)
def model_class(ctx: Context, node: ast.ClassDef) -> None:
    if not p.is_model(ctx, node):
        return
    facts = ctx.scratch(p.Facts)
    facts.models.add(node)
    if p.allows_unmapped(node):
        facts.allow_unmapped.add(node)


def declarative_base_call(ctx: Context, node: ast.Call) -> None:
    """`Base = declarative_base()` (called from the family's call dispatcher)."""
    if p.target_14(ctx):
        return
    parent = ctx.parent_of(node)
    name = "Base"
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        target = parent.targets[0]
        name = target.id if isinstance(target, ast.Name) else name
    cls = next((k.value for k in node.keywords if k.arg == "cls"), None)
    mixin = ctx.source_segment(cls) if isinstance(cls, (ast.Name, ast.Attribute)) else None
    extra: list[str] = []
    if mixin is not None and mixin != name:
        new = f"`class {name}({mixin}, DeclarativeBase)`"
    else:
        new = f"`class {name}(DeclarativeBase)`"
        if mixin is not None:
            extra.append(f"the attributes of the `{mixin}` mixin")
    if any(k.arg == "metadata" for k in node.keywords):
        extra.append("`metadata = ...`")
    if extra:
        new += f" ({' and '.join(extra)} in its body)"
    ctx.report(FAM501, node, old="`declarative_base()`", new=new)


def backref_keyword(ctx: Context, node: ast.Call) -> None:
    """`relationship("User", backref="posts")`."""
    if any(keyword.arg == "backref" for keyword in node.keywords):
        ctx.report(FAM504, node)


def model_attribute(
    ctx: Context,
    model: ast.ClassDef,
    target: ast.expr,
    annotation: ast.expr | None,
    value: ast.expr,
) -> None:
    """`id = Column(...)` / `posts = relationship(...)` in a model body (FAM502/FAM503)."""
    if not isinstance(value, ast.Call) or not isinstance(target, ast.Name):
        return
    func = p.sa_name(ctx, value.func)
    if func is None or (func != "Column" and func not in v.ORM_ATTRIBUTES):
        return
    if p.is_migration(ctx) or (annotation is not None and is_mapped(ctx, annotation)):
        return
    name = target.id
    if func == "Column":
        if p.target_14(ctx):
            return
        old = "`Column(...)`" if annotation is None else f"`{name}: {_short(ctx, annotation)}`"
        ctx.report(FAM502, value, name=name, old=old)
        return
    facts = ctx.peek(p.Facts)
    if annotation is not None and facts is not None and model in facts.allow_unmapped:
        return
    ctx.report(FAM503, value, name=name, func=func)


def is_mapped(ctx: Context, annotation: ast.expr) -> bool:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value.partition("[")[0].rpartition(".")[2] in v.MAPPED_CONTAINERS
    base = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    name = p.sa_name(ctx, base)
    if name is None and isinstance(base, (ast.Name, ast.Attribute)):
        # an unresolved `Mapped` (relative import, star import of a project module)
        name = base.id if isinstance(base, ast.Name) else base.attr
    return name in v.MAPPED_CONTAINERS


def _short(ctx: Context, node: ast.AST, limit: int = 30) -> str:
    text = ctx.source_segment(node)
    return text if len(text) <= limit else text[: limit - 3] + "..."
