"""Options through flake8's real option manager: CLI, config files, selection, bad values."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = "from typing import Any, Optional\n\n\ndef f(x: Optional[int]) -> None:\n    y: Any = x\n"
MODULE = "page_size = 20\n"


def flake8(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        input=stdin,
        check=False,
    )


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(line.split()[1] for line in result.stdout.splitlines() if " FAM" in line)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mod.py").write_text(SOURCE)
    (tmp_path / "consts.py").write_text(MODULE)
    return tmp_path


@pytest.mark.parametrize(
    ("flag", "value", "accepted"),
    [
        ("--familystd-target-version", "3.99", "3.13"),
        ("--familystd-target-version", "python3", "auto"),
        ("--familystd-any-policy", "sometimes", "forbid, signatures, allow"),
        ("--familystd-future-annotations", "always", "require, forbid"),
        ("--familystd-relative-imports", "sometimes", "never, siblings, any"),
    ],
)
@pytest.mark.parametrize("where", ["cli", "config"])
def test_bad_value_is_one_clear_error(
    project: Path, flag: str, value: str, accepted: str, where: str
) -> None:
    if where == "cli":
        result = flake8(project, f"{flag}={value}", "mod.py")
    else:
        (project / ".flake8").write_text(f"[flake8]\n{flag.lstrip('-')} = {value}\n")
        result = flake8(project, "mod.py")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    error_lines = [line for line in output.splitlines() if flag in line]
    assert len(error_lines) == 1, output
    assert value in error_lines[0]
    assert accepted in error_lines[0]


def test_config_file_values_are_read(project: Path) -> None:
    assert codes(flake8(project, "--select=FAM109", "mod.py")) == []
    (project / "setup.cfg").write_text("[flake8]\nfamilystd-any-policy = forbid\n")
    assert codes(flake8(project, "--select=FAM109", "mod.py")) == ["FAM109"]


def test_target_version_option_gates_rules(project: Path) -> None:
    def found(target: str) -> list[str]:
        option = f"--familystd-target-version={target}"
        return codes(flake8(project, "--select=FAM101", option, "mod.py"))

    assert found("3.9") == []
    assert found("3.10") == ["FAM101"]


def test_target_version_from_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.9"\n')
    assert codes(flake8(project, "--select=FAM101", "mod.py")) == []
    (project / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.11"\n')
    assert codes(flake8(project, "--select=FAM101", "mod.py")) == ["FAM101"]


def test_opt_in_rules_need_selecting(project: Path) -> None:
    assert "FAM108" not in codes(flake8(project, "consts.py"))
    assert "FAM108" in codes(flake8(project, "--extend-select=FAM108", "consts.py"))
    assert "FAM108" in codes(flake8(project, "--select=FAM", "consts.py"))
    (project / ".flake8").write_text("[flake8]\nextend-select = FAM108\n")
    assert "FAM108" in codes(flake8(project, "consts.py"))


def test_ignore_by_family_prefix(project: Path) -> None:
    assert codes(flake8(project, "mod.py")) == ["FAM101"]
    assert codes(flake8(project, "--extend-ignore=FAM1", "mod.py")) == []
    assert codes(flake8(project, "--extend-ignore=FAM10", "mod.py")) == []


def test_per_file_ignores(project: Path) -> None:
    result = flake8(project, "--per-file-ignores=mod.py:FAM101", "mod.py")
    assert codes(result) == []


def test_test_paths_option(tmp_path: Path) -> None:
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "x.py").write_text("def f(a):\n    return a\n")
    assert codes(flake8(tmp_path, "checks/x.py")) == ["FAM106"]
    assert codes(flake8(tmp_path, "--familystd-test-paths=checks/**", "checks/x.py")) == []


@pytest.mark.parametrize(
    ("init", "expected"),
    [
        ('from .models import *\n\n__all__ = ["User"]\n', []),
        ("from .models import *\n", ["FAM913"]),
    ],
)
def test_wildcard_reexports_in_init_with_all(
    tmp_path: Path, init: str, expected: list[str]
) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text(init)
    assert codes(flake8(tmp_path, "--select=FAM913", "pkg/__init__.py")) == expected


def test_relative_import_policy_from_config(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("from . import views\n")
    assert codes(flake8(tmp_path, "--select=FAM912", "m.py")) == []
    (tmp_path / "tox.ini").write_text("[flake8]\nfamilystd-relative-imports = never\n")
    assert codes(flake8(tmp_path, "--select=FAM912", "m.py")) == ["FAM912"]
