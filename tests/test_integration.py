"""The plugin as users meet it: installed entry point, editors' invocations, the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from flake8_familystd.rules import RULES
from tests.harness import ROOT
from tests.test_options import codes, flake8

BAD = "from typing import Optional\n\n\ndef f(x: Optional[int]) -> None:\n    pass\n"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8_familystd", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_version_lists_the_plugin(tmp_path: Path) -> None:
    from flake8_familystd import __version__

    result = flake8(tmp_path, "--version")
    assert f"flake8-familystd: {__version__}" in result.stdout.replace("\n", " ")


def test_stdin_with_display_name(tmp_path: Path) -> None:
    result = flake8(tmp_path, "-", "--stdin-display-name", "pkg/mod.py", stdin=BAD)
    assert result.stdout.startswith("pkg/mod.py:4:10: FAM101 ")


def test_stdin_without_display_name(tmp_path: Path) -> None:
    result = flake8(tmp_path, "-", stdin=BAD)
    assert codes(result) == ["FAM101"]


def test_vscode_format(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(BAD)
    fmt = "--format=%(row)d,%(col)d,%(code).1s,%(code)s:%(text)s"
    line = flake8(tmp_path, fmt, str(path)).stdout.splitlines()[0]
    assert re.fullmatch(r"(\d+),(-?\d+),(\w+),(\w+\d+):[^\r\n]*", line)
    assert line.startswith("4,10,F,FAM101:use ")


def test_default_format_matches_editor_parsers(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(BAD)
    for line in flake8(tmp_path, "m.py").stdout.splitlines():
        assert re.fullmatch(r"(.*):(\d*):(\d*): (\w*) (.*)", line)
        assert re.fullmatch(r"[^:]+:(\d+):?(\d+)?: ([A-Za-z0-9]+) (.*)", line)


def test_jobs_give_identical_output(tmp_path: Path) -> None:
    fixtures = str(ROOT / "fixtures")
    one = flake8(tmp_path, "--isolated", "--select=FAM", "-j1", fixtures).stdout
    two = flake8(tmp_path, "--isolated", "--select=FAM", "-j2", fixtures).stdout
    assert one == two
    assert one.count("FAM1") > 50


def test_rules_command_json() -> None:
    payload = json.loads(cli("rules", "--format", "json").stdout)
    assert [rule["code"] for rule in payload] == list(RULES)
    assert {rule["default"] for rule in payload} == {"on", "opt-in"}


def test_rules_command_table_and_markdown() -> None:
    table = cli("rules").stdout.splitlines()
    assert len(table) == len(RULES)
    assert table[0].startswith("FAM101  non-pep604-union")
    assert cli("rules", "--format", "markdown").stdout.startswith("| Code | Name |")


def test_explain_command() -> None:
    result = cli("explain", "fam104")
    assert result.returncode == 0
    assert result.stdout.startswith("# FAM104 non-pep695-type-parameter")
    assert "## Why is this bad?" in result.stdout
    assert cli("explain", "non-pep604-union").stdout.startswith("# FAM101")
    missing = cli("explain", "FAM999")
    assert missing.returncode == 2
    assert "unknown rule" in missing.stderr


def test_docs_check_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flake8_familystd", "docs", "--check", "--root", str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_examples_show_diagnostics() -> None:
    result = flake8(ROOT, "--select=FAM", "examples/")
    assert len(codes(result)) >= 10
