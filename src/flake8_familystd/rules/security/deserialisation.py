"""FAM302 / FAM303: unsafe deserialisation (pickle and friends, unsafe YAML loading)."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.scope import BindingKind

FAM302 = FAMILY.rule(
    "FAM302",
    "pickle-load",
    "`{name}` can run arbitrary code while loading; use a data format "
    "(`json`, `orjson`, `msgpack`) for anything that crosses a trust boundary",
    """
    ## What it does
    Reports loading with `pickle`, `_pickle`, `cPickle`, `dill`, `jsonpickle` and
    `shelve`: `load()`, `loads()`, `Unpickler(...)` (and subclasses of it),
    `jsonpickle.decode()`, `shelve.open()`.

    ## Why is this bad?
    "Never deserialize data from an untrusted source with `pickle`" (004); "Avoid `pickle`
    for anything crossing trust boundaries" (001). Unpickling calls any importable
    callable the payload names: loading a file or message is running its author's code.

    ## Example
    ```python
    import pickle

    payload = pickle.loads(request_body)
    ```

    Use instead:
    ```python
    import orjson

    payload = orjson.loads(request_body)
    ```

    ## Known limitations
    - Trust cannot be known statically: every load is reported, dumping never is. A local
      cache the program writes and reads itself is fine: suppress the line with
      `# noqa: FAM302` and say why.
    - A round trip (`pickle.loads(pickle.dumps(obj))`, a picklability check) and test
      files are not reported.
    - `torch.load`, `joblib.load` and `pandas.read_pickle` are not reported.
    - `marshal.load()` / `marshal.loads()` are not reported: loading marshal data builds
      values and code objects but runs nothing (running them is `exec`, FAM301).

    ## References
    - ruff `S301`, bandit `B301`; [pickle](https://docs.python.org/3/library/pickle.html)
    """,
    skip_in_tests=True,
)

FAM303 = FAMILY.rule(
    "FAM303",
    "unsafe-yaml-load",
    "`{name}` can build arbitrary Python objects; use `yaml.safe_load()` "
    "(or `Loader=yaml.SafeLoader`)",
    """
    ## What it does
    Reports YAML loading that can construct arbitrary objects: `yaml.unsafe_load`,
    `yaml.unsafe_load_all`, `yaml.full_load`, `yaml.full_load_all`, `yaml.load` /
    `yaml.load_all` without a safe loader, and ruamel's `YAML(typ="unsafe")`.

    ## Why is this bad?
    "Never deserialize data from an untrusted source with `pickle` or `yaml.unsafe_load()`"
    (004). The full and unsafe loaders instantiate Python objects named by `!!python/` tags.

    ## Example
    ```python
    import yaml

    cfg = yaml.load(text, Loader=yaml.Loader)
    ```

    Use instead:
    ```python
    import yaml

    cfg = yaml.safe_load(text)
    ```

    ## Known limitations
    - Safe loaders are `SafeLoader`, `CSafeLoader`, `BaseLoader`, `CBaseLoader` (also
      through `yaml.cyaml`), a local class derived from one of them, and a name assigned one
      of them (`Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)`).
    - A loader the resolver cannot follow (a parameter, an attribute of an object) is
      assumed safe and not reported.

    ## References
    - ruff `S506`, bandit `B506` (both check only `yaml.load`)
    """,
)

PICKLE_MODULES: Final = ("pickle", "_pickle", "cPickle", "dill", "jsonpickle", "shelve")
LOADERS: Final = frozenset(
    {
        *(f"{module}.{name}" for module in PICKLE_MODULES for name in ("load", "loads")),
        *(f"{module}.Unpickler" for module in ("pickle", "_pickle", "cPickle", "dill")),
        "jsonpickle.decode",
        "jsonpickle.unpickler.decode",
        "shelve.open",
        "shelve.DbfilenameShelf",
    }
)
UNSAFE_YAML_CALLS: Final = frozenset(
    {"yaml.unsafe_load", "yaml.unsafe_load_all", "yaml.full_load", "yaml.full_load_all"}
)
YAML_LOADS: Final = frozenset({"yaml.load", "yaml.load_all"})
SAFE_LOADERS: Final = frozenset(
    f"{module}.{name}"
    for module in ("yaml", "yaml.cyaml", "yaml.loader")
    for name in ("SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader")
)
RUAMEL_YAML: Final = "ruamel.yaml.YAML"


def _called(ctx: Context, node: ast.Name | ast.Attribute) -> ast.Call | None:
    parent = ctx.parent_of(node)
    return parent if isinstance(parent, ast.Call) and parent.func is node else None


def _pickle_use(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in LOADERS:
        return
    parent = ctx.parent_of(node)
    if isinstance(parent, ast.ClassDef):  # `class Strict(pickle.Unpickler)` loads too
        ctx.report(FAM302, node, name=qualname)
    elif isinstance(parent, ast.Call) and parent.func is node and not _round_trip(ctx, parent):
        ctx.report(FAM302, parent, name=qualname)


def _round_trip(ctx: Context, call: ast.Call) -> bool:
    """`pickle.loads(pickle.dumps(obj))`: a picklability check, loading what it just made."""
    inner = call.args[0] if len(call.args) == 1 else None
    if not isinstance(inner, ast.Call):
        return False
    name = ctx.qualified_name(inner.func)
    return name is not None and name.endswith((".dumps", ".encode"))


for _module in PICKLE_MODULES:
    FAMILY.on_name(_module, FAM302)(_pickle_use)


@FAMILY.on_name("yaml", FAM303)
def yaml_load(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in UNSAFE_YAML_CALLS and qualname not in YAML_LOADS:
        return
    call = _called(ctx, node)
    if call is None:
        return
    if qualname in YAML_LOADS:
        loader = _loader_argument(call)
        if loader is not None and not _unsafe_loader(ctx, loader):
            return
    ctx.report(FAM303, call, name=qualname)


@FAMILY.on_name("ruamel", FAM303)
def ruamel_unsafe(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname != RUAMEL_YAML:
        return
    call = _called(ctx, node)
    if call is None:
        return
    for keyword in call.keywords:
        if keyword.arg == "typ" and _mentions_unsafe(keyword.value):
            ctx.report(FAM303, call, name='YAML(typ="unsafe")')


def _mentions_unsafe(value: ast.expr) -> bool:
    items = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    return any(isinstance(item, ast.Constant) and item.value == "unsafe" for item in items)


def _loader_argument(call: ast.Call) -> ast.expr | None:
    if len(call.args) > 1:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "Loader"), None)


def _unsafe_loader(ctx: Context, loader: ast.expr, depth: int = 0) -> bool:
    """Is `loader` known to be unsafe? Unknown loaders are given the benefit of the doubt."""
    if depth > 3:
        return False
    qualname = ctx.qualified_name(loader)
    if qualname is not None:
        return qualname not in SAFE_LOADERS and qualname.startswith("yaml.")
    if isinstance(loader, ast.Call) and ctx.qualified_name(loader.func) == "builtins.getattr":
        # getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        wanted = loader.args[1] if len(loader.args) > 1 else None
        fallback = loader.args[2] if len(loader.args) > 2 else None
        named_safe = (
            isinstance(wanted, ast.Constant)
            and isinstance(wanted.value, str)
            and f"yaml.{wanted.value}" in SAFE_LOADERS
        )
        return not named_safe or (fallback is not None and _unsafe_loader(ctx, fallback, depth + 1))
    if isinstance(loader, (ast.IfExp, ast.BoolOp)):
        options = [loader.body, loader.orelse] if isinstance(loader, ast.IfExp) else loader.values
        return any(_unsafe_loader(ctx, option, depth + 1) for option in options)
    if not isinstance(loader, ast.Name):
        return False
    binding = ctx.lookup(loader.id)
    if binding is None:
        return False
    if binding.kind is BindingKind.CLASS and isinstance(binding.node, ast.ClassDef):
        return not any(_safe_base(ctx, base) for base in binding.node.bases)
    if binding.kind is BindingKind.ASSIGNMENT and binding.value is not None:
        return _unsafe_loader(ctx, binding.value, depth + 1)
    return False


def _safe_base(ctx: Context, base: ast.expr) -> bool:
    qualname = ctx.qualified_name(base)
    if qualname is not None:
        return qualname in SAFE_LOADERS or not qualname.startswith("yaml.")
    return True  # a local base class: assume it is (or derives from) a safe loader
