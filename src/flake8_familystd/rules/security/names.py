"""Name tokens and the secret-name vocabulary (FAM305, FAM307, FAM309).

A name is split into lower-case tokens whatever its case style: `DB_PASSWORD`,
`dbPassword`, `db-password` and `"db.password"` all give `("db", "password")`. A name is
secret-like when a token (or two adjacent tokens) is in the vocabulary and no token says
the value is *about* a secret rather than the secret itself (`token_type`, `password_field`,
`NextToken`, `max_tokens`, `TOKEN_URL`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final

from flake8_familystd.words import words

# Tokens that make a name secret-like on their own.
SECRET_TOKENS: Final = frozenset(
    {
        "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "credential",
        "credentials", "privatekey", "secretkey", "accesskey", "authtoken", "accesstoken",
    }
)  # fmt: skip
# Adjacent token pairs that make a name secret-like (`api_key`, `PRIVATE_KEY`).
SECRET_PAIRS: Final = frozenset(
    {
        ("api", "key"), ("private", "key"), ("access", "key"), ("signing", "key"),
        ("encryption", "key"), ("client", "secret"), ("master", "key"), ("auth", "key"),
        ("secret", "key"),
    }
)  # fmt: skip
# Substrings that mark a run-together name (`DATABASEPASSWORD`, `dbpasswd`).
SECRET_SUBSTRINGS: Final = ("password", "passwd")

# Tokens saying the name holds something *about* a secret, not the secret itself.
QUALIFIER_TOKENS: Final = frozenset(
    {
        # kinds, labels and descriptions
        "type", "types", "kind", "name", "names", "label", "title", "help", "hint", "text",
        "description", "message", "msg", "error", "errors", "placeholder", "prompt", "verbose",
        "format", "pattern", "regex", "re", "template", "mode", "style", "scheme", "schemes",
        # places
        "url", "urls", "uri", "endpoint", "endpoints", "host", "path", "file", "filename",
        "dir", "location", "env", "var", "variable", "header", "param", "cookie", "column",
        "field", "fields", "attr", "attribute", "key", "keys", "id", "ids", "index", "slot",
        # sizes and times
        "length", "len", "size", "min", "max", "count", "num", "limit", "expiry", "expires",
        "expiration", "ttl", "timeout", "age", "lifetime", "duration", "seconds", "days",
        # paginators, states and flags
        "next", "prev", "previous", "continuation", "cursor", "marker", "page", "reset",
        "required", "enabled", "disabled", "is", "has", "use", "should", "needs", "changed",
        "valid", "invalid", "expired", "verified", "strength", "policy", "validator",
        "validators", "rules", "check", "checker",
        # machinery around a secret
        "hash", "hashed", "hasher", "hashers", "digest", "salt", "encoder", "generator",
        "backend", "backends", "store", "storage", "cache", "manager", "provider", "handler",
        "callback", "method", "func", "function", "class", "cls", "factory", "getter",
        "setter", "auth", "obtain", "refresh", "widget", "form", "input", "confirm",
        "confirmation", "chars", "charset", "alphabet", "characters", "separator", "sep",
        "prefix", "suffix", "mask", "masked", "redacted", "sensitive", "stub", "test",
        "tokens", "tokenizer", "tokenize", "tokenized", "secrets", "part", "parts",
        "pat", "regexp", "matcher", "parser", "splitter", "split",
    }
)  # fmt: skip
# `auth`, `refresh` and `key` qualify a bare `token`/`secret` only when they come after it:
# `auth_token` and `refresh_token` hold tokens, `token_auth` and `token_refresh` do not.
_LEADING_ALLOWED: Final = frozenset({"auth", "refresh", "key", "id", "access", "client"})

PASSWORD_TOKENS: Final = frozenset({"password", "passwd", "passphrase", "pwd"})
HASHED_TOKENS: Final = frozenset(
    {"hash", "hashed", "digest", "encrypted", "encoded", "salt", "salted", "hasher"}
)


@functools.lru_cache(maxsize=4096)
def tokens(name: str) -> tuple[str, ...]:
    """Lower-case word tokens of any snake, kebab, dotted, camel or upper-case name."""
    return words(name)


class Vocabulary:
    """The secret-name vocabulary of one run (built-ins plus the user's options)."""

    __slots__ = ("_verdicts", "ignored", "secret")

    def __init__(self, secret: frozenset[str], ignored: frozenset[str]) -> None:
        self.secret = secret
        self.ignored = ignored
        self._verdicts: dict[str, bool] = {}

    def is_secret(self, name: str) -> bool:
        """Does `name` (an identifier, key or keyword) name a secret value?"""
        verdict = self._verdicts.get(name)
        if verdict is None:
            verdict = self._verdicts[name] = self._judge(name)
        return verdict

    def _judge(self, name: str) -> bool:
        words = tokens(name)
        if not words or self.ignores(name):
            return False
        hit = -1
        for index, word in enumerate(words):
            if (
                word in self.secret
                or (index and (words[index - 1], word) in SECRET_PAIRS)
                or any(part in word for part in SECRET_SUBSTRINGS)
            ):
                hit = index
        if hit < 0:
            return False
        return not any(
            word in QUALIFIER_TOKENS
            and not (index < hit and word in _LEADING_ALLOWED)
            and not (index == hit or (index == hit - 1 and (word, words[hit]) in SECRET_PAIRS))
            for index, word in enumerate(words)
        )

    def is_password(self, name: str) -> bool:
        """A password-named value that is not already a hash of one."""
        words = tokens(name)
        return (
            any(word in PASSWORD_TOKENS for word in words)
            and not any(word in HASHED_TOKENS for word in words)
            and not self.ignores(name)
        )

    def is_secret_variable(self, name: str) -> bool:
        """An environment variable name: like `is_secret`, and `STRIPE_KEY` counts too."""
        words = tokens(name)
        return self.is_secret(name) or (
            len(words) > 1
            and words[-1] == "key"
            and not QUALIFIER_TOKENS.intersection(words[:-1])
            and not self.ignores(name)
        )

    def ignores(self, name: str) -> bool:
        """Is `name` (or one of its tokens) in `--familystd-secret-ignore-names`?"""
        ignored = self.ignored
        words = tokens(name)
        return bool(ignored) and (
            name.lower() in ignored
            or "_".join(words) in ignored
            or any(word in ignored for word in words)
        )


@functools.lru_cache(maxsize=16)
def vocabulary(extra: Sequence[str], ignored: Sequence[str]) -> Vocabulary:
    """The run's vocabulary: `--familystd-secret-names` / `--familystd-secret-ignore-names`."""
    extra_tokens = {word for name in extra for word in tokens(name)}
    return Vocabulary(
        secret=SECRET_TOKENS | extra_tokens,
        ignored=frozenset(name.strip().lower() for name in ignored if name.strip()),
    )
