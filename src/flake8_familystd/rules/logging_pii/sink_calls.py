"""The one handler of every sink call: trace its arguments once, report FAM401-FAM406.

Each argument is traced once; where a finding is (message and arguments, `extra=`,
keyword fields) and what it is (a named value, an unwrapped secret, a bulk dump) decide
the code. Each code is reported once per call, on the call's first line.
"""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.registry import Rule
from flake8_familystd.rules.logging_pii.bulk_dumps import FAM405
from flake8_familystd.rules.logging_pii.family import FAMILY
from flake8_familystd.rules.logging_pii.log_arguments import FAM401, FAM404
from flake8_familystd.rules.logging_pii.log_fields import FAM402, FAM403
from flake8_familystd.rules.logging_pii.secrets import FAM406
from flake8_familystd.rules.logging_pii.sinks import (
    SINK_METHODS,
    SINK_NAMES,
    Sink,
    remember_instance_logger,
    sink_of,
)
from flake8_familystd.rules.logging_pii.taint import (
    Finding,
    Kind,
    Tracer,
    describe,
    remember_secret_field,
)
from flake8_familystd.rules.logging_pii.vocabulary import Tier
from flake8_familystd.scope import BindingKind

# Console output is for the operator (a CLI prints the e-mail it was given): secrets only.
CONSOLE: Final = frozenset({"print", "write"})
# Keywords of stdlib logging and `print` that are options, not data.
OPTION_KEYWORDS: Final = frozenset(
    {"exc_info", "stack_info", "stacklevel", "extra", "file", "sep", "end", "flush"}
)


@FAMILY.on(ast.Call, FAM401, FAM402, FAM403, FAM404, FAM405, FAM406)
def sink_call(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if type(func) is ast.Attribute:
        if func.attr not in SINK_METHODS:
            return
    elif type(func) is not ast.Name or func.id not in SINK_NAMES:
        return  # cheap first: almost every call is neither
    sink = sink_of(ctx, node)
    if sink is None:
        return
    tracer = Tracer(ctx)
    verdicts: dict[Rule, tuple[Finding, str]] = {}
    arguments = node.args if sink.kind != "write" else node.args[:1]
    secrets_only = sink.kind in CONSOLE
    for argument in arguments:
        for finding in tracer.trace(argument):
            if not secrets_only or finding.tier is Tier.SECRET:
                _judge(verdicts, finding, FAM404 if finding.interpolated else FAM401)
    for keyword in node.keywords:
        if keyword.arg == "extra" and sink.kind == "log":
            _extra(ctx, tracer, verdicts, keyword.value)
        elif keyword.arg is not None and keyword.arg not in OPTION_KEYWORDS:
            _field(tracer, verdicts, sink, keyword)
    for rule, (finding, text) in verdicts.items():
        _report(ctx, rule, node, finding, text)


@FAMILY.on(ast.Assign, FAM401, FAM402, FAM403, FAM404, FAM405, FAM406)
def instance_logger(ctx: Context, node: ast.Assign) -> None:
    if type(node.targets[0]) is ast.Attribute and type(node.value) is ast.Call:
        remember_instance_logger(ctx, node)


@FAMILY.on(ast.AnnAssign, FAM401, FAM402, FAM403, FAM404, FAM405, FAM406)
def secret_field(ctx: Context, node: ast.AnnAssign) -> None:
    if ctx.where.class_ is not None:
        remember_secret_field(ctx, node)


def _judge(
    verdicts: dict[Rule, tuple[Finding, str]], finding: Finding, rule: Rule, text: str = ""
) -> None:
    """Keep the first finding of each code; unwraps and dumps have codes of their own."""
    if finding.kind is Kind.UNWRAP:
        rule = FAM406
    elif finding.kind is Kind.BULK:
        rule = FAM405
    verdicts.setdefault(rule, (finding, text))


def _extra(
    ctx: Context, tracer: Tracer, verdicts: dict[Rule, tuple[Finding, str]], value: ast.expr
) -> None:
    """`extra={...}`, `extra=dict(...)` or a name assigned one of those."""
    if isinstance(value, ast.Name):
        binding = ctx.lookup(value.id)
        if binding is not None and binding.kind is BindingKind.ASSIGNMENT:
            value = binding.value or value
    fields: list[tuple[str | None, ast.expr]] = []
    if isinstance(value, ast.Dict):
        for key, item in zip(value.keys, value.values, strict=True):
            name = key.value if isinstance(key, ast.Constant) else None
            fields.append((name if isinstance(name, str) else None, item))
    elif isinstance(value, ast.Call) and ctx.qualified_name(value.func) == "builtins.dict":
        fields.extend((k.arg, k.value) for k in value.keywords)
    else:
        return
    for name, item in fields:
        tier = tracer.sensitive_key(name, item)
        if tier is not None:
            _judge(verdicts, Finding(Kind.VALUE, tier, item, False), FAM402, name or "")
            continue
        for finding in tracer.trace(item):
            _judge(verdicts, finding, FAM402)


def _field(
    tracer: Tracer, verdicts: dict[Rule, tuple[Finding, str]], sink: Sink, keyword: ast.keyword
) -> None:
    """A structured field: `log.info("event", email=...)`, `log.bind(token=...)`."""
    name = keyword.arg or ""
    tier = tracer.sensitive_key(name, keyword.value) if sink.keyword_fields else None
    if tier is not None:
        _judge(verdicts, Finding(Kind.VALUE, tier, keyword.value, False), FAM403, name)
        return
    for finding in tracer.trace(keyword.value):
        _judge(verdicts, finding, FAM403 if sink.keyword_fields else FAM401)


def _report(ctx: Context, rule: Rule, node: ast.Call, finding: Finding, text: str) -> None:
    value = text or describe(ctx.source_segment(finding.node))
    origin = ""
    if finding.via is not None and not text:
        value, origin = finding.via.id, f" (it holds `{value}`)"
    sink = describe(ctx.source_segment(node.func))
    if rule is FAM405 or rule is FAM406:
        ctx.report(rule, node, value=value, sink=sink, origin=origin)
    else:
        kind = finding.tier.value if finding.tier is not None else "sensitive value"
        ctx.report(rule, node, kind=kind, value=value, sink=sink, origin=origin)
