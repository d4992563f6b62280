"""FAM108: module-level variables without annotations."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.typing import assignments
from flake8_familystd.rules.typing.assignments import CONSTANT_NAME, DUNDER, Assignments
from flake8_familystd.rules.typing.family import FAMILY
from flake8_familystd.scope import ScopeKind

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
    - the value is a call of a class (a CapWords name) or of a logger factory
      (`app = FastAPI()`, `router = APIRouter()`, `logger = logging.getLogger(__name__)`);
    - the value is another name for an imported or local class or function
      (`PGBit = BIT`, `mapped_collection = keyfunc_mapping`);
    - the name is bound more than once at module level (compatibility branches such as
      `if PYDANTIC_V2: ... else: ...`, `try`/`except ImportError`);
    - UPPER_CASE constants while FAM113 is selected (FAM113 suggests `Final` for them);
    - `TypeVar`, `ParamSpec`, `NewType`, `NamedTuple`/`namedtuple`, `TypedDict` and
      type-alias definitions;
    - dunder names (`__all__`, `__version__`), assignments under `if TYPE_CHECKING:` (or
      its `else:`) or in compatibility branches, and tuple unpacking.

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


class _Candidates(list[tuple[ast.Assign, str]]):
    """Unannotated module variables, judged when the module ends."""


@FAMILY.on(ast.Assign, FAM108)
def module_variable(ctx: Context, node: ast.Assign) -> None:
    where = ctx.where
    if where.scope.kind is not ScopeKind.MODULE or where.in_compat:
        return
    if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
        return
    name = node.targets[0].id
    if DUNDER.match(name) or assignments.in_type_checking_branch(ctx):
        return
    if assignments.under_flag(ctx, node):
        return  # `if PYDANTIC_V2: ... else: ...`: a compatibility branch
    value = node.value
    if isinstance(value, ast.Call):
        callee = ctx.qualified_name(value.func)
        if callee in TYPE_FACTORIES or callee in LOGGER_FACTORIES:
            return
    if assignments.is_class_call(ctx, value) or assignments.is_alias(ctx, value):
        return
    if assignments.looks_like_type_alias(ctx, value):
        return
    ctx.scratch(_Candidates).append((node, name))


@FAMILY.on_exit(ast.Module, FAM108)
def module_variable_verdict(ctx: Context, node: ast.Module) -> None:
    candidates = ctx.peek(_Candidates)
    if not candidates:
        return
    stores = ctx.scratch(Assignments).module
    constants_elsewhere = "FAM113" in ctx.active
    for statement, name in candidates:
        if stores.get(name, 0) != 1:
            continue
        constant = bool(CONSTANT_NAME.match(name))
        if constant and constants_elsewhere:
            continue
        hint = "Final" if constant else assignments.literal_type(statement.value) or "..."
        ctx.report(FAM108, statement, name=name, hint=hint)
