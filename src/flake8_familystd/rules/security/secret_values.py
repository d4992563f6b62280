"""Which string literals look like secrets (FAM305): placeholders, labels, known formats."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.names import Vocabulary, vocabulary

MIN_LENGTH: Final = 6
# Values that stand in for a secret (compared lower-case, as substrings).
PLACEHOLDER_MARKERS: Final = (
    "changeme", "change_me", "change-me", "changeit", "placeholder", "your_", "your-",
    "yourpass", "example", "dummy", "redacted", "xxxx", "****", "....", "<", "${", "{{", "%(",
    "%s", "://", "replace_me", "replace-me", "insert_", "todo", "fixme", "notasecret",
    "not-a-secret", "not_a_secret", "secret_here", "key_here",
)  # fmt: skip
# Words, dotted or joined by separators, no digits: `"refresh_token"`, `"Bearer"`,
# `"x-api-key"`, `"NextToken"`, `"DB_PASSWORD"`, `"auth.token"`.
LABEL: Final = re.compile(r"[._\-:/]*[A-Za-z]+(?:[._\-:/]+[A-Za-z]+)*[._\-:/]*")
# Words and numbers joined by separators, each chunk all letters or all digits: names with
# an index (`"my_name_1"`, `"Orange-2"`, `"room-1111"`), not keys (`"sk_live_9f8a7c"`).
INDEXED_LABEL: Final = re.compile(r"(?:[A-Za-z]+|[0-9]+)(?:[_\-.:](?:[A-Za-z]+|[0-9]+))+")
DOTTED_PATH: Final = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
FORMATTED: Final = re.compile(r"\{[^{}]*\}")

KNOWN_FORMATS: Final = (
    ("AWS access key id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{82})\b")),
    ("GitLab token", re.compile(r"\bglpat-[0-9A-Za-z_\-]{20}\b")),
    ("Slack token", re.compile(r"\bxox[abprs]-[0-9A-Za-z\-]{10,}")),
    ("Stripe live key", re.compile(r"\b[rs]k_live_[0-9A-Za-z]{16,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("private key", re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----")),
)
# Cheap pre-filter: a literal can only match a known format if it contains one of these.
FORMAT_HINTS: Final = re.compile(
    r"AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|k_live_|AIza|PRIVATE KEY"
)


class SecretPolicy:
    """The run's vocabulary and placeholders, built once per file from the options."""

    __slots__ = ("placeholders", "vocabulary")

    def __init__(self) -> None:
        self.vocabulary: Vocabulary | None = None
        self.placeholders: frozenset[str] = frozenset()


def policy(ctx: Context) -> SecretPolicy:
    """This file's vocabulary and placeholders (options read once per file)."""
    found = ctx.scratch(SecretPolicy)
    if found.vocabulary is None:
        run = ctx.settings.run
        found.vocabulary = vocabulary(
            run.names("--familystd-secret-names"), run.names("--familystd-secret-ignore-names")
        )
        found.placeholders = _placeholders(run.names("--familystd-secret-placeholders"))
    return found


@functools.lru_cache(maxsize=16)
def _placeholders(extra: Sequence[str]) -> frozenset[str]:
    return frozenset(value.lower() for value in extra)


def secret_like(value: str, placeholders: frozenset[str]) -> bool:
    """A literal that could be a real secret: not empty, a label, a template or a stand-in."""
    if len(value) < MIN_LENGTH or value.isspace() or any(c.isspace() for c in value):
        return False
    if LABEL.fullmatch(value) or INDEXED_LABEL.fullmatch(value) or DOTTED_PATH.fullmatch(value):
        return False
    if FORMATTED.search(value):
        return False
    lowered = value.lower()
    if lowered in placeholders or any(marker in lowered for marker in PLACEHOLDER_MARKERS):
        return False
    if value[0] in "/.~$^" or value[-1] == "$" or "\\" in value or len(set(value)) <= 2:
        return False
    return not any(p in lowered for p in placeholders)


def known_format(value: str) -> str | None:
    """The kind of credential `value` contains (AWS key, GitHub token, PEM key), if any."""
    if len(value) < 15 or FORMAT_HINTS.search(value) is None:
        return None
    for kind, pattern in KNOWN_FORMATS:
        if pattern.search(value):
            return kind
    return None
