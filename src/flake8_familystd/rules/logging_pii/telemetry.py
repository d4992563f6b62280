"""FAM407 (opt-in): secrets and personal data in span attributes and metric labels."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.logging_pii.family import FAMILY
from flake8_familystd.rules.logging_pii.taint import Kind, Tracer, describe
from flake8_familystd.rules.logging_pii.vocabulary import Tier

FAM407 = FAMILY.rule(
    "FAM407",
    "sensitive-telemetry-attribute",
    "{kind} `{value}` in a {place}: record an id or a hash (`hash_id(...)`) instead",
    """
    ## What it does
    Reports secrets and personal data in OpenTelemetry span attributes
    (`span.set_attribute(key, value)`, `set_attributes({...})`, `add_event(name,
    {...})`, `start_as_current_span(name, attributes={...})`) and in Prometheus metric
    labels (`counter.labels(email=...)`), by key or by value.

    ## Why is this bad?
    Traces and metrics go to third-party backends with their own retention and access
    rules, and metric labels are indexed forever. 000 redacts even `user_id` in logs;
    putting an e-mail address in a span attribute leaks it past every log filter.

    ## Example
    ```python
    span.set_attribute("user.email", user.email)
    requests_total.labels(email=user.email).inc()
    ```

    Use instead:
    ```python
    span.set_attribute("user.id_hash", hash_id(user.id))
    ```

    ## Known limitations
    - Opt-in (`--extend-select FAM407`): 001 asks for ids in span attributes
      (`span.set_attribute("user.id", user_id)`), so identifiers are never reported here,
      only the secret and personal-data tiers.
    - Only files that import `opentelemetry`, `ddtrace`, `prometheus_client` or the
      standards' `observability` package are checked.

    ## Options
    `--familystd-pii-names`, `--familystd-pii-ignore-names`, `--familystd-pii-sanitizers`
    (see FAM401).

    ## References
    - OpenTelemetry semantic conventions: `enduser.*` attributes are opt-in
    """,
    default_enabled=False,
    skip_in_tests=True,
    options=("--familystd-pii-names", "--familystd-pii-ignore-names", "--familystd-pii-sanitizers"),
)

SPAN_METHODS: Final = frozenset(
    {"set_attribute", "set_attributes", "add_event", "start_as_current_span", "start_span"}
)
TELEMETRY_MODULES: Final = ("opentelemetry", "ddtrace", "prometheus_client", "observability")


@FAMILY.on(ast.Call, FAM407)
def telemetry_call(ctx: Context, node: ast.Call) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute):
        return
    method = func.attr
    if method not in SPAN_METHODS and method != "labels":
        return
    if not any(ctx.seen(module) for module in TELEMETRY_MODULES):
        return
    place = "metric label" if method == "labels" else "span attribute"
    tracer = Tracer(ctx)
    fields: list[tuple[str | None, ast.expr]] = []
    if method == "set_attribute" and len(node.args) == 2:
        key = node.args[0]
        text = key.value if isinstance(key, ast.Constant) else None
        fields.append((text if isinstance(text, str) else None, node.args[1]))
    elif method == "labels":
        fields.extend((None, arg) for arg in node.args)
        fields.extend((k.arg, k.value) for k in node.keywords)
    else:
        for value in [*node.args, *(k.value for k in node.keywords if k.arg == "attributes")]:
            if isinstance(value, ast.Dict):
                for entry, item in zip(value.keys, value.values, strict=True):
                    name = entry.value if isinstance(entry, ast.Constant) else None
                    fields.append((name if isinstance(name, str) else None, item))
    for name, value in fields:
        tier = tracer.sensitive_key(name, value)
        if tier is not None and tier is not Tier.IDENTIFIER:
            ctx.report(FAM407, node, kind=tier.value, value=name, place=place)
            return
        for finding in tracer.trace(value):
            if finding.kind is not Kind.BULK and finding.tier not in (None, Tier.IDENTIFIER):
                text = describe(ctx.source_segment(finding.node))
                ctx.report(FAM407, node, kind=finding.tier.value, value=text, place=place)
                return
