"""Shared facts every handler reads: where the current node is, and what names mean there."""

from __future__ import annotations

import ast
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from flake8_familystd.scope import Binding, Scope, qualified_name, raw_qualified_name

if TYPE_CHECKING:
    from flake8_familystd.registry import Rule
    from flake8_familystd.settings import FileSettings

LOG = logging.getLogger("flake8_familystd")

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
S = TypeVar("S")


class Where(NamedTuple):
    """The walk state of a node; shared by siblings, replaced only where something changes."""

    scope: Scope
    function: FunctionNode | None = None
    class_: ast.ClassDef | None = None
    in_annotation: bool = False
    in_type_checking: bool = False
    in_runtime_only: bool = False
    in_compat: bool = False
    handler: ast.ExceptHandler | None = None


def last_name(node: ast.AST) -> str | None:
    """The name written at the end of a `Name` / `Attribute` (`models.CharField`: `CharField`)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class Diagnostic(NamedTuple):
    line: int
    col: int
    code: str
    text: str


class Context:
    """One file's lint run as the handlers see it."""

    __slots__ = (
        "_scratch",
        "_seen",
        "active",
        "diagnostics",
        "filename",
        "future_annotations",
        "is_stub",
        "is_test_file",
        "lines",
        "name_watchers",
        "node",
        "parents",
        "settings",
        "target",
        "where",
    )

    def __init__(
        self,
        *,
        filename: str,
        lines: list[str],
        settings: FileSettings,
        active: frozenset[str],
        module_scope: Scope,
    ) -> None:
        self.filename = filename
        self.lines = lines
        self.settings = settings
        self.target = settings.target
        self.is_test_file = settings.is_test_file
        self.is_stub = filename.endswith(".pyi")
        self.active = active
        self.future_annotations = False
        self.parents: dict[ast.AST, ast.AST] = {}
        self.where = Where(module_scope)
        self.node: ast.AST = module_scope.node
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[tuple[int, int, str]] = set()
        self._scratch: dict[type[object], object] = {}
        self.name_watchers: dict[str, list[NameWatcher]] = {}

    # -- names -------------------------------------------------------------------------
    @property
    def scope(self) -> Scope:
        return self.where.scope

    def qualified_name(self, expr: ast.AST) -> str | None:
        """The imported thing `expr` names here (`typing_extensions` read as `typing`)."""
        return qualified_name(expr, self.where.scope)

    def raw_qualified_name(self, expr: ast.AST) -> str | None:
        """Like `qualified_name`, but keeps `typing_extensions` apart from `typing`."""
        return raw_qualified_name(expr, self.where.scope)

    def seen(self, module: str) -> bool:
        """Has the file imported `module` (a top-level name: `"pytz"`) so far, anywhere?"""
        return module in self.where.scope.module().modules

    def lookup(self, name: str) -> Binding | None:
        return self.where.scope.lookup(name)

    def decorators(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    ) -> list[str | None]:
        """Qualified names of a definition's decorators (`@app.get(...)` -> its callee)."""
        return [
            self.qualified_name(d.func if isinstance(d, ast.Call) else d)
            for d in node.decorator_list
        ]

    # -- position ----------------------------------------------------------------------
    @property
    def parent(self) -> ast.AST | None:
        return self.parents.get(self.node)

    def parent_of(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(node)

    def ancestors(self, node: ast.AST | None = None) -> Iterator[ast.AST]:
        """Parents of `node` (default: the current node), innermost first."""
        current = self.parents.get(self.node if node is None else node)
        while current is not None:
            yield current
            current = self.parents.get(current)

    @property
    def in_async_function(self) -> bool:
        """Is the current node in the body of an `async def` (not a nested def or lambda)?"""
        return isinstance(self.where.function, ast.AsyncFunctionDef)

    def watch_name(self, ident: str, on_use: NameWatcher) -> None:
        """Call `on_use(ctx, name)` for every later `Name` node spelled `ident`.

        Loads, stores and deletes alike, in any scope: the callback decides. Cheaper than a
        `Name` handler when a rule cares about a few names (one dict lookup per name).
        """
        watchers = self.name_watchers.setdefault(ident, [])
        if on_use not in watchers:
            watchers.append(on_use)

    def scratch(self, kind: type[S]) -> S:
        """Per-file state of one family (collect facts on the way, judge on exit)."""
        found = self._scratch.get(kind)
        if found is None:
            found = self._scratch[kind] = kind()
        # The dict is keyed by each value's own type, so `found` is a `kind` instance.
        return cast(S, found)

    def peek(self, kind: type[S]) -> S | None:
        """The family state `scratch` would return, or None if nothing made it yet."""
        # The dict is keyed by each value's own type, so the value is a `kind` instance.
        return cast("S | None", self._scratch.get(kind))

    # -- reporting ---------------------------------------------------------------------
    def report(  # noqa: FAM911 - the fields are the rule's own message template fields
        self, rule: Rule, node: ast.AST | None, **fields: object
    ) -> None:
        """Report `rule` on the first line of `node` (the module's line 1 if None)."""
        code = rule.code
        if code not in self.active:
            return
        line, col = self._position(node)
        key = (line, col, code)
        seen = self._seen
        if key in seen:
            return
        seen.add(key)
        self.diagnostics.append(Diagnostic(line, col, code, rule.render(fields)))

    def _position(self, node: ast.AST | None) -> tuple[int, int]:
        # (`None` has neither attribute: the module's line 1, column 0)
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        if not isinstance(line, int) or line < 1:
            line = 1
        lines = self.lines
        if lines and line > len(lines):
            line = len(lines)
        if not isinstance(col, int) or col < 0:
            col = 0
        if col and lines:
            text = lines[line - 1]
            if not text.isascii():
                col = len(text.encode("utf-8")[:col].decode("utf-8", errors="ignore"))
        return line, col

    def written(self, node: ast.AST) -> str:
        """The source text `node` was written as ("" when its position is unknown).

        Cheaper than `source_segment` (no unparsing) and exact: what the user typed, with
        its quotes, escapes and line breaks.
        """
        first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        start, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None:
            return ""
        lines = self.lines[first - 1 : last]
        if first < 1 or len(lines) != last - first + 1:
            return ""
        if len(lines) == 1:
            return _utf8_slice(lines[0], start, end)
        middle = "".join(lines[1:-1])
        return _utf8_slice(lines[0], start, None) + middle + _utf8_slice(lines[-1], 0, end)

    def source_segment(self, node: ast.AST) -> str:
        """The unparsed text of `node` (normalised, for messages)."""
        try:
            return ast.unparse(node)
        except RecursionError:
            return "..."


NameWatcher = Callable[[Context, ast.Name], None]


def _utf8_slice(line: str, start: int, end: int | None) -> str:
    """`line[start:end]` with the AST's UTF-8 byte offsets."""
    if line.isascii():
        return line[start:end]
    return line.encode("utf-8")[start:end].decode("utf-8", errors="replace")
