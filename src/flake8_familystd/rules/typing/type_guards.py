"""FAM112: `TypeGuard` -> `TypeIs` where the guard is a plain `isinstance` check."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing.family import FAMILY, is_docstring, modernising_blocked
from flake8_familystd.scope import BindingKind

FAM112 = FAMILY.rule(
    "FAM112",
    "prefer-type-is",
    "return `TypeIs[{narrowed}]` instead of `TypeGuard[{narrowed}]`",
    """
    ## What it does
    Reports functions annotated `-> TypeGuard[X]` whose body is just
    `return isinstance(arg, X)`.

    ## Why is this bad?
    003 lists "`typing.TypeIs` for type narrowing" among the Python 3.13 practices. `TypeIs`
    also narrows the negative branch (`else:` knows the value is not `X`), which is what an
    `isinstance` check means.

    ## Example
    ```python
    def is_user(o: object) -> TypeGuard[User]:
        return isinstance(o, User)
    ```

    Use instead:
    ```python
    def is_user(o: object) -> TypeIs[User]:
        return isinstance(o, User)
    ```

    ## Known limitations
    - Only the single-`isinstance` body is reported: for other guards the semantics differ
      (`TypeGuard[list[str]]` from a `list[object]` cannot become `TypeIs`).
    - Needs target 3.13, or `typing_extensions` imported by the module (`TypeIs` is in
      `typing_extensions` 4.10 and later: check the project's lower bound).

    ## References
    - [PEP 742](https://peps.python.org/pep-0742/)
    """,
    default_enabled=False,
)


@FAMILY.on(ast.FunctionDef, FAM112)
@FAMILY.on(ast.AsyncFunctionDef, FAM112)
def type_guard(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    returns = node.returns
    if not isinstance(returns, ast.Subscript) or modernising_blocked(ctx):
        return
    if ctx.qualified_name(returns.value) != "typing.TypeGuard":
        return
    if ctx.target < (3, 13) and not _imports_typing_extensions(ctx):
        return
    body = [stmt for stmt in node.body if not is_docstring(stmt)]
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return
    check = body[0].value
    if not isinstance(check, ast.Call) or ctx.qualified_name(check.func) != "builtins.isinstance":
        return
    if len(check.args) != 2 or not isinstance(check.args[0], ast.Name):
        return
    params = {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}
    if check.args[0].id not in params:
        return
    if _members(check.args[1]) == _members(returns.slice):
        text = ctx.source_segment(returns.slice)
        ctx.report(FAM112, node, narrowed=text)


def _members(node: ast.expr) -> frozenset[str]:
    if isinstance(node, ast.Tuple):
        return frozenset(ast.unparse(elt) for elt in node.elts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _members(node.left) | _members(node.right)
    return frozenset({ast.unparse(node)})


def _imports_typing_extensions(ctx: Context) -> bool:
    return any(
        binding.kind is BindingKind.IMPORT
        and (binding.qualname or "").startswith("typing_extensions")
        for binding in ctx.scope.module().bindings.values()
    )
