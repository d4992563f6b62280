"""FAM405: whole requests, headers, bodies, environments and model dumps in logs."""

from __future__ import annotations

from flake8_familystd.rules.logging_pii.family import FAMILY

FAM405 = FAMILY.rule(
    "FAM405",
    "bulk-log-dump",
    "`{value}` dumps a whole container of sensitive data into `{sink}`{origin}: log the fields you "
    "need (`request.url.path`, `request.method`)",
    """
    ## What it does
    Reports request and response parts that carry credentials and personal data in bulk,
    and whole-object dumps, reaching a log call or `print`: `request.headers`,
    `request.cookies`, `request.url` (not `request.url.path`), `request.query_params`,
    `request.META` / `.POST` / `.GET` / `.body` (Django), `request.json` / `.data` /
    `.args` / `.form` / `.get_json()` (Flask, DRF), `await request.json()` / `.body()` /
    `.text()`, `response.text` / `.content` / `.json()` in log calls, `os.environ` and
    `locals()`; with `--familystd-pii-model-dumps=on`, also pydantic `.model_dump()` /
    `.model_dump_json()`, `vars(obj)` and `obj.__dict__`.

    ## Why is this bad?
    Headers carry `Authorization` and `Cookie`, bodies carry passwords and personal data,
    URLs carry tokens in their query strings (002), and a model dump carries every field a
    later change adds. Logging the whole thing leaks whatever it holds today and tomorrow.

    ## Example
    ```python
    logger.debug("incoming", extra={"headers": dict(request.headers), "body": await request.json()})
    logger.info("saved %s", user.model_dump())
    ```

    Use instead:
    ```python
    logger.debug("incoming", extra={"path": request.url.path, "method": request.method})
    ```

    ## Known limitations
    - `print` and `sys.stdout.write` / `sys.stderr.write` are console output for the
      operator: only secrets are reported there, not dumps.
    - Requests and responses are recognised by name (`request`, `req`, `response`,
      `resp`); `response.url` is not reported (it is the address that was called).
    - A single header (`request.headers.get("X-Request-Id")`) is judged by its name, like
      any other value (FAM401). `.dict()` is not reported (too many non-pydantic `dict`
      methods). A redacting middleware configured elsewhere is invisible: ignore the rule
      for such modules. Test files are skipped.

    ## Options
    - `--familystd-pii-model-dumps` (`on` | `off`, default `off`): also report whole-model
      dumps. Off by default because models that type their secrets as `SecretStr` dump
      them masked.
    - `--familystd-logger-factories` (see FAM401).

    ## References
    - privlog `PL1301`/`PL1302` (request headers and bodies)
    - CodeQL's example `print(f"[INFO] Environment: {os.environ}")`
    """,
    skip_in_tests=True,
    options=("--familystd-pii-model-dumps", "--familystd-logger-factories"),
)
