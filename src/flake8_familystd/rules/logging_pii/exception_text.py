"""FAM408 (opt-in): secrets and personal data in exception messages and notes."""

from __future__ import annotations

import ast

from flake8_familystd.context import Context
from flake8_familystd.rules.logging_pii.family import FAMILY
from flake8_familystd.rules.logging_pii.log_arguments import OPTIONS
from flake8_familystd.rules.logging_pii.taint import Kind, Tracer, describe
from flake8_familystd.rules.logging_pii.vocabulary import Tier

FAM408 = FAMILY.rule(
    "FAM408",
    "sensitive-exception-message",
    "{kind} `{value}` in the {place}: name the field instead of quoting its value",
    """
    ## What it does
    Reports secrets and personal data in the arguments of a raised exception
    (`raise ValueError(f"Invalid email: {email}")`) and of `exc.add_note(...)`, directly,
    formatted, or through local assignments.

    ## Why is this bad?
    Exception text ends up in logs through `logger.exception`, in error trackers such as
    Sentry and in HTTP error details, none of which redact it. 003 and 001 show exactly
    this (`raise ValueError(f"Invalid email format: {email}")`, `exc.add_note(f"User ID:
    {user_id}")`).

    ## Example
    ```python
    raise ValueError(f"Invalid email: {email}")
    ```

    Use instead:
    ```python
    raise InvalidEmailError(field="email")
    ```

    ## Known limitations
    - Opt-in (`--extend-select FAM408`): validation errors shown to the same user who
      typed the value, and command-line tools, are legitimate uses. `raise SystemExit(...)`
      (a command-line tool's message to its operator) is reported for secrets only.
    - The vocabulary, sanitisers and options are those of FAM401. Test files are skipped.

    ## Options
    `--familystd-pii-names`, `--familystd-pii-ignore-names`, `--familystd-pii-sanitizers`,
    `--familystd-pii-identifiers` (see FAM401).

    ## References
    - openai/openai-agents-python `sensitive-logging-audit` skill (exceptions as sinks)
    - github/codeql#21595
    """,
    default_enabled=False,
    skip_in_tests=True,
    options=OPTIONS[:4],
)


@FAMILY.on(ast.Raise, FAM408)
def raised_exception(ctx: Context, node: ast.Raise) -> None:
    if isinstance(node.exc, ast.Call):
        _check(ctx, node, node.exc, "exception message")


@FAMILY.on(ast.Call, FAM408)
def exception_note(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "add_note" and len(node.args) == 1:
        _check(ctx, node, node, "exception note")


def _check(ctx: Context, node: ast.AST, call: ast.Call, place: str) -> None:
    tracer = Tracer(ctx)
    # `SystemExit("...")` is a command-line tool's message to its operator: secrets only.
    console = ctx.qualified_name(call.func) == "builtins.SystemExit"
    for argument in [*call.args, *(k.value for k in call.keywords)]:
        for finding in tracer.trace(argument):
            if console and finding.tier is not Tier.SECRET:
                continue
            if finding.kind is not Kind.BULK and finding.tier is not None:
                text = describe(ctx.source_segment(finding.node))
                ctx.report(FAM408, node, kind=finding.tier.value, value=text, place=place)
                return
