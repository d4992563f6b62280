"""Never crash, never lie about positions: generated programs, the stdlib, odd files."""

from __future__ import annotations

import ast
import gc
import sys
import sysconfig
import warnings
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import given

from bench.crawl import EVERYTHING, check_file, crawl
from flake8_familystd.plugin import lint
from tests.test_options import codes, flake8

STDLIB = Path(sysconfig.get_paths()["stdlib"])


@given(hypothesmith.from_grammar())
def test_generated_programs_never_crash(source: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    lines = source.splitlines(keepends=True)
    for diagnostic in lint(tree, "generated.py", lines, EVERYTHING, raise_errors=True):
        assert 1 <= diagnostic.line <= max(len(lines), 1)
        assert diagnostic.col >= 0


def test_stdlib_crawl_sample() -> None:
    checked, _, failures = crawl([STDLIB / "asyncio", STDLIB / "email", STDLIB / "typing.py",
                                  STDLIB / "dataclasses.py", STDLIB / "enum.py"])  # fmt: skip
    assert checked > 40
    assert failures == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.py", b""),
        ("comments.py", b"# only a comment\n# and another\n"),
        ("bom.py", b"\xef\xbb\xbffrom typing import Optional\n\n\nx: Optional[int] = None\n"),
        ("crlf.py", b"from typing import Optional\r\n\r\n\r\nx: Optional[int] = None\r\n"),
        ("latin1.py", b"# -*- coding: latin-1 -*-\nfrom typing import Optional\nx = '\xe9'\n"
                      b"y: Optional[int] = None\n"),
        ("formfeed.py", b"from typing import Optional\n\x0c\n\nx: Optional[int] = None\n"),
        ("tabs.py", b"from typing import Optional\nif True:\n\tx: Optional[int] = None\n"),
        ("typecomment.py", b"from typing import List\nx = []  # type: List[int]\n"),
        ("unicode.py", "from typing import Optional\n\u00e9t\u00e9: Optional[int] = None\n"
                       .encode()),
    ],
)  # fmt: skip
def test_unusual_files(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    _, failure = check_file(path)
    assert failure is None
    result = flake8(tmp_path, "--select=FAM,E999", name)
    assert "Traceback" not in result.stderr
    assert all(code.startswith("FAM") for code in codes(result))
    if b"Optional[int]" in content:
        assert "FAM101" in codes(result), result.stdout


def test_non_ascii_columns_are_characters(tmp_path: Path) -> None:
    source = "from typing import Optional\n\u00e9t\u00e9: Optional[int] = 1\n"
    (tmp_path / "m.py").write_text(source)
    line = flake8(tmp_path, "--select=FAM101", "m.py").stdout.strip()
    assert line.startswith("m.py:2:6: FAM101")  # UTF-8 byte offset 7, character offset 5


def test_syntax_error_gives_only_e999(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("from typing import Optional\ndef f(:\n")
    result = flake8(tmp_path, "--select=FAM,E999", "broken.py")
    assert [line.split()[1] for line in result.stdout.splitlines()] == ["E999"]


@pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax needs 3.12")
def test_new_syntax_through_flake8(tmp_path: Path) -> None:
    source = (
        "from typing import Optional\n\n\ntype Alias[T] = list[T]\n\n\n"
        "def first[T](xs: list[T]) -> Optional[T]:\n    return xs[0] if xs else None\n\n\n"
        "class Box[T: int = int]:\n    pass\n"
    )
    if sys.version_info < (3, 13):
        source = source.replace("[T: int = int]", "[T: int]")
    (tmp_path / "new.py").write_text(source)
    result = flake8(tmp_path, "--select=FAM1,E999", "--extend-ignore=FAM117", "new.py")
    assert codes(result) == ["FAM101"], result.stdout


def test_large_file(tmp_path: Path) -> None:
    body = "".join(f"def f{i}(x: int) -> int:\n    return x\n\n\n" for i in range(12_500))
    (tmp_path / "big.py").write_text(body)
    assert len(body.splitlines()) == 50_000
    result = flake8(tmp_path, "--select=FAM1", "big.py")
    assert codes(result) == ["FAM117"], result.stdout[:500] + result.stderr[:500]


def test_lint_leaves_no_reference_cycles() -> None:
    """What a lint builds is freed by reference counting when it returns: a cycle would keep
    the file's tree alive until the collector's next pass (and slow every pass down)."""
    path = Path(__file__).parents[1] / "examples" / "inventory"
    sources = [file.read_text(encoding="utf-8") for file in sorted(path.rglob("*.py"))]
    parsed = [(ast.parse(source), source.splitlines(keepends=True)) for source in sources]
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for tree, lines in parsed:
            lint(tree, "inventory/module.py", lines, EVERYTHING, raise_errors=True)
        gc.collect()
        garbage = [type(item).__name__ for item in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert garbage == []


FIXTURES_AND_EXAMPLES = sorted(
    [*(Path(__file__).parents[1] / "fixtures").rglob("*.py"),
     *(Path(__file__).parents[1] / "examples").rglob("*.py")]
)  # fmt: skip


def test_lint_never_changes_the_tree() -> None:
    """flake8 hands every plugin the same tree: ours reads it and leaves it as it was."""
    for path in FIXTURES_AND_EXAMPLES:
        source = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # fixtures of newer syntax, on an older Python
        before = ast.dump(tree, include_attributes=True)
        lint(tree, str(path), source.splitlines(keepends=True), EVERYTHING, raise_errors=True)
        assert ast.dump(tree, include_attributes=True) == before, path
