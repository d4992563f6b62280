"""The shared identifier tokenizer of the name vocabularies."""

from __future__ import annotations

import pytest

from flake8_familystd.words import words


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("password_policy", ("password", "policy")),
        ("NextToken", ("next", "token")),
        ("userEmailAddress", ("user", "email", "address")),
        ("API_KEY", ("api", "key")),
        ("APIKey", ("api", "key")),
        ("x-api-key", ("x", "api", "key")),
        ("db.password", ("db", "password")),
        ("HTTPServer2", ("http", "server", "2")),
        ("__dunder__", ("dunder",)),
        ("", ()),
    ],
)
def test_words(name: str, expected: tuple[str, ...]) -> None:
    assert words(name) == expected
