"""FAM903: `pytz` -> `zoneinfo.ZoneInfo`."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

FAM903 = FAMILY.rule(
    "FAM903",
    "pytz",
    "use `zoneinfo.ZoneInfo` (and `datetime.UTC`) instead of `{name}`",
    """
    ## What it does
    Reports every import of `pytz` (`import pytz`, `from pytz import timezone`) and every
    use of it (`pytz.timezone("Europe/Paris")`, `pytz.utc`, an imported `timezone(...)`).

    ## Why is this bad?
    "Use `zoneinfo.ZoneInfo` for timezones; never use `pytz`" (001). The standard library
    has had IANA time zones since Python 3.9; `pytz` zones need `localize()`/`normalize()`
    and silently give wrong offsets when passed as `tzinfo=`.

    ## Example
    ```python
    import pytz

    paris = pytz.timezone("Europe/Paris")
    ```

    Use instead:
    ```python
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    ```

    ## Known limitations
    - Imports inside `try: ... except ImportError:` and `sys.version_info` branches are
      compatibility fallbacks and are not reported.
    - A chained use (`pytz.timezone(x).localize(d)`) is reported once, on `pytz.timezone`.

    ## References
    - [zoneinfo](https://docs.python.org/3/library/zoneinfo.html), PEP 615
    """,
)


def _is_pytz(name: str | None) -> bool:
    return name is not None and (name == "pytz" or name.startswith("pytz."))


@FAMILY.on(ast.Import, FAM903)
@FAMILY.on(ast.ImportFrom, FAM903)
def pytz_import(ctx: Context, node: ast.Import | ast.ImportFrom) -> None:
    if ctx.where.in_compat:
        return
    if isinstance(node, ast.ImportFrom):
        if node.level == 0 and _is_pytz(node.module):
            ctx.report(FAM903, node, name=node.module)
    elif any(_is_pytz(alias.name) for alias in node.names):
        ctx.report(FAM903, node, name="pytz")


@FAMILY.on_name("pytz", FAM903)
def pytz_use(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if not ctx.where.in_compat:
        ctx.report(FAM903, node, name=ctx.source_segment(node))
