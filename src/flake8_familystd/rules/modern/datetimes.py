"""FAM905: naive datetimes."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

ALWAYS_NAIVE: Final = {
    "datetime.datetime.utcnow": "`datetime.now(tz=UTC)`",
    "datetime.datetime.utcfromtimestamp": "`datetime.fromtimestamp(ts, tz=UTC)`",
    "datetime.datetime.today": "`datetime.now(tz=UTC)`",
}
NAIVE_WITHOUT_TZ: Final = {
    "datetime.datetime.now": ("`datetime.now(tz=UTC)`", 0),
    "datetime.datetime.fromtimestamp": ("`datetime.fromtimestamp(ts, tz=UTC)`", 1),
}

FAM905 = FAMILY.rule(
    "FAM905",
    "naive-datetime",
    "`{name}()` gives a naive datetime: use {replacement}",
    """
    ## What it does
    Reports calls that produce naive (time-zone-less) datetimes: `datetime.utcnow()`,
    `datetime.utcfromtimestamp()`, `datetime.today()`, and `datetime.now()` /
    `datetime.fromtimestamp()` without a `tz`, however `datetime` is imported
    (`from datetime import datetime as dt`, `import datetime`).

    ## Why is this bad?
    002/003 ask for `datetime.now(tz=UTC)`. A naive datetime has no offset, so comparing
    it with an aware one raises, and `utcnow()` returns UTC wall time that the rest of
    Python treats as local time (it is deprecated since 3.12).

    ## Example
    ```python
    from datetime import datetime

    created = datetime.utcnow()
    ```

    Use instead:
    ```python
    from datetime import UTC, datetime

    created = datetime.now(tz=UTC)
    ```

    ## Known limitations
    `datetime(2024, 1, 1)` constructed without `tzinfo=` is not reported. Constructors
    with literal fields are mostly fixed calendar values (test data, date arithmetic on
    naive values read from a naive database column, cron-like schedules) where the
    missing zone is deliberate or decided elsewhere; telling those from real timestamps
    needs data flow a single-file linter does not have, and ruff's `DTZ001` on them is one
    of its most-ignored rules. The calls above, by contrast, read the clock or a POSIX
    timestamp, which always has a zone: a naive result there is always a loss.
    `date.today()` (a date has no zone) and `strptime()` without `%z` are not reported.
    Below target 3.11 the message names `timezone.utc` instead of `UTC`.

    ## References
    - [datetime: aware and naive objects](https://docs.python.org/3/library/datetime.html)
    - ruff `DTZ003`, `DTZ004`, `DTZ002`, `DTZ005`, `DTZ006`
    """,
)


@FAMILY.on_name("datetime", FAM905)
def naive_datetime(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    call = ctx.parent_of(node)
    if not isinstance(call, ast.Call) or call.func is not node:
        return
    short = qualname.removeprefix("datetime.")
    if qualname in ALWAYS_NAIVE:
        ctx.report(FAM905, call, name=short, replacement=_for_target(ctx, ALWAYS_NAIVE[qualname]))
        return
    entry = NAIVE_WITHOUT_TZ.get(qualname)
    if entry is None:
        return
    replacement, tz_position = entry
    tz_arg = call.args[tz_position] if len(call.args) > tz_position else None
    for keyword in call.keywords:
        if keyword.arg is None:
            return  # `now(**options)`: cannot tell
        if keyword.arg == "tz":
            tz_arg = keyword.value
    if tz_arg is None or (isinstance(tz_arg, ast.Constant) and tz_arg.value is None):
        ctx.report(FAM905, call, name=short, replacement=_for_target(ctx, replacement))


def _for_target(ctx: Context, replacement: str) -> str:
    """`datetime.UTC` exists from 3.11; older targets spell it `timezone.utc`."""
    return replacement if ctx.target >= (3, 11) else replacement.replace("UTC", "timezone.utc")
