"""Identifiers split into lower-case words: the one tokenizer of every name vocabulary.

The security family's secret names and the logging-PII family's sensitive names are matched
on these words, never on substrings: `password_policy` is (`password`, `policy`), and
`NextToken` is (`next`, `token`).
"""

from __future__ import annotations

import functools
import re
from typing import Final

_WORDS: Final = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


@functools.lru_cache(maxsize=8192)
def words(name: str) -> tuple[str, ...]:
    """`userEmailAddress` -> (`user`, `email`, `address`); `API_KEY` / `APIKey` -> (`api`,
    `key`); kebab, dotted and upper-case names alike."""
    return tuple(word.lower() for word in _WORDS.findall(name))
