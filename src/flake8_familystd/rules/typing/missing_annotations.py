"""FAM106: parameters and return types without annotations."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.assignments import in_type_checking_branch
from flake8_familystd.rules.typing.family import FAMILY
from flake8_familystd.scope import BindingKind, ScopeKind

FAM106 = FAMILY.rule(
    "FAM106",
    "missing-annotation",
    "add annotations for {missing}",
    """
    ## What it does
    Reports functions and methods whose parameters or return type are not annotated, once
    per function, on the `def` line, naming what is missing. `self` and `cls` (the first
    parameter of a method that is not a `@staticmethod`) are exempt.

    ## Why is this bad?
    "Annotate all function parameters, return types" (001); "MUST use type hints for: All
    function signatures" (003); "`mypy --strict` must pass" (000, 004). Unannotated
    functions are not type checked at all.

    ## Example
    ```python
    def handler(event, retries=3): ...
    ```

    Use instead:
    ```python
    def handler(event: Event, retries: int = 3) -> None: ...
    ```

    ## Known limitations
    - Skipped in test files (`--familystd-test-paths`): 003 exempts tests from
      annotation rules, and pytest fixtures make test signatures noise.
    - The implementation of an `@overload`ed function is not reported (its overloads carry
      the types), nor are functions decorated with `@typing.no_type_check`.
    - Lambdas are never reported, nor are functions under `if TYPE_CHECKING:` / its `else:`
      branch, nor lines that already say `# type: ignore[no-untyped-def]`.

    ## References
    - ruff `ANN001`-`ANN206`; mypy `disallow_untyped_defs`
    """,
    skip_in_tests=True,
    options=("--familystd-test-paths",),
)


@FAMILY.on(ast.FunctionDef, FAM106)
@FAMILY.on(ast.AsyncFunctionDef, FAM106)
def missing_annotations(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    missing = _unannotated(ctx, node)
    if not missing and node.returns is not None:
        return  # the common case in a typed code base: nothing to look up
    if in_type_checking_branch(ctx) or _mypy_ignored(ctx, node):
        return
    if node.decorator_list and "typing.no_type_check" in ctx.decorators(node):
        return
    if _is_overload_implementation(ctx, node):
        return
    parts = []
    if missing:
        noun = "parameter" if len(missing) == 1 else "parameters"
        parts.append(f"{noun} {', '.join(missing)}")
    if node.returns is None:
        init = node.name == "__init__"
        parts.append("the return type (`-> None`)" if init else "the return type")
    ctx.report(FAM106, node, missing=" and ".join(parts))


def _unannotated(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """The parameters without annotations, as the message names them (`x`, `*args`), but
    for the `self`/`cls` of a method that is not a `@staticmethod`."""
    args = node.args
    positional = args.posonlyargs + args.args if args.posonlyargs else args.args
    missing = []
    for arg in positional:
        if arg.annotation is None:
            missing.append(f"`{arg.arg}`")
    if (
        missing
        and positional[0].annotation is None
        and ctx.where.scope.kind is ScopeKind.CLASS
        and not (node.decorator_list and "builtins.staticmethod" in ctx.decorators(node))
    ):
        del missing[0]  # `self` or `cls`
    for arg in args.kwonlyargs:
        if arg.annotation is None:
            missing.append(f"`{arg.arg}`")
    if args.vararg is not None and args.vararg.annotation is None:
        missing.append(f"`*{args.vararg.arg}`")
    if args.kwarg is not None and args.kwarg.annotation is None:
        missing.append(f"`**{args.kwarg.arg}`")
    return missing


def _is_overload_implementation(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    previous = ctx.where.scope.bindings.get(node.name)
    if previous is None or previous.kind is not BindingKind.FUNCTION:
        return False
    earlier = previous.node
    if not isinstance(earlier, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    return "typing.overload" in ctx.decorators(earlier)


def _mypy_ignored(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`def f(x):  # type: ignore[no-untyped-def]` is a decision already taken."""
    line = ctx.lines[node.lineno - 1] if 0 < node.lineno <= len(ctx.lines) else ""
    return "no-untyped-def" in line
