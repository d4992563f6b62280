"""FAM909 and FAM911: function signatures (mutable defaults, `*args` / `**kwargs`)."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

MUTABLE_CALLS: Final = frozenset(
    {"builtins.list", "builtins.dict", "builtins.set", "builtins.bytearray",
     "collections.defaultdict", "collections.OrderedDict", "collections.Counter",
     "collections.deque"}
)  # fmt: skip
MUTABLE_DISPLAYS: Final = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
PASS_THROUGH: Final = frozenset({"__init_subclass__", "__new__", "__class_getitem__"})
OVERRIDE: Final = frozenset({"typing.override"})

FAM909 = FAMILY.rule(
    "FAM909",
    "mutable-default",
    "use `None` as the default of `{name}` and build the `{kind}` inside the function",
    """
    ## What it does
    Reports parameters whose default is a mutable object: a list, dict or set display or
    comprehension, or a call of `list()`, `dict()`, `set()`, `bytearray()`,
    `collections.defaultdict()`, `OrderedDict()`, `Counter()` or `deque()`. The report is on
    the default value.

    ## Why is this bad?
    "No mutable default arguments" (002, 003). The default is built once, when the `def`
    runs, and shared by every call: an append in one call shows up in the next.

    ## Example
    ```python
    def add_tag(tag: str, tags: list[str] = []) -> list[str]:
        tags.append(tag)
        return tags
    ```

    Use instead:
    ```python
    def add_tag(tag: str, tags: list[str] | None = None) -> list[str]:
        tags = [] if tags is None else tags
        tags.append(tag)
        return tags
    ```

    ## Known limitations
    - Defaults of parameters annotated with a read-only type (`Mapping`, `Sequence`,
      `AbstractSet`, `Collection`, `Iterable`) are not reported: the type promises no
      mutation.
    - Tuples, `frozenset()`, constants and `None` are immutable and never reported. Other
      calls are not reported either: whether `Depends()`, `Query()`, `field(...)` or a
      user's factory returns something mutable cannot be told from the call (flake8-bugbear
      `B008` reports all of them and is widely ignored for FastAPI code).

    ## References
    - ruff `B006`, flake8-bugbear `B006`
    """,
)

FAM911 = FAMILY.rule(
    "FAM911",
    "star-args",
    "declare the parameters explicitly instead of {params}",
    """
    ## What it does
    Reports functions that take `*args` or `**kwargs`, on the `def` line.

    ## Why is this bad?
    "❌ `*args, **kwargs` (avoid) → ✅ Explicit keyword-only parameters" (001). A signature
    of `*args, **kwargs` tells neither readers nor the type checker what the function
    accepts, and typos in keyword names pass silently.

    ## Example
    ```python
    def connect(*args, **kwargs) -> Connection: ...
    ```

    Use instead:
    ```python
    def connect(host: str, *, port: int = 5432, timeout: float = 5.0) -> Connection: ...
    ```

    ## Known limitations
    Not reported where the catch-all is the point:
    - parameters that are only passed on unchanged (`super().__init__(*args, **kwargs)`,
      `return func(*args, **kwargs)`) or never used: the signature of the callee is the real
      one (typed code should spell this with a ParamSpec);
    - ParamSpec forwarding: `*args: P.args, **kwargs: P.kwargs`;
    - `*name: T` annotated with one precise type (`*paths: Path`): any number of one kind of
      value is an explicit signature (`*args: Any` / `*args: object` are still reported);
    - methods decorated `@override` / `@typing.override` (the base class fixed the
      signature);
    - `__init_subclass__`, `__new__` and `__class_getitem__` pass-throughs;
    - `@overload` stubs and their implementation keep whatever the overloads declare.

    ## References
    - wemake-python-styleguide `WPS211`-style signature rules; no ruff equivalent
    """,
)


@FAMILY.on(ast.FunctionDef, FAM909, FAM911)
@FAMILY.on(ast.AsyncFunctionDef, FAM909, FAM911)
@FAMILY.on(ast.Lambda, FAM909)
def signature(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
    args = node.args
    if FAM909.code in ctx.active and (args.defaults or args.kw_defaults):
        positional = [*args.posonlyargs, *args.args]
        with_defaults = positional[len(positional) - len(args.defaults) :]
        pairs = list(zip(with_defaults, args.defaults, strict=True))
        pairs += [
            (a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None
        ]
        for arg, default in pairs:
            kind = _mutable_kind(ctx, default)
            if kind is not None and not _read_only(ctx, arg.annotation):
                ctx.report(FAM909, default, name=arg.arg, kind=kind)
    if FAM911.code in ctx.active and not isinstance(node, ast.Lambda):
        _star_args(ctx, node)


READ_ONLY: Final = frozenset(
    f"{module}.{name}"
    for module in ("typing", "collections.abc")
    for name in ("Mapping", "Sequence", "AbstractSet", "Set", "Collection", "Iterable",
                 "Container")
)  # fmt: skip


def _read_only(ctx: Context, annotation: ast.expr | None) -> bool:
    """`options: Mapping[str, int] = {}`: the type promises the default is never mutated."""
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    return annotation is not None and ctx.qualified_name(annotation) in READ_ONLY


def _mutable_kind(ctx: Context, default: ast.expr) -> str | None:
    if isinstance(default, MUTABLE_DISPLAYS):
        return {"List": "list", "ListComp": "list", "Dict": "dict", "DictComp": "dict"}.get(
            type(default).__name__, "set"
        )
    if isinstance(default, ast.Call):
        name = ctx.qualified_name(default.func)
        if name in MUTABLE_CALLS:
            return name.rpartition(".")[2]
    return None


def _star_args(ctx: Context, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    args = node.args
    if args.vararg is None and args.kwarg is None:
        return
    stars = [a for a in (args.vararg, args.kwarg) if a is not None and not _param_spec(a)]
    if args.vararg in stars and _homogeneous(ctx, args.vararg):
        stars.remove(args.vararg)
    if not stars or node.name in PASS_THROUGH:
        return
    decorators = set(ctx.decorators(node))
    if decorators & OVERRIDE or "typing.overload" in decorators:
        return
    previous = ctx.where.scope.bindings.get(node.name)
    earlier = previous.node if previous is not None else None
    if isinstance(earlier, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
        "typing.overload" in ctx.decorators(earlier)
    ):
        return  # the implementation of an overloaded function
    candidates = ctx.scratch(_StarParams)
    for arg in stars:
        candidates[arg] = (node, True)
        ctx.watch_name(arg.arg, star_param_use)


class _StarParams(dict[ast.arg, tuple[ast.FunctionDef | ast.AsyncFunctionDef, bool]]):
    """`*args` / `**kwargs` parameters -> (their function, only ever forwarded so far?)."""


def star_param_use(ctx: Context, node: ast.Name) -> None:
    """A use of a name spelled like a watched `*args`/`**kwargs` parameter."""
    candidates = ctx.peek(_StarParams)
    if not candidates or type(node.ctx) is not ast.Load:
        return
    binding = ctx.lookup(node.id)
    arg = binding.node if binding is not None else None
    if not isinstance(arg, ast.arg) or arg not in candidates:
        return
    parent = ctx.parent_of(node)
    forwarded = isinstance(parent, ast.Starred) or (
        isinstance(parent, ast.keyword) and parent.arg is None
    )
    if not forwarded:
        function, _ = candidates[arg]
        candidates[arg] = (function, False)


@FAMILY.on_exit(ast.Module, FAM911)
def star_param_verdict(ctx: Context, node: ast.Module) -> None:
    consumed: dict[ast.AST, list[str]] = {}
    functions: dict[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for arg, (function, only_forwarded) in (ctx.peek(_StarParams) or {}).items():
        if not only_forwarded:
            star = "*" if arg is function.args.vararg else "**"
            consumed.setdefault(function, []).append(f"`{star}{arg.arg}`")
            functions[function] = function
    for key, names in consumed.items():
        ctx.report(FAM911, functions[key], params=" and ".join(names))


def _homogeneous(ctx: Context, arg: ast.arg | None) -> bool:
    """`*rules: Rule`: any number of one precise type is an explicit signature."""
    if arg is None or arg.annotation is None:
        return False
    return ctx.qualified_name(arg.annotation) not in ("typing.Any", "builtins.object")


def _param_spec(arg: ast.arg) -> bool:
    annotation = arg.annotation
    return isinstance(annotation, ast.Attribute) and annotation.attr in ("args", "kwargs")
