"""Under flake8 the diagnostics are reported at each file's first logical line (`HeldBack`);
called directly, the tree plugin yields them itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from flake8_familystd import plugin
from flake8_familystd.context import Diagnostic
from flake8_familystd.plugin import HELD_BACK, HeldBack, Offsets, Plugin, report_held_back
from flake8_familystd.settings import Settings
from tests.test_options import flake8

SOURCE = "from typing import Optional\n\n\ndef f(x: Optional[int]) -> None:\n    pass\n"
LINES = SOURCE.splitlines(keepends=True)
REPORT = ((4, 9), "FAM101 use `int | None` instead of `Optional[int]`")


@pytest.fixture(autouse=True)
def every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tree plugin's settings as when called directly (earlier in-process flake8 runs
    leave theirs)."""
    monkeypatch.setattr(Plugin, "settings", Settings())


@pytest.fixture
def under_flake8(monkeypatch: pytest.MonkeyPatch) -> HeldBack:
    """`HELD_BACK` as flake8's `parse_options` leaves it, restored afterwards."""
    monkeypatch.setattr(HELD_BACK, "enabled", True)
    monkeypatch.setattr(HELD_BACK, "lines", None)
    monkeypatch.setattr(HELD_BACK, "found", [])
    return HELD_BACK


def run(source: str, lines: list[str]) -> list[tuple[int, int, str]]:
    """The tree plugin's reports."""
    tree = ast.parse(source)
    return [(line, col, text) for line, col, text, _ in Plugin(tree, "m.py", lines).run()]


def fam101(reports: Offsets | None) -> Offsets:
    return [report for report in reports or [] if report[1].startswith("FAM101")]


def test_called_directly_the_tree_plugin_yields_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(HELD_BACK, "enabled", False)
    assert (4, 9, REPORT[1]) in run(SOURCE, LINES)


def test_under_flake8_held_back_until_the_files_first_logical_line(
    under_flake8: HeldBack,
) -> None:
    assert run(SOURCE, LINES) == []
    assert report_held_back("pass", list(LINES)) is None  # another file's lines
    assert fam101(report_held_back("from typing import Optional", LINES)) == [REPORT]
    assert report_held_back("def f(x: Optional[int]) -> None:", LINES) is None


def test_a_module_without_statements_reports_from_the_tree(
    under_flake8: HeldBack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """flake8 runs no logical line in a file of comments and blank lines."""
    found = [Diagnostic(1, 0, "FAM915", "add a module docstring")]
    monkeypatch.setattr(plugin, "lint", lambda *args, **kwargs: found)
    source = "# only a comment\n\n"
    reports = run(source, source.splitlines(keepends=True))
    assert reports == [(1, 0, "FAM915 add a module docstring")]
    assert under_flake8.lines is None


def test_a_file_flake8_never_tokenized_loses_only_its_own_diagnostics(
    under_flake8: HeldBack,
) -> None:
    """(flake8 reports E902 for it.) The next file's diagnostics are not mixed with them."""
    first, second = ["a = 1\n"], ["b = 2\n"]
    under_flake8.hold(first, [Diagnostic(1, 0, "FAM901", "first")])
    under_flake8.hold(second, [Diagnostic(1, 0, "FAM901", "second")])
    assert under_flake8.take(first) == []
    assert under_flake8.take(second) == [Diagnostic(1, 0, "FAM901", "second")]
    assert under_flake8.take(second) == []


@pytest.mark.parametrize("jobs", ["-j1", "-j2"])
def test_through_flake8_noqa_and_positions_as_from_the_tree(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "a.py").write_text(
        "from typing import Optional\n"
        "\n"
        "x: Optional[int] = None  # noqa: FAM101\n"
        "y: Optional[\n"
        "    int\n"
        "] = None  # noqa: FAM101\n"
        "z: Optional[str] = None\n"
    )
    (tmp_path / "b.py").write_text(SOURCE)
    (tmp_path / "c.py").write_text("# nothing but a comment\n")
    result = flake8(tmp_path, "--isolated", "--select=FAM101", jobs, "a.py", "b.py", "c.py")
    assert result.stdout.splitlines() == [
        # (flake8 reads a noqa comment on its own physical line: only strings span lines for it)
        "a.py:4:4: FAM101 use `int | None` instead of `Optional[int]`",
        "a.py:7:4: FAM101 use `str | None` instead of `Optional[str]`",
        "b.py:4:10: " + REPORT[1],
    ], result.stderr
