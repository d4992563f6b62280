"""FAM306: `assert` as a runtime check in production code."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY

FAM306 = FAMILY.rule(
    "FAM306",
    "assert-in-production",
    "`assert` is removed under `python -O`; raise an exception (`ValueError`, "
    "`PermissionError`) for this check",
    """
    ## What it does
    Reports `assert` statements in production code, except those that only narrow a type
    for the type checker.

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
    - Test files (`--familystd-test-paths`) are skipped.
    - Type-narrowing asserts are not reported: `assert isinstance(x, T)`,
      `assert issubclass(c, T)`, `assert callable(f)`, `assert x is not None`,
      `assert x is None`, and `and` combinations of them; nor `assert_never(...)` /
      `assert_type(...)` (calls, not statements), nor asserts under `if TYPE_CHECKING:`.
    - `assert False` / `assert 0` (an unreachable marker) is reported: raise
      `AssertionError` or use `typing.assert_never`.

    ## References
    - ruff `S101`, bandit `B101`;
      [the assert statement](https://docs.python.org/3/reference/simple_stmts.html#assert)
    """,
    skip_in_tests=True,
)

NARROWING_CALLS: Final = frozenset({"builtins.isinstance", "builtins.issubclass", "builtins.callable"})


@FAMILY.on(ast.Assert, FAM306)
def assert_statement(ctx: Context, node: ast.Assert) -> None:
    if ctx.where.in_type_checking or ctx.is_stub or _narrowing(ctx, node.test):
        return
    ctx.report(FAM306, node)


def _narrowing(ctx: Context, test: ast.expr) -> bool:
    """A test a type checker narrows on and nothing else: isinstance, `is (not) None`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return all(_narrowing(ctx, value) for value in test.values)
    if isinstance(test, ast.Call):
        return ctx.qualified_name(test.func) in NARROWING_CALLS
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Call) and _narrowing(ctx, test.operand)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        right = test.comparators[0]
        return (
            isinstance(test.ops[0], (ast.Is, ast.IsNot))
            and isinstance(right, ast.Constant)
            and right.value is None
        )
    return False
