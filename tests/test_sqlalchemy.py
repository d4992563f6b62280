"""The SQLAlchemy family where fixtures cannot reach: paths, the gate, options, provenance."""

from __future__ import annotations

import ast
import textwrap

import pytest

from flake8_familystd.plugin import lint
from flake8_familystd.rules import RULES
from flake8_familystd.settings import Settings

FAM5 = frozenset(code for code in RULES if code.startswith("FAM5"))

MODEL = """
    from sqlalchemy import Column, Integer
    from sqlalchemy.orm import declarative_base, relationship

    Base = declarative_base()


    class User(Base):
        __tablename__ = "users"
        id = Column(Integer, primary_key=True)
        posts = relationship("Post")
"""


def codes(
    source: str,
    filename: str = "app/models.py",
    *,
    target: str = "2.0",
    session_names: str = "",
) -> list[tuple[int, str]]:
    values = {
        "familystd_sqlalchemy_target": target,
        "familystd_sqlalchemy_session_names": session_names,
    }
    settings = Settings.from_values(dict(values), enabled=FAM5)
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    found = lint(tree, filename, text.splitlines(keepends=True), settings, raise_errors=True)
    return [(d.line, d.code) for d in found]


def test_model_is_reported_outside_migrations() -> None:
    assert codes(MODEL) == [(5, "FAM501"), (10, "FAM502"), (11, "FAM503")]


@pytest.mark.parametrize(
    "path",
    ["alembic/versions/0001_init.py", "app/migrations/versions/0002.py", "migrations/env.py"],
)
def test_alembic_migrations_are_exempt_from_column_rules(path: str) -> None:
    assert codes(MODEL, path) == [(5, "FAM501")]


def test_target_14_keeps_what_14_cannot_replace() -> None:
    found = codes(MODEL, target="1.4")
    assert found == [(11, "FAM503")]


def test_files_without_sqlalchemy_are_not_checked() -> None:
    source = """
        def handler(session, df, pk):
            session.query(User).get(pk)
            return df.query("a > 1")
    """
    assert codes(source) == []


def test_session_names_default_to_none() -> None:
    source = """
        import sqlalchemy

        def handler(db, pk):
            return db.execute("SELECT 1")
    """
    assert codes(source) == []
    assert codes(source, session_names="db") == [(5, "FAM509")]


def test_self_attribute_provenance() -> None:
    source = """
        from sqlalchemy import create_engine

        class Repo:
            def __init__(self, url):
                self.engine = create_engine(url)

            def rows(self):
                return self.engine.execute("SELECT 1")
    """
    assert codes(source) == [(9, "FAM509"), (9, "FAM510")]


def test_foreign_sessions_are_not_sessions() -> None:
    source = """
        import aiohttp
        import requests
        import sqlalchemy

        def fetch(ids):
            http = requests.Session()
            for i in ids:
                http.get(f"/items/{i}")
            client_session = aiohttp.ClientSession()
            return client_session.query(ids)
    """
    assert codes(source) == []


def messages(source: str) -> list[str]:
    settings = Settings.from_values({}, enabled=FAM5)
    text = textwrap.dedent(source)
    found = lint(ast.parse(text), "app/views.py", text.splitlines(keepends=True), settings)
    return [f"{d.code} {d.text}" for d in found]


QUERIES = """
    from sqlalchemy import Table, func
    from sqlalchemy.orm import Session

    events = Table("events")

    def run(session: Session, app, ids):
        sub = session.query(Run.dag_id, func.max(Run.date).label("latest")).group_by(Run.dag_id)
        sub = session.query(Run.dag_id, func.max(Run.date)).group_by(Run.dag_id).subquery()
        found = session.query(Run).filter(Run.id == 1).exists()
        raw = session.query(Parent.__table__).all()
        rows = session.query(events).all()
        long = app.appbuilder.get_session.query(Permission).filter(Permission.id.in_(ids)).all()
        query = session.query(ImportError)
        query.delete(synchronize_session="fetch")
        var = session.query(Variable).filter(Variable.key == "k")
        if var.count():
            var.first()
        counted = session.query(Dag).filter(Dag.id == 1)
        counted.count()
        paged = session.query(Dag)
        total = paged.count()
        page = paged.order_by(Dag.id).limit(10).all()
        passed = session.query(Dag)
        passed.count()
        print(passed)
        users = session.query(User).all()
        old = session.query(User).filter(User.id > 1).as_scalar()
        return sub, found, raw, rows, long, users, old
"""


def test_legacy_query_messages_fit_the_chain() -> None:
    news = [text.partition(": use ")[2] for text in messages(QUERIES) if text.startswith("FAM505")]
    assert news == [
        "`select(Run.dag_id, ...)...`",
        "`select(Run.dag_id, func.max(Run.date))....subquery()`",
        "`select(Run)....exists()`",
        "`session.execute(select(Parent.__table__)...)`",
        "`session.execute(select(events)...)`",
        "`session.scalars(select(Permission)...)`",
        "`session.execute(delete(ImportError).where(...))`",
        "`select(Variable)...`",
        "`session.scalar(select(func.count()).select_from(Dag)...)`",
        "`select(Dag)...`",
        "`select(Dag)...`",
        "`session.scalars(select(User)...)`",
        "`select(User)....scalar_subquery()`",
    ]


def test_long_receivers_and_arguments_are_never_cut() -> None:
    source = """
        from sqlalchemy.orm import Session

        def run(session: Session, app, pk):
            return app.appbuilder.get_session.query(SomeVeryLongModelName.some_column_name).get(
                compute_the_primary_key(pk, "with", "many", "arguments")
            )
    """
    assert messages(source) == [
        "FAM505 `.query(...)` with `Query.get()` is the legacy `Query` API: use "
        "`session.get(SomeVeryLongModelName.some_column_name, ...)`"
    ]


def test_declarative_base_names_the_class_to_write() -> None:
    source = """
        from sqlalchemy import MetaData
        from sqlalchemy.orm import declarative_base

        class Mixin:
            pass

        Model = declarative_base(cls=Mixin, metadata=MetaData())
        Base = declarative_base()
        Mixin = declarative_base(cls=Mixin)
    """
    assert messages(source) == [
        "FAM501 replace `declarative_base()` with `class Model(Mixin, DeclarativeBase)` "
        "(`metadata = ...` in its body)",
        "FAM501 replace `declarative_base()` with `class Base(DeclarativeBase)`",
        "FAM501 replace `declarative_base()` with `class Mixin(DeclarativeBase)` "
        "(the attributes of the `Mixin` mixin in its body)",
    ]
