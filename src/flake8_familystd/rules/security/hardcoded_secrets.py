"""FAM305: hard-coded secrets (a secret-like name given a secret-like literal, or a known key)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.rules.security.secret_values import (
    MIN_LENGTH,
    known_format,
    policy,
    secret_like,
)

FAM305 = FAMILY.rule(
    "FAM305",
    "hardcoded-secret",
    "hard-coded {what}; read it from the environment or a settings object (`SecretStr`)",
    """
    ## What it does
    Reports a string literal given to a secret-like name: an assignment or annotated
    default (`API_KEY = "..."`, `self.password = "..."`, `data["token"] = "..."`), a keyword
    argument (`connect(password="...")`), a dict entry (`{"client_secret": "..."}`), a
    parameter default and a comparison (`if password == "..."`). Literals in a known
    credential format (AWS access key ids, GitHub/GitLab/Slack tokens, Stripe live keys,
    Google API keys, PEM private keys) are reported whatever the name.

    A name is split into tokens whatever its case style (`dbPassword`, `DB_PASSWORD`,
    `"db-password"`); it is secret-like when a token is `password`, `passwd`, `passphrase`,
    `pwd`, `secret`, `token`, `credential(s)`, `apikey`, or a pair such as `api_key`,
    `private_key`, `access_key`, `secret_key`, `client_secret`, and no token says the
    value is *about* a secret: `token_type`, `password_field`, `TOKEN_URL`, `NextToken`,
    `max_tokens`, `PASSWORD_RESET_TIMEOUT`, `secret_key_name` are not secrets.

    ## Why is this bad?
    "**Never** hardcode credentials, API keys, or secrets" (001); "Never store secrets in
    code" (003). Source code is copied, shared and kept forever; a secret in it can no
    longer be rotated or kept from anyone who reads the repository.

    ## Example
    ```python
    API_KEY = "sk_live_9f8a7c3b1e"
    ```

    Use instead:
    ```python
    from pydantic import SecretStr
    from pydantic_settings import BaseSettings


    class Settings(BaseSettings):
        api_key: SecretStr
    ```

    ## Known limitations
    - Only literals are judged. Not reported: values shorter than 6 characters, values
      with whitespace, labels and identifiers without digits (`"refresh_token"`,
      `"Bearer"`, `"DB_PASSWORD"`), dotted paths, URLs and paths, templates (`"${X}"`,
      `"{password}"`, `"%s"`), placeholders (`"changeme"`, `"<token>"`, `"xxxx"`,
      `"your-api-key"`), and anything wrapped in a call (`SecretStr(...)`,
      `os.environ.get("TOKEN", ...)`).
    - A literal without digits or symbols (`"supersecret"`) is read as a label and missed.
    - Test files and stubs are skipped.

    ## Options
    - `--familystd-secret-names`: extra name tokens that mark a secret (`pin,otp`).
    - `--familystd-secret-ignore-names`: names or name tokens that are never secrets
      (`csrf_token,session`).
    - `--familystd-secret-placeholders`: extra literal values that are stand-ins, not
      secrets (`dev-only-key`).

    ## References
    - ruff `S105` / `S106` / `S107`, bandit `B105` to `B107`; detect-secrets
    """,
    skip_in_tests=True,
    options=(
        "--familystd-secret-names",
        "--familystd-secret-ignore-names",
        "--familystd-secret-placeholders",
    ),
)


def _target_name(target: ast.expr) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript):
        key = target.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
    return None


def _check(ctx: Context, name: str | None, value: ast.expr | None) -> None:
    if type(value) is not ast.Constant:
        return
    text = value.value
    if type(text) is not str or ctx.is_stub:
        return
    kind = known_format(text)
    if kind is not None:
        ctx.report(FAM305, value, what=kind)
    elif name is not None and len(text) >= MIN_LENGTH:
        found = policy(ctx)
        vocabulary = found.vocabulary
        if (
            vocabulary is not None
            and vocabulary.is_secret(name)
            and secret_like(text, found.placeholders)
        ):
            ctx.report(FAM305, value, what=f"secret in `{name}`")


def _pairs(targets: list[ast.expr], value: ast.expr) -> Iterator[tuple[ast.expr, ast.expr]]:
    for target in targets:
        if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)):
            if len(target.elts) == len(value.elts):
                yield from zip(target.elts, value.elts, strict=True)
        else:
            yield target, value


def assignment(ctx: Context, node: ast.Assign) -> None:
    """`API_KEY = "..."`, `self.password = "..."`, `data["token"] = "..."` (from dispatch)."""
    for target, item in _pairs(node.targets, node.value):
        _check(ctx, _target_name(target), item)


@FAMILY.on(ast.AnnAssign, FAM305)
def annotated_assignment(ctx: Context, node: ast.AnnAssign) -> None:
    if isinstance(node.value, ast.Constant):
        _check(ctx, _target_name(node.target), node.value)


def keyword_arguments(ctx: Context, node: ast.Call) -> None:
    """`connect(password="...")` (from dispatch)."""
    for keyword in node.keywords:
        if type(keyword.value) is ast.Constant:
            _check(ctx, keyword.arg, keyword.value)


@FAMILY.on(ast.Dict, FAM305)
def dict_entry(ctx: Context, node: ast.Dict) -> None:
    for key, value in zip(node.keys, node.values, strict=True):
        if isinstance(value, ast.Constant):
            name = key.value if isinstance(key, ast.Constant) else None
            _check(ctx, name if isinstance(name, str) else None, value)


@FAMILY.on(ast.arguments, FAM305)
def parameter_default(ctx: Context, node: ast.arguments) -> None:
    if not node.defaults and not node.kw_defaults:
        return
    positional = [*node.posonlyargs, *node.args]
    defaulted = positional[len(positional) - len(node.defaults) :]
    for arg, default in zip(defaulted, node.defaults, strict=True):
        _check(ctx, arg.arg, default)
    for arg, kw_default in zip(node.kwonlyargs, node.kw_defaults, strict=True):
        _check(ctx, arg.arg, kw_default)


@FAMILY.on(ast.Compare, FAM305)
def comparison(ctx: Context, node: ast.Compare) -> None:
    if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        return
    left, right = node.left, node.comparators[0]
    if isinstance(left, ast.Constant):
        left, right = right, left
    _check(ctx, _target_name(left), right)


def positional_argument(ctx: Context, node: ast.Call) -> None:
    """Only known credential formats: a positional argument has no name to judge."""
    for arg in node.args:
        if type(arg) is ast.Constant and type(arg.value) is str and len(arg.value) >= 15:
            _check(ctx, None, arg)
