"""FAM406: an unwrapped secret (`.get_secret_value()`, `getpass()`) reaches a sink."""

from __future__ import annotations

from flake8_familystd.rules.logging_pii.family import FAMILY

FAM406 = FAMILY.rule(
    "FAM406",
    "unwrapped-secret-logged",
    "unwrapped secret `{value}` reaches `{sink}`{origin}: log `bool(...)` or nothing instead",
    """
    ## What it does
    Reports `.get_secret_value()` of a pydantic `SecretStr` / `SecretBytes`,
    `getpass.getpass()` and `keyring.get_password()` reaching a log call or `print`,
    directly, formatted, or through local assignments.

    ## Why is this bad?
    `SecretStr` exists so that secrets render as `**********` (002 types `api_key:
    SecretStr`); unwrapping one inside a log call defeats it, and "Never log sensitive
    data (passwords, tokens ...)" (001).

    ## Example
    ```python
    logger.info("calling provider with key %s", settings.api_key.get_secret_value())
    ```

    Use instead:
    ```python
    logger.info("calling_provider", key_configured=bool(settings.api_key))
    ```

    ## Known limitations
    - `len()`, `bool()`, `hash()` and other sanitisers of the unwrapped value are safe.
    - A `SecretStr` logged without unwrapping is safe and not reported. Secrets read from
      settings attributes by name (`settings.SECRET_KEY`) are FAM401. Test files are
      skipped.

    ## Options
    `--familystd-pii-sanitizers` (extra sanitiser functions) and
    `--familystd-logger-factories` (extra logger factories), see FAM401.

    ## References
    - pydantic `SecretStr`; github/codeql#21595
    """,
    skip_in_tests=True,
    options=("--familystd-pii-sanitizers", "--familystd-logger-factories"),
)
