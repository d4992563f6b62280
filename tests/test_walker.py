"""The single pass: every node exactly once, with the right shared context."""

from __future__ import annotations

import ast
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from flake8_familystd.context import Context
from flake8_familystd.registry import Family
from tests.probes import PROBE_RULE, probe_calls, walk_with

SAMPLE = textwrap.dedent(
    """
    import os
    from typing import TYPE_CHECKING
    if TYPE_CHECKING:
        from x import Y
    class C(Base, metaclass=M):
        a: int = 1
        def m(self, x: int = 3, *args: str, **kw: bytes) -> None:
            lambda q, *r: q + 1
            [i for i in range(3) if i]
            {k: v for k, v in {}.items()}
            async def inner():
                async with a as b:
                    async for c in d:
                        await c
            try:
                pass
            except (ValueError, TypeError) as exc:
                raise
            finally:
                del os
    match command:
        case [x, *rest]:
            pass
        case {"k": v, **others}:
            pass
        case Point(x=0) | None:
            pass
    x = f"{a!r:>{width}}"
    """
)
SOURCES = [SAMPLE, Path(ast.__file__).read_text(encoding="utf-8")]
if sys.version_info >= (3, 12):
    SOURCES.append(
        "type A[T] = list[T]\ndef f[T: int, *Ts, **P](x: T) -> T: ...\nclass K[T]: ...\n"
    )
if sys.version_info >= (3, 11):
    SOURCES.append("try:\n    pass\nexcept* ValueError as e:\n    pass\n")

SKIPPED = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)


def _all_node_types() -> list[type[ast.AST]]:
    """Every node type of the `ast` module (not the walker's private stack markers)."""
    found: list[type[ast.AST]] = []
    pending: list[type[ast.AST]] = [ast.AST]
    while pending:
        cls = pending.pop()
        if cls.__module__ == "ast":
            found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


@pytest.mark.parametrize("source", SOURCES, ids=range(len(SOURCES)))
def test_each_node_dispatched_exactly_once(source: str) -> None:
    seen: Counter[int] = Counter()

    def register(family: Family) -> None:
        def count(ctx: Context, node: ast.AST) -> None:
            seen[id(node)] += 1

        for node_type in _all_node_types():
            family.on(node_type, PROBE_RULE)(count)

    tree = ast.parse(source)
    expected = {id(n) for n in ast.walk(tree) if not isinstance(n, SKIPPED)}
    # the walker parses again: compare by structure, via a fresh walk of its own tree
    ctx = walk_with(source, register)
    walked = {id(n) for n in ast.walk(ctx.where.scope.module().node)
              if not isinstance(n, SKIPPED)}  # fmt: skip
    assert len(walked) == len(expected)
    assert set(seen) == walked
    assert max(seen.values()) == 1


def test_values_that_are_not_nodes_are_walked_past() -> None:
    """`MatchSingleton.value` and `TypeIgnore.lineno` hold plain values, not nodes."""
    source = "match x:\n    case True:\n        pass\nx = 1  # type: ignore[misc]\n"
    seen: Counter[type[ast.AST]] = Counter()

    def register(family: Family) -> None:
        def count(ctx: Context, node: ast.AST) -> None:
            seen[type(node)] += 1

        for node_type in _all_node_types():
            family.on(node_type, PROBE_RULE)(count)

    walk_with(source, register, tree=ast.parse(source, type_comments=True))
    assert seen[ast.MatchSingleton] == 1
    assert seen[ast.TypeIgnore] == 1


def test_a_gate_opened_inside_a_scope_still_runs_its_exit_handlers() -> None:
    """Exit markers are kept for the scope types a closed family has exit handlers for: an
    import inside the scope may open its gate."""
    left: list[str] = []

    def register(family: Family) -> None:
        def leave(ctx: Context, node: ast.FunctionDef | ast.ClassDef) -> None:
            left.append(node.name)

        family.gate = ("gated",)
        family.on_exit(ast.FunctionDef, PROBE_RULE)(leave)
        family.on_exit(ast.ClassDef, PROBE_RULE)(leave)

    source = "def f():\n    import gated\nclass C:\n    from gated import x\ndef g(): ...\n"
    walk_with(source, register)
    assert left == ["C", "f", "g"]  # class bodies are walked before function bodies
    left.clear()
    walk_with("def f(): ...\nclass C: ...\n", register)
    assert left == []  # never opened


FLAGS = textwrap.dedent(
    """
    import sys
    import typing
    from typing import TYPE_CHECKING
    probe("module")
    if TYPE_CHECKING:
        probe("type-checking")
    else:
        probe("runtime")
    if typing.TYPE_CHECKING:
        probe("type-checking")
    if sys.version_info >= (3, 11):
        probe("compat")
    else:
        probe("compat")
    try:
        import tomllib
        probe("compat")
    except ImportError:
        probe("compat")
    try:
        probe("plain-try")
    except ValueError:
        probe("in-except")
    x: probe("annotation") = 1
    def f(a: probe("annotation")) -> probe("annotation"):
        probe("function")
    def k(
        p: probe("annotation") = probe("default"),
        /,
        *args: probe("annotation"),
        b: probe("annotation") = probe("default"),
        c=probe("default"),
        **kw: probe("annotation"),
    ) -> None:
        lambda x=probe("function"): probe("function")
    import os.path as probe_alias
    from os import path as probe_alias
    async def g():
        probe("async")
        def h():
            probe("sync-in-async")
        [probe("async") for _ in ()]
    class C:
        probe("class")
        def m(self):
            probe("method")
    """
)


def _flags(ctx: Context, call: ast.Call) -> object:
    where = ctx.where
    if where.in_annotation:
        return "annotation"
    if where.in_type_checking:
        return "type-checking"
    if where.in_compat:
        return "compat"
    if where.handler is not None:
        return "in-except"
    if where.class_ is not None:
        return "class"
    if where.function is not None:
        if ctx.in_async_function:
            return "async"
        name = getattr(where.function, "name", "")
        return {"h": "sync-in-async", "m": "method"}.get(name, "function")
    first = call.args[0]
    return first.value if isinstance(first, ast.Constant) else None


@pytest.mark.parametrize(
    "also", [(), (ast.arg, ast.alias)], ids=["shortcuts", "parameters-and-aliases-handled"]
)
def test_where_flags(also: tuple[type[ast.AST], ...]) -> None:
    found = probe_calls(FLAGS, _flags, also=also)
    expected = [
        call.args[0].value
        for call in ast.walk(ast.parse(FLAGS))
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "probe"
        and isinstance(call.args[0], ast.Constant)
    ]  # fmt: skip
    assert sorted(map(str, found)) == sorted(map(str, expected))


def test_deep_nesting_is_not_a_recursion_error() -> None:
    source = "x = " + " + ".join(["a"] * 1000) + "\ny = " + "-" * 1000 + "1\n"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)  # CPython itself recurses while building the tree
    try:
        tree = ast.parse(source)
    finally:
        sys.setrecursionlimit(limit)
    seen: list[int] = []

    def register(family: Family) -> None:
        family.on(ast.Name, PROBE_RULE)(lambda ctx, node: seen.append(ctx.target[0]))

    walk_with(source, register, tree=tree)  # at the normal recursion limit
    assert len(seen) == 1002


@pytest.mark.parametrize(
    "source",
    [
        "flag = flag or other\nif flag:\n    pass\n",
        "a = b\nb = a\nif a:\n    pass\n",
        "if not not not TYPE_CHECKING:\n    pass\n",
        "x = (1 if TYPE_CHECKING else 2)\nif TYPE_CHECKING and x or y:\n    pass\n",
    ],
)
def test_branch_tests_never_loop(source: str) -> None:
    walk_with(source, lambda family: None)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('probe(x % (a, "\\\\n"))', 'x % (a, "\\\\n")'),
        ('probe("é" + ünï)', '"é" + ünï'),
        ("probe(x +\n      y)", "x +\n      y"),
        ("probe(f'''{a}\n''')", "f'''{a}\n'''"),
    ],
)  # fmt: skip
def test_written_is_the_source_text(source: str, expected: str) -> None:
    assert probe_calls(source, lambda ctx, call: ctx.written(call.args[0])) == [expected]


def _resolved_uses(source: str, *targets: str) -> list[tuple[int, str]]:
    """(line, qualified name) of every use the walker hands to name handlers of `targets`."""
    seen: list[tuple[int, str]] = []

    def register(family: Family) -> None:
        def on_use(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
            seen.append((node.lineno, qualname))

        for target in targets:
            family.on_name(target, PROBE_RULE)(on_use)

    walk_with(textwrap.dedent(source), register)
    return seen


@pytest.mark.parametrize(
    ("source", "targets", "expected"),
    [
        # uses deep in expressions, next to names nothing acts on
        ("import os\nf(a, b, os.path.join(c, d))\n", ("os",), [(2, "os.path.join")]),
        ("import os\nx = [y := 1, y, os.sep]\n", ("os",), [(2, "os.sep")]),
        # a later import of the same name: uses before it are not the import
        ("f(os)\nimport os\ng(os)\n", ("os",), [(3, "os")]),
        # only the builtins a handler names are resolved
        ("open(p)\nlen(p)\n", ("builtins.open",), [(1, "builtins.open")]),
        ("open(p)\nlen(p)\n", ("builtins",), [(1, "builtins.open"), (2, "builtins.len")]),
        # a local shadows the builtin it is named after
        ("def f(open):\n    return open(1)\n", ("builtins.open",), []),
        # a star import makes every name that is not bound here a candidate
        ("from os.path import *\nf(join(a))\n", ("os",),
         [(2, "os.path.f"), (2, "os.path.join"), (2, "os.path.a")]),
    ],
)  # fmt: skip
def test_names_reach_their_handlers(
    source: str, targets: tuple[str, ...], expected: list[tuple[int, str]]
) -> None:
    assert _resolved_uses(source, *targets) == expected


ANNOTATION_STRINGS = textwrap.dedent(
    """
    x: "A" = "value"
    y: list["B"] = ["value"]
    def f(a: "C", b: dict[str, "D"] = "value", *c: "E", k: "F" = "value", **d: "G") -> "H":
        return "value"
    f("value", key="value")
    class K("value"):
        z: "I"
        lambda v="value": "value"
    """
)


@pytest.mark.parametrize("also", [(), (ast.Constant,)], ids=["strings-only", "every-constant"])
def test_annotation_strings_reach_their_handlers(also: tuple[type[ast.AST], ...]) -> None:
    seen: list[object] = []

    def register(family: Family) -> None:
        @family.on_annotation_string(PROBE_RULE)
        def on_string(ctx: Context, node: ast.Constant) -> None:
            assert ctx.node is node and ctx.where.in_annotation
            seen.append(node.value)

        for node_type in also:
            family.on(node_type, PROBE_RULE)(lambda ctx, node: None)

    walk_with(ANNOTATION_STRINGS, register)
    assert sorted(map(str, seen)) == list("ABCDEFGHI")
