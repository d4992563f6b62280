"""FAM401 and FAM404: sensitive values passed to, or interpolated into, a log call."""

from __future__ import annotations

from flake8_familystd.rules.logging_pii.family import FAMILY

OPTIONS = (
    "--familystd-pii-names",
    "--familystd-pii-ignore-names",
    "--familystd-pii-sanitizers",
    "--familystd-pii-identifiers",
    "--familystd-logger-factories",
)

FAM401 = FAMILY.rule(
    "FAM401",
    "sensitive-log-argument",
    "{kind} `{value}` is passed to `{sink}`{origin}: log an id or `redact({value})` instead",
    """
    ## What it does
    Reports a secret (password, token, API key, authorization header, cookie, ...) or
    personal data (e-mail, phone, SSN, date of birth, IP address, card number, ...) passed
    as an argument of a log call, `print`, `sys.stdout.write` or `sys.stderr.write`.

    Loggers are recognised by where they come from: `logging.getLogger(...)`,
    `structlog.get_logger()`, `loguru.logger`, `observability.logging.get_logger`, the
    result of `.bind(...)` / `.opt(...)` on one of those, parameters annotated
    `logging.Logger`, and attributes or imports named like a logger (`self.log`,
    `app.logger`). Values are recognised by name, on name tokens (`userEmail`,
    `user.email`, `data["ssn"]`, `request.headers["Authorization"]`, `get_password()`),
    and followed through local assignments, `str()`, containers and slices.

    ## Why is this bad?
    "Never log sensitive data (passwords, tokens, PII)" (001); "Never Log PII" (000).
    Logs are copied to aggregators, tickets and laptops and kept for months; a secret in a
    log is a leaked secret, and personal data in a log is a GDPR liability.

    ## Example
    ```python
    logger = logging.getLogger(__name__)
    logger.info("login %s / %s", user.email, password)
    print("token", token)
    ```

    Use instead:
    ```python
    logger.info("login_attempt", extra={"user_id": user.id})
    print("token", redact(token))
    ```

    ## Known limitations
    - Only names say what a value is: a password in a variable called `x` is missed, and
      names are matched on whole tokens, so `password_policy`, `token_count`,
      `email_verified`, `has_password`, `next_token` and `password_hash` are not sensitive
      (the sensitive word must be the last one, give or take `value`/`raw`/digits).
    - Safe: sanitisers (`redact()`, `mask()`, `hash_*()`, `len()`, `bool()`, anything
      whose name says it hashes, masks, redacts or encrypts), comparisons (`x is None`),
      literals, parameters and class fields annotated `SecretStr` in the same file.
      Slicing is not a sanitiser (`token[:8]` leaks a prefix).
    - Identifiers (`user_id`, `username`) are only reported with
      `--familystd-pii-identifiers=on`. Bare `name` and `address` count only on a
      person (`user.name`, `customer.address`).
    - `print`, `sys.stdout.write` and `sys.stderr.write` are console output for the
      operator (command-line tools print the e-mail address they were given): only
      secrets are reported there, personal data only in logs.
    - Interpolated values are FAM404, unwrapped `SecretStr`s FAM406, whole requests
      FAM405, `extra=` FAM402 and structured fields FAM403. Test files are skipped.

    ## Options
    - `--familystd-pii-names`: extra terms (`pin`, `badge_number:secret`; tiers `secret`,
      `personal` (the default), `identifier`).
    - `--familystd-pii-ignore-names`: names or tokens that are never sensitive.
    - `--familystd-pii-sanitizers`: extra sanitiser functions (bare or qualified names).
    - `--familystd-pii-identifiers`: `on` also reports identifiers.
    - `--familystd-logger-factories`: extra functions returning a logger.

    ## References
    - CodeQL `py/clear-text-logging-sensitive-data`
    - semgrep `python-logger-credential-disclosure`
    """,
    skip_in_tests=True,
    options=OPTIONS,
)

FAM404 = FAMILY.rule(
    "FAM404",
    "sensitive-log-message",
    "{kind} `{value}` is interpolated into the message of `{sink}`{origin}: log an event name and "
    "an id, or `redact({value})`",
    """
    ## What it does
    Reports a secret or personal data formatted into the text of a log message or a
    printed line: f-string fields, `%` operands, `.format()` arguments, `+`
    concatenation and `"".join(...)`, directly or through local assignments
    (`msg = f"reset for {email}"; logger.info(msg)`).

    ## Why is this bad?
    "Never log sensitive data (passwords, tokens, PII)" (001). Once a value is part of the
    message text it can no longer be filtered or redacted by a logging processor keyed on
    field names: it is copied verbatim wherever the log goes.

    ## Example
    ```python
    logger.info(f"Password reset for {user.email}")
    ```

    Use instead:
    ```python
    logger.info("password_reset_requested", extra={"user_id": user.id})
    ```

    ## Known limitations
    - Words in the template itself are never reported (`"token refreshed for %s"` with a
      user id is fine): only the interpolated values are.
    - The vocabulary, sanitisers and logger recognition are those of FAM401, with the
      same options. Test files are skipped.

    ## Options
    `--familystd-pii-names`, `--familystd-pii-ignore-names`, `--familystd-pii-sanitizers`,
    `--familystd-pii-identifiers`, `--familystd-logger-factories` (see FAM401).

    ## References
    - CodeQL `py/clear-text-logging-sensitive-data`
    - ruff `G001`-`G004` (the style half: formatting in log calls)
    """,
    skip_in_tests=True,
    options=OPTIONS,
)
