"""The concurrency family beyond its fixtures: async context, messages, defaults."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Final

import pytest

from flake8_familystd.rules import RULES
from tests.harness import FIXTURES, fixture_args, parse_fixture, run_fixture

KNOWN: Final = frozenset(RULES)
FAMILY_CODES: Final = sorted(code for code, rule in RULES.items() if rule.family == "concurrency")
# Codes that only exist because the code runs on the event loop (FAM205 / FAM206 / FAM210
# are about tasks, `gather` and thread state wherever they are written).
ASYNC_DEPENDENT: Final = frozenset(
    {"FAM201", "FAM202", "FAM203", "FAM204", "FAM207", "FAM208", "FAM209", "FAM211", "FAM212"}
)
BAD: Final = sorted((FIXTURES / "concurrency").glob("*_bad*.py"))


SYNC_TWINS: Final[dict[type[ast.AST], type[ast.AST]]] = {
    ast.AsyncFunctionDef: ast.FunctionDef,
    ast.AsyncFor: ast.For,
    ast.AsyncWith: ast.With,
}


class Desync(ast.NodeTransformer):
    """`async def` -> `def`, `await x` -> `x`, `async for/with` -> `for/with`."""

    def desync(self, node: ast.AST) -> ast.AST:
        """The sync twin of an async node: same fields, sync class."""
        self.generic_visit(node)
        sync = SYNC_TWINS[type(node)](**{name: getattr(node, name) for name in node._fields})
        return ast.copy_location(sync, node)

    visit_AsyncFunctionDef = visit_AsyncFor = visit_AsyncWith = desync

    def visit_Await(self, node: ast.Await) -> ast.AST:
        self.generic_visit(node)
        return node.value

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        self.generic_visit(node)
        node.is_async = 0
        return node


def desynced(path: Path) -> str:
    tree = Desync().visit(ast.parse(path.read_text(encoding="utf-8")))
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_sync_twin_of_each_bad_fixture_loses_async_codes(path: Path) -> None:
    fixture = parse_fixture(path, KNOWN)
    selected = fixture.rules or FAMILY_CODES
    args = [a for a in fixture_args(fixture, FAMILY_CODES) if not a.startswith("--select=")]
    args.append(f"--select={','.join(selected)}")
    before = {r.code for r in run_fixture(path, args)}
    after = {r.code for r in run_fixture(path, args, desynced(path))}
    own = path.stem.split("_", 1)[0]
    if own in ASYNC_DEPENDENT:
        assert own in before, f"{path.name}: the original reports no {own}"
    assert not after & ASYNC_DEPENDENT, f"{path.name}: still reports {after & ASYNC_DEPENDENT}"


def _messages(tmp_path: Path, source: str, *args: str) -> list[str]:
    path = tmp_path / "concurrency" / "module.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(source, encoding="utf-8")
    reports = run_fixture(path, [f"--select={','.join(FAMILY_CODES)}", *args])
    return [f"{r.code} {r.text}" for r in reports]


def test_asyncio_messages_never_suggest_trio(tmp_path: Path) -> None:
    source = (
        "import asyncio, subprocess\nfrom pathlib import Path\n\n"
        "async def f(p: Path) -> None:\n"
        "    subprocess.run(['ls'])\n    p.read_text()\n    input()\n"
    )
    messages = _messages(tmp_path, source)
    assert len(messages) == 3, messages
    assert not any("trio" in m for m in messages), messages
    assert "asyncio.create_subprocess_exec" in messages[0]
    assert "aiofiles" in messages[1]
    assert "asyncio.to_thread" in messages[2]


def test_trio_module_gets_trio_advice(tmp_path: Path) -> None:
    source = "import subprocess\nimport trio\n\nasync def f() -> None:\n    subprocess.run([])\n"
    (message,) = _messages(tmp_path, source)
    assert "trio.run_process" in message


def test_dangling_task_hint_follows_target(tmp_path: Path) -> None:
    source = "import asyncio\n\nasync def f() -> None:\n    asyncio.create_task(g())\n"
    (new,) = _messages(tmp_path, source, "--familystd-target-version=3.11")
    (old,) = _messages(tmp_path, source, "--familystd-target-version=3.10")
    assert "TaskGroup" in new
    assert "TaskGroup" not in old


def test_test_files_are_quiet_for_blocking_and_sleeps(tmp_path: Path) -> None:
    path = tmp_path / "tests" / "test_module.py"
    path.parent.mkdir()
    path.write_text(
        "import asyncio, time\n\nasync def test_x() -> None:\n"
        "    time.sleep(1)\n    open('x')\n    await asyncio.sleep(1)\n",
        encoding="utf-8",
    )
    assert run_fixture(path, [f"--select={','.join(FAMILY_CODES)}"]) == []


def test_defaults_match_the_spec() -> None:
    opt_in = {code for code in FAMILY_CODES if not RULES[code].default_enabled}
    assert opt_in == {"FAM206", "FAM209", "FAM212"}
