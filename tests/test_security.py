"""The security family's name vocabulary and secret-value heuristics, case by case."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_familystd.rules.security.names import tokens, vocabulary
from flake8_familystd.rules.security.secret_values import known_format, secret_like
from tests.harness import run_flake8

VOCABULARY = vocabulary((), ())
NO_PLACEHOLDERS: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("DB_PASSWORD", ("db", "password")),
        ("dbPassword", ("db", "password")),
        ("db-password", ("db", "password")),
        ("db.password", ("db", "password")),
        ("NextToken", ("next", "token")),
        ("HTTPApiKey", ("http", "api", "key")),
        ("password2", ("password", "2")),
    ],
)
def test_tokens(name: str, expected: tuple[str, ...]) -> None:
    assert tokens(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "password", "DATABASEPASSWORD", "dbPassword", "api_key", "apiKey", "SECRET_KEY",
        "client_secret", "access_token", "refresh_token", "auth_token", "PRIVATE_KEY",
        "aws_secret_access_key", "new_password1", "credentials", "passphrase",
    ],
)  # fmt: skip
def test_secret_names(name: str) -> None:
    assert VOCABULARY.is_secret(name)


@pytest.mark.parametrize(
    "name",
    [
        # user-asks §3.2: names that bandit and ruff report wrongly
        "NextToken", "token_type", "password_field", "max_tokens", "TOKEN_URL",
        "TOKEN_ENDPOINT", "split_token", "passed", "secret_key_name", "PASSWORD_RESET_TIMEOUT",
        "PASSWORD_HASHERS", "password_hash", "token_id", "jwt_token_parts", "TOKEN_CHARS",
        "is_secret", "api_key_header", "bypass", "cache_key", "session_key",
    ],
)  # fmt: skip
def test_not_secret_names(name: str) -> None:
    assert not VOCABULARY.is_secret(name)


def test_options_extend_and_shrink_the_vocabulary() -> None:
    custom = vocabulary(("pin", "otp"), ("csrf_token", "session"))
    assert custom.is_secret("PIN") and custom.is_secret("otp_seed")
    assert not custom.is_secret("csrf_token") and not custom.is_secret("csrfToken")
    assert not custom.is_secret("session_secret")
    assert custom.is_secret("auth_token")


def test_environment_variable_keys() -> None:
    assert VOCABULARY.is_secret_variable("STRIPE_KEY")
    assert not VOCABULARY.is_secret_variable("SSH_KEY_PATH")
    assert not VOCABULARY.is_secret_variable("DEBUG")


@pytest.mark.parametrize(
    "value", ["hunter2!", "sk_live_9f8a7c3b1e2d", "Tr0ub4dor&3", "a06b-c462cffae87a", "123456"]
)
def test_secret_like_values(value: str) -> None:
    assert secret_like(value, NO_PLACEHOLDERS)


@pytest.mark.parametrize(
    "value",
    [
        "", "1", "abc", "changeme", "refresh_token", "Bearer", "NextToken", "DB_PASSWORD",
        "${SECRET}", "<token>", "{password}", "%(password)s", "https://x.org/token",
        "/run/secrets/db", "xxxxxxxx", "********", "your-api-key", "Enter the password",
        "my_name_1", "Orange-2", "_sa_default", "django.contrib.auth.hashers.Argon2Hasher",
        r"^([^\.\s]*)\.([^\.\s]+)$",
    ],
)  # fmt: skip
def test_not_secret_like_values(value: str) -> None:
    assert not secret_like(value, NO_PLACEHOLDERS)


def test_placeholders_option() -> None:
    assert not secret_like("dev-only-key-1", frozenset({"dev-only-key-1"}))


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("AKIAIOSFODNN7EXAMPLE", "AWS access key id"),
        ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub token"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "private key"),
        ("xoxb-1234567890-abcdef", "Slack token"),
        ("a sentence about AKIA keys", None),
        ("-----BEGIN PUBLIC KEY-----", None),
    ],
)
def test_known_formats(value: str, kind: str | None) -> None:
    assert known_format(value) == kind


CHECKS_INPUT = "def parse(text: str) -> str:\n    assert text\n    return text\n"


@pytest.mark.parametrize(
    ("module", "reported"),
    [
        ("parser.py", True), ("__init__.py", True), ("_parser.py", False),
        ("_internal/parser.py", False), ("__pycache__/parser.py", True),
    ],
)  # fmt: skip
def test_assert_in_private_module(tmp_path: Path, module: str, reported: bool) -> None:
    path = tmp_path / module
    path.parent.mkdir(exist_ok=True)
    path.write_text(CHECKS_INPUT, encoding="utf-8")
    reports = run_flake8([path], ["--select=FAM306"])
    assert [r.code for r in reports] == (["FAM306"] if reported else [])


READS_SECRET = 'import os\n\npassword = os.environ["DJANGO_SUPERUSER_PASSWORD"]\n'


@pytest.mark.parametrize(
    ("where", "reported"),
    [("app/services", True), ("app/management/commands", False)],
)
def test_secret_read_in_management_command(tmp_path: Path, where: str, reported: bool) -> None:
    path = tmp_path / where / "createsuperuser.py"
    path.parent.mkdir(parents=True)
    path.write_text(READS_SECRET, encoding="utf-8")
    reports = run_flake8([path], ["--select=FAM309"])
    assert [r.code for r in reports] == (["FAM309"] if reported else [])
