"""FAM309: secrets read from the environment outside the settings layer."""

from __future__ import annotations

import ast
import fnmatch
import functools
from collections.abc import Sequence
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.rules.security.secret_values import policy

FAM309 = FAMILY.rule(
    "FAM309",
    "secret-outside-settings",
    "secret `{key}` read from the environment outside the settings layer; "
    "declare it on the settings object (`SecretStr`) and pass it in",
    """
    ## What it does
    Reports `os.environ[...]`, `os.environ.get(...)` and `os.getenv(...)` of a secret-like
    variable name (`STRIPE_KEY`, `DB_PASSWORD`, `GITHUB_TOKEN`) in a module that is not part
    of the settings layer (`--familystd-settings-modules`).

    ## Why is this bad?
    "Use environment variables via `pydantic-settings` or similar" (001); 003 shows
    `BaseSettings` reading `.env`. Secrets read all over the code base cannot be
    validated at start-up, listed, rotated or kept out of logs in one place.

    ## Example
    ```python
    # app/services/payments.py
    import os

    key = os.environ["STRIPE_KEY"]
    ```

    Use instead:
    ```python
    # app/services/payments.py
    from app.settings import settings

    key = settings.stripe_key.get_secret_value()
    ```

    ## Known limitations
    - Opt-in: scripts and CLIs legitimately read their environment.
    - Only constant variable names are judged; a name is secret-like under FAM305's
      vocabulary, where a `KEY` token also counts (`STRIPE_KEY`, not `KEY_ID`).
      Non-secret toggles (`DEBUG`, `LOG_LEVEL`) are never reported.
    - Test files are skipped, and so are Django management commands
      (`*/management/commands/*.py`), whose environment variables are the command's
      documented interface (`DJANGO_SUPERUSER_PASSWORD`).

    ## Options
    - `--familystd-settings-modules`: glob patterns of the settings modules (default
      `*settings*.py,*config*.py,*conf.py`; a pattern without `/` matches the file name).
    - FAM305's `--familystd-secret-names` / `--familystd-secret-ignore-names`.

    ## References
    - [pydantic-settings](https://docs.pydantic.dev/latest/concepts/pydantic_settings/)
    """,
    default_enabled=False,
    skip_in_tests=True,
    options=(
        "--familystd-settings-modules",
        "--familystd-secret-names",
        "--familystd-secret-ignore-names",
    ),
)

ENV_READERS: Final = frozenset({"os.getenv", "os.environ.get", "os.environb.get"})
ENVIRONS: Final = frozenset({"os.environ", "os.environb"})
MANAGEMENT_COMMANDS: Final = "/management/commands/"


@functools.lru_cache(maxsize=256)
def _settings_module(filename: str, patterns: Sequence[str]) -> bool:
    path = filename.replace("\\", "/")
    base = path.rpartition("/")[2]
    return any(
        fnmatch.fnmatchcase(path if "/" in pattern else base, pattern)
        or ("/" in pattern and fnmatch.fnmatchcase(path, f"*/{pattern}"))
        for pattern in patterns
    )


@FAMILY.on_name("os", FAM309)
def environment_read(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in ENV_READERS and qualname not in ENVIRONS:
        return
    parent = ctx.parent_of(node)
    key: ast.expr | None = None
    if qualname in ENVIRONS:
        if (
            isinstance(parent, ast.Subscript)
            and parent.value is node
            and type(parent.ctx) is ast.Load
        ):
            key = parent.slice
    elif isinstance(parent, ast.Call) and parent.func is node and parent.args:
        key = parent.args[0]
    if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
        return
    if not _secret_variable(ctx, key.value):
        return
    if _settings_module(ctx.filename, ctx.settings.run.names("--familystd-settings-modules")):
        return
    if MANAGEMENT_COMMANDS in ctx.filename.replace("\\", "/"):
        return  # a Django command: its environment variables are its documented interface
    ctx.report(FAM309, parent, key=key.value)


def _secret_variable(ctx: Context, name: str) -> bool:
    vocabulary = policy(ctx).vocabulary
    if vocabulary is None:
        return False
    return vocabulary.is_secret_variable(name)
