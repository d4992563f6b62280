"""The logging-PII vocabulary: tokens and tiers (the fixtures cover sinks and taint)."""

from __future__ import annotations

import pytest

from flake8_familystd.rules.logging_pii.vocabulary import Tier, classify, tokens, vocabulary

DEFAULT = vocabulary((), (), False)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("userEmailAddress", ("user", "email", "address")),
        ("APIKey", ("api", "key")),
        ("userSSN", ("user", "ssn")),
        ("X-Forwarded-For", ("x", "forwarded", "for")),
        ("access_tokens", ("access", "token")),
        ("password2", ("password", "2")),
        ("status", ("status",)),
    ],
)
def test_tokens(name: str, expected: tuple[str, ...]) -> None:
    assert tokens(name) == expected


@pytest.mark.parametrize(
    ("name", "tier"),
    [
        ("password", Tier.SECRET),
        ("db_password", Tier.SECRET),
        ("newPassword", Tier.SECRET),
        ("password_raw", Tier.SECRET),
        ("Authorization", Tier.SECRET),
        ("HTTP_COOKIE", Tier.SECRET),
        ("apiKey", Tier.SECRET),
        ("refresh_token", Tier.SECRET),
        ("auth_header", Tier.SECRET),
        ("authorization_header", Tier.SECRET),
        ("token_value", Tier.SECRET),
        ("PasswordInput", None),
        ("token", Tier.SECRET),
        ("user_email", Tier.PERSONAL),
        ("date_of_birth", Tier.PERSONAL),
        ("phone_number", Tier.PERSONAL),
        ("password_policy", None),
        ("token_count", None),
        ("email_verified", None),
        ("has_password", None),
        ("is_secret", None),
        ("next_token", None),
        ("page_token", None),
        ("max_tokens", None),
        ("password_hash", None),
        ("hashed_password", None),
        ("secret_id", None),
        ("TOKEN_ENDPOINT", None),
        ("email_template", None),
        ("passed", None),
        ("bypass", None),
        ("secretary", None),
        ("user_id", None),
        ("username", None),
        ("zip", None),
        ("name", None),
        ("address", None),
        ("full_name", None),
        ("cache_key", None),
    ],
)
def test_classify(name: str, tier: Tier | None) -> None:
    assert classify(name, DEFAULT) is tier


def test_person_receivers() -> None:
    assert classify("name", DEFAULT, "user") is Tier.PERSONAL
    assert classify("full_name", DEFAULT, "customer") is Tier.PERSONAL
    assert classify("name", DEFAULT, "member") is None
    assert classify("address", DEFAULT, "server") is None


def test_network_addresses_need_a_request() -> None:
    assert classify("REMOTE_ADDR", DEFAULT, keyed=True) is Tier.PERSONAL
    assert classify("remote_addr", DEFAULT, "request") is Tier.PERSONAL
    assert classify("remote_addr", DEFAULT) is None
    assert classify("client_ip", DEFAULT) is Tier.PERSONAL


def test_options() -> None:
    assert classify("user_id", vocabulary((), (), True)) is Tier.IDENTIFIER
    assert classify("username", vocabulary((), (), True)) is Tier.IDENTIFIER
    extended = vocabulary(("badge_number:secret", "salary"), ("email",), False)
    assert classify("badge_number", extended) is Tier.SECRET
    assert classify("monthly_salary", extended) is Tier.PERSONAL
    assert classify("user_email", extended) is None
    assert classify("email", vocabulary((), ("user_email",), False)) is Tier.PERSONAL
    assert classify("user_email", vocabulary((), ("user_email",), False)) is None
