"""Option values, target-version discovery and test-path matching, as tables."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from flake8_familystd.settings import (
    DEFAULT_TEST_PATHS,
    OptionValueError,
    Settings,
    discover_target,
    is_test_path,
    lower_bound,
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (">=3.10", (3, 10)),
        (">=3.11,<4", (3, 11)),
        ("~=3.12", (3, 12)),
        ("==3.13.*", (3, 13)),
        (">= 3.9, != 3.9.1", (3, 9)),
        ("<4", None),
        ("", None),
        (">3.10", (3, 10)),
    ],
)
def test_lower_bound(spec: str, expected: tuple[int, int] | None) -> None:
    assert lower_bound(spec) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("tests/test_api.py", True),
        ("pkg/tests/helpers.py", True),
        ("/abs/project/tests/unit/x.py", True),
        ("/usr/lib/python3.12/test/pickletester.py", True),
        ("src/contest/x.py", False),
        ("src/latest/x.py", False),
        ("test_models.py", True),
        ("src/app/test_models.py", True),
        ("src/app/models_test.py", True),
        ("conftest.py", True),
        ("src/app/models.py", False),
        ("src/app/contest.py", False),
        ("stdin", False),
        ("", False),
    ],
)
def test_default_test_paths(path: str, expected: bool) -> None:
    assert is_test_path(path, DEFAULT_TEST_PATHS) is expected


def test_custom_test_paths() -> None:
    assert is_test_path("spec/models_spec.py", ("spec/**",))
    assert is_test_path("a/b/checks/x.py", ("**/checks/*.py",))
    assert not is_test_path("tests/x.py", ("spec/**",))


def test_target_from_nearest_pyproject(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    (project / "src" / "pkg").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.11"\n')
    assert discover_target(str(project / "src" / "pkg" / "mod.py")) == (3, 11)
    assert Settings().for_file(str(project / "src" / "pkg" / "mod.py")).target == (3, 11)
    assert Settings(target_version=(3, 9)).for_file(str(project / "x.py")).target == (3, 9)


def test_changed_project_file_is_seen_after_a_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long-lived flake8 (an editor's) sees a new `requires-python` within a second;
    within that second, files of the same directory take the cached target."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nrequires-python = ">=3.11"\n')
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    module = str(tmp_path / "pkg" / "m.py")
    assert discover_target(module) == (3, 11)
    pyproject.write_text('[project]\nrequires-python = ">=3.12, <4"\n')
    now[0] += 0.5
    assert discover_target(str(tmp_path / "pkg" / "other.py")) == (3, 11)
    now[0] += 1.0
    assert discover_target(module) == (3, 12)


def test_target_default_without_requires_python(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    assert discover_target(str(tmp_path / "m.py")) is None
    assert Settings().for_file(str(tmp_path / "m.py")).target == (3, 13)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"familystd_target_version": "3.99"}, "--familystd-target-version"),
        ({"familystd_any_policy": "never"}, "forbid, signatures, allow"),
        ({"familystd_future_annotations": "maybe"}, "require, forbid"),
    ],
)
def test_bad_values_name_option_and_accepted_values(values: dict[str, str], message: str) -> None:
    with pytest.raises(OptionValueError, match=message):
        Settings.from_values(dict(values))


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"setup.cfg": "[options]\npython_requires = >=3.9\n"}, (3, 9)),
        ({"pyproject.toml": "[build-system]\nrequires = []\n",
          "setup.cfg": "[options]\npython_requires = ~=3.7\n"}, (3, 7)),
        ({"pyproject.toml": '[project]\nrequires-python = ">=3.12"\n',
          "setup.cfg": "[options]\npython_requires = >=3.8\n"}, (3, 12)),
        ({"pyproject.toml": '[tool.black]\ntarget-version = ["py39", "py38"]\n'}, (3, 8)),
        ({"pyproject.toml": '[tool.ruff]\ntarget-version = "py311"\n'}, (3, 11)),
        ({"setup.cfg": "[metadata]\nname = x\n"}, None),
    ],
)  # fmt: skip
def test_target_from_project_files(
    tmp_path: Path, files: dict[str, str], expected: tuple[int, int] | None
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    if "tool" in "".join(files.values()) and sys.version_info < (3, 11):
        pytest.skip("tool tables are read with tomllib (3.11+)")
    assert discover_target(str(tmp_path / "pkg" / "m.py")) == expected
