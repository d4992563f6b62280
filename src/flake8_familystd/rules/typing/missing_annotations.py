"""FAM106-FAM108: missing annotations on signatures, class attributes, module variables."""

from __future__ import annotations

import ast
import re
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import classes
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
    - Lambdas are never reported.

    ## References
    - ruff `ANN001`-`ANN206`; mypy `disallow_untyped_defs`
    """,
    skip_in_tests=True,
    options=("--familystd-test-paths",),
)

FAM107 = FAMILY.rule(
    "FAM107",
    "unannotated-class-attribute",
    "annotate class attribute `{name}`: `{name}: {hint} = ...`",
    """
    ## What it does
    Reports assignments to plain names in a class body that carry no annotation.

    ## Why is this bad?
    "Annotate all ... class attributes" (001); "MUST use type hints for: ... Class
    attributes" (003). Without one, mypy infers the type from the first value and cannot
    tell a class constant (`ClassVar`) from an instance default.

    ## Example
    ```python
    class Cache:
        ttl = 60
    ```

    Use instead:
    ```python
    class Cache:
        ttl: ClassVar[int] = 60
    ```

    ## Known limitations
    These are never reported, because annotating them is wrong or impossible:
    - members of enums (bases from `enum`, or named `*Enum`, `*Flag`, `*Choices`);
    - dunder names (`__slots__`, `__tablename__`, `__table_args__`, ...) and
      `model_config`;
    - the bodies of nested `Meta`, `Config` and `Media` classes;
    - method aliases (`get = fetch`) and `staticmethod(...)`, `classmethod(...)`,
      `property(...)` values;
    - framework fields declared by calling a framework (`models.CharField()`,
      `Column()`, `relationship()`, `Field()`), and every attribute of classes built on
      Django, SQLAlchemy, pydantic, attrs and similar libraries, whose own rules apply;
    - tuple unpacking (`a, b = 1, 2`), which cannot carry an annotation.

    ## References
    - PEP 526
    """,
)

FAM108 = FAMILY.rule(
    "FAM108",
    "unannotated-module-variable",
    "annotate module variable `{name}`: `{name}: {hint} = ...`",
    """
    ## What it does
    Reports module-level assignments to plain names without an annotation.

    ## Why is this bad?
    "MUST use type hints for: ... Module-level variables" (003).

    ## Example
    ```python
    DEFAULT_PAGE_SIZE = 20
    ```

    Use instead:
    ```python
    DEFAULT_PAGE_SIZE: Final = 20
    ```

    ## Known limitations
    Not reported where the type is already obvious or an annotation is not possible:
    - the value is a call of a class or of a logger factory (`app = FastAPI()`,
      `router = APIRouter()`, `logger = logging.getLogger(__name__)`);
    - `TypeVar`, `ParamSpec`, `NewType`, `NamedTuple`/`namedtuple`, `TypedDict` and
      type-alias definitions;
    - dunder names (`__all__`, `__version__`), assignments under `if TYPE_CHECKING:` or in
      compatibility branches, and tuple unpacking.

    ## References
    - PEP 526
    """,
    default_enabled=False,
)

TYPE_FACTORIES: Final = frozenset(
    f"typing.{name}"
    for name in ("TypeVar", "ParamSpec", "TypeVarTuple", "NewType", "NamedTuple", "TypedDict",
                 "TypeAliasType", "cast")
) | {"collections.namedtuple", "enum.Enum", "builtins.type"}  # fmt: skip
LOGGER_FACTORIES: Final = frozenset(
    {"logging.getLogger", "structlog.get_logger", "structlog.getLogger",
     "observability.logging.get_logger", "loguru.logger.bind"}
)  # fmt: skip
DESCRIPTOR_CALLS: Final = frozenset(
    {"builtins.staticmethod", "builtins.classmethod", "builtins.property",
     "functools.partialmethod", "functools.cached_property", "functools.singledispatchmethod"}
)  # fmt: skip
BUILTIN_TYPES: Final = frozenset(
    f"builtins.{name}"
    for name in ("int", "str", "float", "bytes", "bool", "complex", "object", "list", "dict",
                 "set", "tuple", "frozenset", "type", "bytearray")
)  # fmt: skip
DUNDER: Final = re.compile(r"^__\w+__$")
UPPER: Final = re.compile(r"^_*[A-Z][A-Z0-9_]*$")


@FAMILY.on(ast.FunctionDef, FAM106)
@FAMILY.on(ast.AsyncFunctionDef, FAM106)
def missing_annotations(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    decorators = [ctx.qualified_name(d.func if isinstance(d, ast.Call) else d)
                  for d in node.decorator_list]  # fmt: skip
    if "typing.no_type_check" in decorators or _is_overload_implementation(ctx, node):
        return
    args = node.args
    params = [*args.posonlyargs, *args.args]
    in_class = ctx.where.scope.kind is ScopeKind.CLASS
    if in_class and params and "builtins.staticmethod" not in decorators:
        params = params[1:]
    params += args.kwonlyargs
    if args.vararg is not None:
        params.append(args.vararg)
    if args.kwarg is not None:
        params.append(args.kwarg)
    missing = [_param_text(arg, args) for arg in params if arg.annotation is None]
    parts = []
    if missing:
        noun = "parameter" if len(missing) == 1 else "parameters"
        parts.append(f"{noun} {', '.join(missing)}")
    if node.returns is None:
        init = node.name == "__init__"
        parts.append("the return type (`-> None`)" if init else "the return type")
    if parts:
        ctx.report(FAM106, node, missing=" and ".join(parts))


def _param_text(arg: ast.arg, args: ast.arguments) -> str:
    star = "*" if arg is args.vararg else "**" if arg is args.kwarg else ""
    return f"`{star}{arg.arg}`"


def _is_overload_implementation(
    ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef
) -> bool:
    previous = ctx.where.scope.bindings.get(node.name)
    if previous is None or previous.kind is not BindingKind.FUNCTION:
        return False
    earlier = previous.node
    if not isinstance(earlier, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    return any(
        ctx.qualified_name(d.func if isinstance(d, ast.Call) else d) == "typing.overload"
        for d in earlier.decorator_list
    )


@FAMILY.on(ast.Assign, FAM107, FAM108)
def unannotated_assignment(ctx: Context, node: ast.Assign) -> None:
    if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
        return
    name = node.targets[0].id
    if DUNDER.match(name):
        return
    kind = ctx.where.scope.kind
    if kind is ScopeKind.CLASS:
        _class_attribute(ctx, node, name)
    elif kind is ScopeKind.MODULE:
        _module_variable(ctx, node, name)


def _class_attribute(ctx: Context, node: ast.Assign, name: str) -> None:
    cls = ctx.where.class_
    if cls is None or name == "model_config":
        return
    facts = classes.facts(ctx, cls)
    if facts.enum_like or facts.config or facts.framework:
        return
    value = node.value
    if isinstance(value, (ast.Name, ast.Attribute)):
        binding = ctx.lookup(value.id) if isinstance(value, ast.Name) else None
        if binding is not None and binding.kind is BindingKind.FUNCTION:
            return
    if isinstance(value, ast.Call):
        callee = ctx.qualified_name(value.func) or ""
        if callee in DESCRIPTOR_CALLS or callee.startswith(classes.FIELD_FRAMEWORKS):
            return
    ctx.report(FAM107, node, name=name, hint=f"ClassVar[{_literal_type(value) or '...'}]")


def _module_variable(ctx: Context, node: ast.Assign, name: str) -> None:
    if ctx.where.in_type_checking or ctx.where.in_compat:
        return
    value = node.value
    if isinstance(value, ast.Call):
        callee = ctx.qualified_name(value.func)
        last = (callee or "").rpartition(".")[2]
        if callee in TYPE_FACTORIES or callee in LOGGER_FACTORIES or last[:1].isupper():
            return
    if _looks_like_type_alias(ctx, value):
        return
    literal = _literal_type(value)
    hint = "Final" if UPPER.match(name) else literal or "..."
    ctx.report(FAM108, node, name=name, hint=hint)


def _looks_like_type_alias(ctx: Context, value: ast.expr) -> bool:
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        return _looks_like_type_alias(ctx, value.left) and _looks_like_type_alias(ctx, value.right)
    if isinstance(value, ast.Constant):
        return value.value is None
    if isinstance(value, ast.Subscript):
        value = value.value
    name = ctx.qualified_name(value) or ""
    return name.startswith(("typing.", "collections.abc.")) or name in BUILTIN_TYPES


def _literal_type(value: ast.expr) -> str | None:
    if isinstance(value, ast.Constant):
        if value.value is None or value.value is Ellipsis:
            return None
        return type(value.value).__name__
    if isinstance(value, ast.JoinedStr):
        return "str"
    return None
