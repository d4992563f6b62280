"""FAM306: `assert` as a runtime check in production code."""

from __future__ import annotations

import ast
import functools
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
    parameter of a public function (`assert amount > 0`), and an `assert` at module or
    class level that checks the environment or configuration at import
    (`assert os.environ["MODE"]`, `assert settings.SECRET_KEY`).

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
      `assert len(rows) == len(objs)`) checks the code, not its input; so is one that
      relates a parameter to the object's state or to the function's own variables
      (`assert key not in self.node_map`, `assert rawdata[i:i + 2] == "<!"`,
      `assert table is self.parent`, `assert mapper is mapper.base_mapper`), reads the
      state of an object passed in (`assert task.email`, `assert ctx._num_cols == 0`;
      calling a method such as `prefix.startswith("/")` is still a check of a value) or
      looks for a private key (`assert "_enums" in kw`).
    - Parameters of private code are not input: a function or class whose name starts
      with `_` (a dunder such as `__init__` is public, unless its class is private), or a
      module whose file name or package does (`_parser.py`, `_internal/strings.py`).
    - At module or class level only checks of `os.environ`, `os.getenv`, `sys.argv` or a
      name containing `settings` / `conf` are reported (`assert DI4Y == 4 * 365 + 1` is
      not), and nothing under `if __name__ == "__main__":`.
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
SCOPE_DEFS: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
IDENTITY_OPS: Final = frozenset({ast.Is, ast.IsNot})
ENVIRONMENT_READS: Final = frozenset({"os.environ", "os.getenv", "sys.argv", "os.environb"})
NARROWING_CALLS: Final = frozenset(
    {"builtins.isinstance", "builtins.issubclass", "builtins.callable"}
)


@FAMILY.on(ast.Assert, FAM306)
def assert_statement(ctx: Context, node: ast.Assert) -> None:
    if ctx.where.in_type_checking or ctx.is_stub or _narrowing(ctx, node.test):
        return
    if _test_support(ctx.filename) or _import_check(ctx, node.test):
        return
    if _under_main_guard(ctx):
        return
    if ctx.where.function is None:
        if _reads_configuration(ctx, node.test):
            ctx.report(FAM306, node)
    elif _checks_input(ctx, node.test):
        ctx.report(FAM306, node)


def _checks_input(ctx: Context, test: ast.expr) -> bool:
    """A public function's parameter checked on its own, not against the object's state."""
    return not _reads_own_state(ctx, test) and _checks_parameter(ctx, test) and not _private(ctx)


def _private(ctx: Context) -> bool:
    """In a private module, class or function: its parameters come from the library itself."""
    if _private_module(ctx.filename):
        return True
    return any(
        isinstance(parent, SCOPE_DEFS) and _private_name(parent.name) for parent in ctx.ancestors()
    )


@functools.lru_cache(maxsize=256)
def _private_module(filename: str) -> bool:
    """`_parser.py`, or a module of a private package (`hypothesis/_internal/`)."""
    parts = filename.replace("\\", "/").removesuffix(".py").split("/")
    return any(_private_name(part) for part in parts[1:])


def _private_name(name: str) -> bool:
    """`_helper`, `_Impl`, `_pydecimal` (dunders such as `__init__` are public)."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _under_main_guard(ctx: Context) -> bool:
    """Inside `if __name__ == "__main__":` (a script's own checks)."""
    return any(type(up) is ast.If and _is_main_test(up.test) for up in ctx.ancestors())


def _is_main_test(test: ast.expr) -> bool:
    if type(test) is not ast.Compare or len(test.comparators) != 1:
        return False
    sides = (test.left, test.comparators[0])
    names = {side.id for side in sides if type(side) is ast.Name}
    values = {side.value for side in sides if type(side) is ast.Constant}
    return names == {"__name__"} and values == {"__main__"}


def _reads_configuration(ctx: Context, test: ast.expr) -> bool:
    """A module- or class-level check of the environment or settings (`os.environ`)."""
    for child in ast.walk(test):
        if type(child) is ast.Name:
            name = child.id
        elif type(child) is ast.Attribute:
            name = child.attr
        else:
            continue
        lowered = name.lower()
        if "settings" in lowered or "conf" in lowered:
            return True
        if ctx.qualified_name(child) in ENVIRONMENT_READS:
            return True
    return False


def _reads_own_state(ctx: Context, test: ast.expr) -> bool:
    """Relates objects the code holds: `self.x`, `task.email`, `a is b.base`, `"_key" in kw`."""
    nodes = list(ast.walk(test))
    called = {id(node.func) for node in nodes if type(node) is ast.Call}
    for child in nodes:
        if type(child) is ast.Name and (child.id in SELF_NAMES or _local(ctx, child.id)):
            return True  # compared with the object's or the function's own data
        if type(child) is ast.Attribute and id(child) not in called:
            if _rooted_in_name(child) and ctx.qualified_name(child) is None:
                return True  # the state of an object passed in, not a value checked
        elif type(child) is ast.Compare and any(type(op) in IDENTITY_OPS for op in child.ops):
            sides = (child.left, *child.comparators)
            if any(type(side) is ast.Attribute for side in sides):
                return True
        elif type(child) is ast.Constant and _private_key(child.value):
            return True  # `assert "_enums" in kw`
    return False


def _local(ctx: Context, name: str) -> bool:
    """A variable the function assigned itself (`rawdata = self.rawdata`, a loop variable)."""
    binding = ctx.where.scope.bindings.get(name)
    return binding is not None and binding.kind is BindingKind.ASSIGNMENT


def _private_key(value: object) -> bool:
    return isinstance(value, str) and value[1:2].isalpha() and _private_name(value)


def _rooted_in_name(node: ast.Attribute) -> bool:
    value = node.value
    while type(value) is ast.Attribute:
        value = value.value
    return type(value) is ast.Name


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
