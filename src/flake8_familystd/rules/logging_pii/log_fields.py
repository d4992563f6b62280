"""FAM402 and FAM403: sensitive fields in `extra={...}` and in structured log events."""

from __future__ import annotations

from flake8_familystd.rules.logging_pii.family import FAMILY
from flake8_familystd.rules.logging_pii.log_arguments import OPTIONS

FAM402 = FAMILY.rule(
    "FAM402",
    "sensitive-log-extra",
    '{kind} `{value}` in `extra=` of `{sink}`{origin}: use `"[REDACTED]"`, `redact(...)` or an id',
    """
    ## What it does
    Reports an `extra={...}` (or `extra=dict(...)`, or a local dict literal passed as
    `extra`) whose key names a secret or personal data with an unredacted value, or
    whose value is one.

    ## Why is this bad?
    000 shows the expected form: `extra={"memory_id": memory_id, "user_id": "[REDACTED]"}`,
    and asks to redact sensitive data. `extra` fields are indexed by log aggregators, so a
    sensitive field is searchable by everyone with access to the logs.

    ## Example
    ```python
    logger.info("Memory created", extra={"user_id": user_id, "email": req.email})
    ```

    Use instead:
    ```python
    logger.info("Memory created", extra={"user_id": "[REDACTED]", "memory_id": memory_id})
    ```

    ## Known limitations
    - A value is redacted when it is a literal (`"[REDACTED]"`, `None`, `True`), a
      sanitiser call (`redact(...)`, `mask(...)`, `hash_*(...)`, `len(...)`), a comparison,
      or a name of a derived value (`email_hash`, `user_id`).
    - `extra=ctx` built elsewhere is followed only to a dict literal assigned in the same
      function. Keys that clash with `LogRecord` attributes are another bug (ruff `G101`).

    ## Options
    `--familystd-pii-names`, `--familystd-pii-ignore-names`, `--familystd-pii-sanitizers`,
    `--familystd-pii-identifiers`, `--familystd-logger-factories` (see FAM401).

    ## References
    - flake8-logging-format `--enable-extra-whitelist` (an allow-list of keys)
    """,
    skip_in_tests=True,
    options=OPTIONS,
)

FAM403 = FAMILY.rule(
    "FAM403",
    "sensitive-log-field",
    "{kind} field `{value}` in `{sink}`{origin}: bind an id or `redact(...)` instead",
    """
    ## What it does
    Reports keyword fields of structured log calls and context binding whose name or
    value is a secret or personal data: structlog `log.info("event", email=...)`,
    `log.bind(...)`, `structlog.contextvars.bind_contextvars(...)`, loguru
    `logger.info("{email}", email=...)`, `logger.bind(...)`, `logger.contextualize(...)`.

    ## Why is this bad?
    "Never log sensitive data" (001, structlog section). The keyword names the field:
    `email=` puts an e-mail address in every event of the bound logger, for as long as
    the context lives.

    ## Example
    ```python
    log = structlog.get_logger()
    log.info("user_authenticated", email=user.email, ip_address=request.client.host)
    ```

    Use instead:
    ```python
    log.info("user_authenticated", user_id=user.id)
    ```

    ## Known limitations
    - `user_id=` and `username=` are identifiers, reported only with
      `--familystd-pii-identifiers=on`.
    - `**payload` splats are not followed. A field whose value is a literal, a sanitiser
      call or a derived value (`email_domain` is not, `email_hash` is) is not reported.
    - 003's "Structured Logging" example logs `email=` and `ip_address=` on purpose; this
      rule follows 000 and 001 (see the design note C22).

    ## Options
    `--familystd-pii-names`, `--familystd-pii-ignore-names`, `--familystd-pii-sanitizers`,
    `--familystd-pii-identifiers`, `--familystd-logger-factories` (see FAM401).

    ## References
    - none: no surveyed tool models structlog or loguru
    """,
    skip_in_tests=True,
    options=OPTIONS,
)
