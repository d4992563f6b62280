"""FAM306: `assert` as a runtime check in production code."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.scope import BindingKind

FAM306 = FAMILY.rule(
    "FAM306",
    "assert-in-production",
    "`assert` is removed under `python -O`; raise an exception (`ValueError`, "
    "`PermissionError`) for this check",
    """
    ## What it does
    Reports `assert` statements that validate input in production code: an `assert` on a
    parameter of the enclosing function (`assert amount > 0`), and any `assert` at module
    or class level (a configuration check run at import).

    ## Why is this bad?
    "Do not use `assert` for data validation or security checks that must run in
    production" (004, §6). `python -O` and `PYTHONOPTIMIZE` strip every `assert`: the check
    silently disappears, and a permission test becomes an open door.

    ## Example
    ```python
    def withdraw(acct: Account, amount: Decimal) -> None:
        assert amount > 0
    ```

    Use instead:
    ```python
    def withdraw(acct: Account, amount: Decimal) -> None:
        if amount <= 0:
            raise ValueError("amount must be positive")
    ```

    ## Known limitations
    - Test files (`--familystd-test-paths`) are skipped, and so are test-support modules:
      files under a `testing/` or `test/` package and `pytest_plugin.py`,
      `test_utils.py`, `testing.py`, where asserting is the point.
    - `assert some_module` (marking an import as used) is not reported.
    - Internal invariants are not reported: an `assert` inside a function that reads only
      the object's own state or local variables (`assert not self._waiter`,
      `assert len(rows) == len(objs)`) checks the code, not its input.
    - Type-narrowing asserts are not reported: `assert isinstance(x, T)`,
      `assert issubclass(c, T)`, `assert callable(f)`, `assert x is not None`,
      `assert x is None`, `assert type(x) is T`, and `and` / `or` combinations of them;
      nor `assert_never(...)` / `assert_type(...)` (calls, not statements), nor asserts
      under `if TYPE_CHECKING:`.
    - `assert False, "unreachable"` inside a function is an invariant and is not reported.

    ## References
    - ruff `S101`, bandit `B101`;
      [the assert statement](https://docs.python.org/3/reference/simple_stmts.html#assert)
    """,
    skip_in_tests=True,
)

TEST_SUPPORT_DIRS: Final = frozenset({"testing", "test", "tests", "testutils", "test_utils"})
TEST_SUPPORT_FILES: Final = frozenset(
    {"pytest_plugin.py", "test_utils.py", "testing.py", "conftest.py", "testutils.py"}
)
SELF_NAMES: Final = frozenset({"self", "cls", "mcs", "metacls"})
NARROWING_CALLS: Final = frozenset(
    {"builtins.isinstance", "builtins.issubclass", "builtins.callable"}
)


@FAMILY.on(ast.Assert, FAM306)
def assert_statement(ctx: Context, node: ast.Assert) -> None:
    if ctx.where.in_type_checking or ctx.is_stub or _narrowing(ctx, node.test):
        return
    if _test_support(ctx.filename) or _import_check(ctx, node.test):
        return
    if ctx.where.function is None or _checks_parameter(ctx, node.test):
        ctx.report(FAM306, node)


def _test_support(filename: str) -> bool:
    """A module of a testing package (`sqlalchemy/testing/`, `pytest_plugin.py`)."""
    parts = filename.replace("\\", "/").split("/")
    return bool(TEST_SUPPORT_DIRS.intersection(parts[:-1])) or parts[-1] in TEST_SUPPORT_FILES


def _import_check(ctx: Context, test: ast.expr) -> bool:
    """`assert email_validator`: marks an import as used, checks nothing at run time."""
    if type(test) is not ast.Name:
        return False
    binding = ctx.lookup(test.id)
    return binding is not None and binding.kind is BindingKind.IMPORT


def _checks_parameter(ctx: Context, test: ast.expr) -> bool:
    """Does the test read a parameter of the enclosing function (validating its input)?"""
    for child in ast.walk(test):
        if type(child) is ast.Name and child.id not in SELF_NAMES:
            binding = ctx.lookup(child.id)
            if binding is not None and binding.kind is BindingKind.PARAMETER:
                return True
    return False


def _narrowing(ctx: Context, test: ast.expr) -> bool:
    """A test a type checker narrows on and nothing else: isinstance, `is (not) None`."""
    if isinstance(test, ast.BoolOp):
        return all(_narrowing(ctx, value) for value in test.values)
    if isinstance(test, ast.Call):
        return ctx.qualified_name(test.func) in NARROWING_CALLS
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Call) and _narrowing(ctx, test.operand)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        right = test.comparators[0]
        left = test.left
        if not isinstance(test.ops[0], (ast.Is, ast.IsNot)):
            return False
        if isinstance(left, ast.Call) and ctx.qualified_name(left.func) == "builtins.type":
            return True  # assert type(url) is URL
        return isinstance(right, ast.Constant) and right.value is None
    return False
