"""FAM111: methods that return their own instance are annotated `-> Self`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import classes, function_returns
from flake8_familystd.rules.typing.assignments import Assignments
from flake8_familystd.rules.typing.family import FAMILY, modernising_blocked
from flake8_familystd.scope import BindingKind, ScopeKind

FAM111 = FAMILY.rule(
    "FAM111",
    "use-self-type",
    "annotate the return as `Self` instead of `{returned}`",
    """
    ## What it does
    Reports methods whose return annotation names their own class (`-> "Query"`,
    `-> Query`, or a TypeVar bound to it as in `def m(self: T) -> T`) and whose every
    `return` gives back `self`, `cls(...)` or `type(self)(...)`.

    ## Why is this bad?
    "Use `Self` from `typing` for methods returning instance type" (001, 004). With the
    class name, a subclass calling the method gets the base class back.

    ## Example
    ```python
    class Query:
        def limit(self, n: int) -> "Query":
            self._n = n
            return self
    ```

    Use instead:
    ```python
    from typing import Self

    class Query:
        def limit(self, n: int) -> Self:
            self._n = n
            return self
    ```

    ## Known limitations
    - Needs target 3.11 (`typing.Self`).
    - Alternative constructors that build the base class on purpose (`return Query(...)`)
      are not reported; nor are `@staticmethod`s, `Protocol` classes (any base named
      `Protocol`), `@final` classes, methods whose `self`/`cls` is reassigned in the body, and
      methods that a subclass in the same module overrides with another return type
      (`Self` in the base would make those overrides incompatible).

    ## References
    - [PEP 673](https://peps.python.org/pep-0673/)
    - ruff `PYI034`, `PYI019`
    """,
    min_target=(3, 11),
)


class _Methods(dict[ast.ClassDef, dict[str, ast.expr | None]]):
    """Return annotations of every method, by class (to see subclass overrides)."""


class _Verdicts(list[tuple[ast.ClassDef, ast.FunctionDef | ast.AsyncFunctionDef]]):
    """Methods that return their own instance, judged once every class is known."""


@FAMILY.on(ast.FunctionDef, FAM111)
@FAMILY.on(ast.AsyncFunctionDef, FAM111)
def self_candidate(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    cls = ctx.where.class_
    if cls is None or ctx.where.scope.kind is not ScopeKind.CLASS:
        return
    ctx.scratch(_Methods).setdefault(cls, {})[node.name] = node.returns
    if node.returns is None or modernising_blocked(ctx):
        return
    if not (node.args.posonlyargs or node.args.args):
        return
    if isinstance(node.returns, ast.Name) and node.returns.id == "Self":
        return
    previous = ctx.where.scope.bindings.get(node.name)
    if previous is not None and previous.kind is BindingKind.FUNCTION:
        return  # an overload implementation: its `@overload`s decide what callers see
    if "builtins.staticmethod" in ctx.decorators(node):
        return
    facts = classes.facts(ctx, cls)
    if facts.protocol or facts.final:
        return
    if _names_class(ctx, node, node.returns, cls):
        function_returns.watch(ctx, node, FAM111)


def _names_class(
    ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef, returns: ast.expr, cls: ast.ClassDef
) -> bool:
    if isinstance(returns, ast.Constant):
        return returns.value == cls.name
    if not isinstance(returns, ast.Name):
        return False
    if returns.id == cls.name:
        return True
    first = (node.args.posonlyargs or node.args.args)[0].annotation
    binding = ctx.lookup(returns.id)
    if not isinstance(first, ast.Name) or first.id != returns.id or binding is None:
        return False
    if binding.kind is not BindingKind.ASSIGNMENT or not isinstance(binding.value, ast.Call):
        return False
    if ctx.qualified_name(binding.value.func) != "typing.TypeVar":
        return False
    bound = next((k.value for k in binding.value.keywords if k.arg == "bound"), None)
    return _names_class(ctx, node, bound, cls) if bound is not None else False


@FAMILY.on_exit(ast.FunctionDef, FAM111)
@FAMILY.on_exit(ast.AsyncFunctionDef, FAM111)
def self_returns(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    values = function_returns.returned(ctx, node, FAM111)
    if not values:
        return
    first = (node.args.posonlyargs or node.args.args)[0].arg
    binding = ctx.where.scope.bindings.get(first)
    if binding is None or binding.kind is not BindingKind.PARAMETER:
        return  # `cls = other_class` in the body: the returned object is not the caller's
    cls = ctx.parent_of(node)
    if isinstance(cls, ast.ClassDef) and all(_returns_own_instance(ctx, v, first) for v in values):
        ctx.scratch(_Verdicts).append((cls, node))


@FAMILY.on_exit(ast.Module, FAM111)
def self_verdict(ctx: Context, node: ast.Module) -> None:
    verdicts = ctx.peek(_Verdicts)
    if not verdicts:
        return
    methods = ctx.scratch(_Methods)
    family_tree = ctx.scratch(Assignments)
    for cls, method in verdicts:
        overridden = any(
            method.name in methods.get(sub, {})
            and not _returns_itself(methods[sub][method.name], sub)
            for sub in methods
            if cls in family_tree.ancestors(sub)
        )
        if overridden or method.returns is None:
            continue  # a subclass override returns something else: `Self` would break it
        returned = method.returns
        text = (
            repr(returned.value)
            if isinstance(returned, ast.Constant)
            else ctx.source_segment(returned)
        )
        ctx.report(FAM111, method, returned=text.replace("'", '"'))


def _returns_itself(annotation: ast.expr | None, cls: ast.ClassDef) -> bool:
    if isinstance(annotation, ast.Constant):
        return annotation.value in (cls.name, "Self")
    return isinstance(annotation, ast.Name) and annotation.id in (cls.name, "Self")


def _returns_own_instance(ctx: Context, value: ast.expr | None, first: str) -> bool:
    if isinstance(value, ast.Name):
        return value.id == first
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Name) and func.id == first:
        return True  # cls(...)
    return (
        isinstance(func, ast.Call)
        and ctx.qualified_name(func.func) == "builtins.type"
        and len(func.args) == 1
        and isinstance(func.args[0], ast.Name)
        and func.args[0].id == first
    )
