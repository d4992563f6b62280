"""Every fixture, through real flake8: bad files report exactly what they expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_familystd.rules import RULES
from tests.harness import (
    FIXTURES,
    Fixture,
    compare,
    fixture_args,
    parse_fixture,
    run_fixture,
    with_noqa,
)

KNOWN = frozenset(RULES)
PATHS = sorted(FIXTURES.glob("*/*.py"))


def _codes_for(fixture: Fixture) -> list[str]:
    """The file's own rule (`FAM101_bad.py` -> FAM101), as ruff tests one rule per fixture."""
    own = fixture.path.stem.split("_", 1)[0]
    return [own] if own in KNOWN else [c for c, r in RULES.items() if r.family == fixture.family]


def _load(path: Path) -> Fixture:
    fixture = parse_fixture(path, KNOWN)
    if not fixture.runnable():
        pytest.skip(f"needs Python {fixture.requires}")
    return fixture


def _id(path: Path) -> str:
    return str(path.relative_to(FIXTURES))


@pytest.mark.parametrize("path", PATHS, ids=_id)
def test_fixture(path: Path) -> None:
    fixture = _load(path)
    compile(path.read_text(encoding="utf-8"), str(path), "exec")
    reports = run_fixture(path, fixture_args(fixture, _codes_for(fixture)))
    problem = compare(fixture, reports)
    assert problem is None, f"{_id(path)}:\n{problem}"


@pytest.mark.parametrize("path", [p for p in PATHS if "_bad" in p.stem], ids=_id)
def test_noqa_silences_each_expectation(path: Path) -> None:
    fixture = _load(path)
    assert fixture.expected, f"{_id(path)} expects nothing"
    source = with_noqa(path.read_text(encoding="utf-8"))
    reports = run_fixture(path, fixture_args(fixture, _codes_for(fixture)), source)
    assert reports == [], reports
