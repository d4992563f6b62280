"""FAM301: the builtins `eval()` / `exec()`."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.scope import BindingKind

FAM301 = FAMILY.rule(
    "FAM301",
    "eval-exec",
    "`{name}()` runs arbitrary code; parse the input instead (`ast.literal_eval`, `json.loads`)",
    """
    ## What it does
    Reports calls of the builtins `eval()` and `exec()` (also through `builtins.eval` or an
    alias of it).

    ## Why is this bad?
    "Never use `eval()`, `exec()`" (004, §6). Whatever reaches them runs with the
    program's privileges; a string that is safe today is one refactoring away from holding
    user input. Data is parsed, not executed.

    ## Example
    ```python
    value = eval(user_expr)
    ```

    Use instead:
    ```python
    import ast

    value = ast.literal_eval(user_expr)
    ```

    ## Known limitations
    - Only the builtins are reported: a method called `eval` (`model.eval()`,
      `self.eval()`), `ast.literal_eval` and a local function or parameter named `eval`
      are not.
    - `compile()` and `__import__` are not reported.
    - Code the program writes itself is not reported: a string constant, a `compile(...)`
      result (or a local bound to one), or a string built in the same function from a
      template (an f-string, `%`, `.format`, `+` on string constants: generated code as in
      `namedtuple` and `dataclasses`).
    - Evaluator wrappers are not reported: a parameter (or an item or attribute of one)
      evaluated in an explicit namespace (`exec(source, namespace)`,
      `eval(annotation, globalns, localns)`, `eval(expr, globals=ns)`); its caller
      decides what runs.

    ## References
    - ruff `S307` / `S102`, bandit `B307` / `B102`
    """,
)

EVALUATORS: Final = frozenset({"builtins.eval", "builtins.exec"})
NAMESPACES: Final = frozenset({"globals", "locals"})


@FAMILY.on_name("builtins.eval", FAM301)
@FAMILY.on_name("builtins.exec", FAM301)
def eval_exec(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in EVALUATORS:
        return
    call = ctx.parent_of(node)
    if isinstance(call, ast.Call) and call.func is node and not _deliberate(ctx, call):
        ctx.report(FAM301, call, name=qualname.rpartition(".")[2])


def _deliberate(ctx: Context, call: ast.Call) -> bool:
    """Code the program writes itself, or an evaluator wrapper handed its namespace."""
    if not call.args or type(call.args[0]) is ast.Starred:
        return True
    source = call.args[0]
    if _constant_string(source) or _compiled(ctx, source) or _generated(ctx, source):
        return True
    return _has_namespace(call) and _from_parameter(ctx, source)


def _local_value(ctx: Context, expr: ast.expr) -> ast.expr | None:
    """What a local name of this function was last assigned (`src = f"..."`: the f-string)."""
    if type(expr) is not ast.Name:
        return None
    binding = ctx.where.scope.bindings.get(expr.id)
    if binding is None or binding.kind is not BindingKind.ASSIGNMENT:
        return None
    if binding.value is not None:
        return binding.value
    parent = ctx.parent_of(binding.node)
    return parent.value if type(parent) is ast.AugAssign else None


def _constant_string(expr: ast.expr) -> bool:
    return type(expr) is ast.Constant and isinstance(expr.value, (str, bytes))


def _compiled(ctx: Context, expr: ast.expr) -> bool:
    """`compile(...)`, or a local bound to one: a code object the program built."""
    value = _local_value(ctx, expr) or expr
    return type(value) is ast.Call and ctx.qualified_name(value.func) == "builtins.compile"


def _generated(ctx: Context, expr: ast.expr) -> bool:
    """Code built from a template (namedtuple, dataclasses): f-string, `%`, `.format`, `+`."""
    if _template(ctx, expr):
        return True
    value = _local_value(ctx, expr)
    return value is not None and (_constant_string(value) or _template(ctx, value))


def _template(ctx: Context, expr: ast.expr) -> bool:
    if type(expr) is ast.JoinedStr:
        return True
    if type(expr) is ast.BinOp:
        if type(expr.op) is ast.Mod:
            return _string(ctx, expr.left)
        if type(expr.op) is ast.Add:
            return any(
                _string(ctx, side) or _template(ctx, side) for side in (expr.left, expr.right)
            )
        return False
    if type(expr) is ast.Call and type(expr.func) is ast.Attribute:
        return expr.func.attr == "format" and _string(ctx, expr.func.value)
    return False


def _string(ctx: Context, expr: ast.expr) -> bool:
    """A string constant, or a name bound to one (`FUNC_BODY = \"\"\"def ...\"\"\"`)."""
    if type(expr) is ast.Name:
        binding = ctx.lookup(expr.id)
        if binding is None or binding.kind is not BindingKind.ASSIGNMENT:
            return False
        return binding.value is not None and _literal(binding.value)
    return _constant_string(expr)


def _literal(expr: ast.expr) -> bool:
    """`"..."` or `"..." + "..."`."""
    if type(expr) is ast.BinOp and type(expr.op) is ast.Add:
        return _literal(expr.left) and _literal(expr.right)
    return _constant_string(expr)


def _has_namespace(call: ast.Call) -> bool:
    """`exec(code, globals)`, `eval(expr, globalns, localns)`, `eval(expr, globals=ns)`."""
    return len(call.args) > 1 or any(k.arg in NAMESPACES for k in call.keywords)


def _from_parameter(ctx: Context, expr: ast.expr) -> bool:
    """A parameter, or an item or attribute of one (`eval(annotation, ...)`)."""
    while isinstance(expr, (ast.Subscript, ast.Attribute)):
        expr = expr.value
    if type(expr) is not ast.Name:
        return False
    binding = ctx.lookup(expr.id)
    return binding is not None and binding.kind is BindingKind.PARAMETER
