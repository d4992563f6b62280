"""The sensitive-name vocabulary: tiers of terms matched on name tokens, never substrings.

A name is split into lower-case tokens (`userEmail` -> `user`, `email`; `X-Forwarded-For`
-> `x`, `forwarded`, `for`). It is sensitive when a term of the vocabulary (one to three
tokens) is its head: only value-like tokens (`value`, `raw`, digits) may follow the term.
`email_verified`, `password_policy`, `token_count` and `password_hash` therefore name facts
about the value, not the value; `is_`/`has_`/`num_` prefixes and derivation words
(`hashed`, `masked`) anywhere in the name make it safe too.
"""

from __future__ import annotations

import enum
import functools
from typing import Final

from flake8_familystd.words import words


class Tier(enum.Enum):
    SECRET = "secret"
    PERSONAL = "personal data"
    IDENTIFIER = "identifier"


def _terms(*spellings: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(spelling.split("_")) for spelling in spellings)


SECRET_TERMS: Final = _terms(
    "password", "passwd", "passphrase", "pwd", "passcode", "secret", "secrete",
    "apikey", "api_key", "app_key", "auth_key", "access_key", "secret_key", "private_key",
    "privkey", "priv_key", "signing_key", "encryption_key", "master_key", "session_key",
    "client_secret", "api_secret", "credential", "credentials", "creds", "authorization",
    "auth_header", "bearer", "cookie", "set_cookie", "sessionid", "jwt",
    "otp", "totp", "mfa_code", "verification_code", "one_time_code", "pin_code", "cvv",
    "cvc", "cvv2", "card_security_code", "connection_string", "dsn",
    "access_token", "refresh_token", "id_token", "auth_token", "bearer_token",
    "api_token", "session_token", "csrf_token", "xsrf_token", "oauth_token",
    "personal_access_token", "reset_token", "verification_token", "invite_token",
    "jwt_token", "security_token", "secret_token", "bot_token", "client_token",
    "login_token", "user_token", "token",
)  # fmt: skip
PERSONAL_TERMS: Final = _terms(
    "email", "e_mail", "email_address", "mail_address", "phone", "phone_number",
    "mobile_number", "telephone", "msisdn", "ssn", "social_security_number",
    "national_id", "national_insurance_number", "tax_id", "taxpayer_id", "passport",
    "passport_number", "driver_license", "drivers_license", "driving_licence", "dob",
    "date_of_birth", "birth_date", "birthdate", "birthday", "first_name", "last_name",
    "given_name", "family_name", "surname", "maiden_name", "middle_name",
    "home_address", "street_address", "billing_address", "shipping_address",
    "postal_address", "postal_code", "postcode", "zip_code", "zipcode", "ip_address",
    "ip_addr", "client_ip", "remote_ip", "user_ip", "remote_addr", "x_forwarded_for",
    "forwarded_for", "x_real_ip", "credit_card", "card_number", "cc_number", "iban",
    "bank_account", "account_number", "routing_number", "user_agent", "latitude",
    "longitude", "geolocation", "imei", "imsi", "mac_address", "advertising_id",
)  # fmt: skip
IDENTIFIER_TERMS: Final = _terms(
    "user_id", "userid", "account_id", "customer_id", "member_id", "person_id",
    "username", "user_name", "login", "uid",
)  # fmt: skip
# Network addresses are personal data when they come from a request (`META["REMOTE_ADDR"]`,
# `request.remote_addr`, a field named `ip_address=`), not as a socket's peer in a variable.
NETWORK_TERMS: Final = _terms("remote_addr", "ip_address", "ip_addr", "remote_ip", "mac_address")
REQUEST_RECEIVERS: Final = frozenset(
    {"request", "req", "environ", "meta", "header", "scope", "client", "user", "customer"}
)
# Terms that are personal data only on a person-like receiver (`user.name`, `customer.address`).
PERSON_ONLY_TERMS: Final = _terms("name", "address", "full_name")
PERSON_RECEIVERS: Final = frozenset(
    {"user", "customer", "person", "patient", "employee", "contact", "profile", "applicant",
     "subscriber", "recipient"}
)  # fmt: skip
# `token` alone is a secret; after another word only when that word says it is a
# credential (`access_token`): `next_token`, `page_token`, `eof_token` are not.
QUALIFIED_ONLY: Final = frozenset({("token",)})

# Tokens that may follow a term without changing what the name holds.
VALUE_TOKENS: Final = frozenset(
    {"value", "val", "str", "string", "raw", "plain", "plaintext", "text", "bytes", "b64",
     "base64", "data", "list", "header", "hdr", "param", "arg", "clear", "cleartext"}
)  # fmt: skip
# Leading tokens that make the name a fact about the value (`is_secret`, `num_tokens`).
FACT_PREFIXES: Final = frozenset(
    {"is", "has", "have", "num", "n", "max", "min", "should", "can", "use", "uses", "enable",
     "enabled", "no", "was", "did", "needs", "need", "allow", "require", "requires", "must",
     "validate", "check", "verify", "count", "total", "len", "nb", "show", "hide", "ask",
     "prompt", "expected"}
)  # fmt: skip
# Words anywhere in the name that say the value was derived or is not real.
DERIVED_TOKENS: Final = frozenset(
    {"hash", "hashed", "hashes", "digest", "checksum", "md5", "sha", "sha1", "sha256",
     "sha512", "hmac", "encrypted", "enc", "masked", "mask", "redacted", "redact",
     "obfuscated", "censored", "salted", "salt", "anonymized", "anonymised", "fake",
     "dummy", "placeholder", "random", "fingerprint"}
)  # fmt: skip

_PLURAL_EXCEPTIONS: Final = frozenset({"creds", "credentials"})


@functools.lru_cache(maxsize=8192)
def tokens(name: str) -> tuple[str, ...]:
    """`userEmailAddress` -> (`user`, `email`, `address`); `APIKey` -> (`api`, `key`)."""
    return tuple(_singular(word) for word in words(name))


def _singular(token: str) -> str:
    if token in _PLURAL_EXCEPTIONS or len(token) < 4 or not token.endswith("s"):
        return token
    if token.endswith(("ss", "us", "is")):
        return token  # `access`, `status`, `analysis`
    if token.endswith("ies"):
        return token[:-3] + "y"
    return token[:-1]


class Vocabulary:
    """The terms of one run, with the options applied (build it with `vocabulary()`).

    Hashed by identity: `vocabulary()` makes one per distinct set of options.
    """

    __slots__ = ("ignore_names", "ignore_tokens", "longest", "terms")

    def __init__(self, terms: dict[tuple[str, ...], Tier], ignore_names: frozenset[str]) -> None:
        self.terms = terms
        self.ignore_names = ignore_names
        self.ignore_tokens = frozenset(name for name in ignore_names if "_" not in name)
        self.longest = max(map(len, terms))


@functools.lru_cache(maxsize=16)
def vocabulary(extra: tuple[str, ...], ignore: tuple[str, ...], identifiers: bool) -> Vocabulary:
    """The run's vocabulary: built-in tiers, `--familystd-pii-names` (`term` or `term:tier`)."""
    terms: dict[tuple[str, ...], Tier] = {}
    tiers = [(PERSONAL_TERMS, Tier.PERSONAL), (SECRET_TERMS, Tier.SECRET)]
    if identifiers:
        tiers.insert(0, (IDENTIFIER_TERMS, Tier.IDENTIFIER))
    for group, tier in tiers:
        terms.update(dict.fromkeys(group, tier))
    for item in extra:
        word, _, tier_name = item.partition(":")
        tier = {"secret": Tier.SECRET, "identifier": Tier.IDENTIFIER}.get(
            tier_name.strip().lower(), Tier.PERSONAL
        )
        key = tokens(word.strip())
        if key:
            terms[key] = tier
    return Vocabulary(terms, frozenset("_".join(tokens(item)) for item in ignore))


@functools.lru_cache(maxsize=16384)
def classify(
    name: str, vocab: Vocabulary, receiver: str | None = None, *, keyed: bool = False
) -> Tier | None:
    """The tier of the value `name` holds, or None when it is not sensitive.

    `receiver` is the object an attribute is read from (`user` for `user.name`); `keyed`
    says the name is a key or a field name (`d["REMOTE_ADDR"]`, `ip_address=...`).
    """
    parts = tokens(name)
    if not parts or "_".join(parts) in vocab.ignore_names:
        return None
    if parts[0] in FACT_PREFIXES or any(
        part in DERIVED_TOKENS or part in vocab.ignore_tokens for part in parts
    ):
        return None
    # the head term: a term at the end, or followed only by value-like tokens (`_raw`, `2`)
    end = len(parts)
    while end > 0:
        tier = _head_term(parts, end, vocab, receiver, keyed=keyed)
        if tier is not None or not (parts[end - 1] in VALUE_TOKENS or parts[end - 1].isdigit()):
            return tier
        end -= 1
    return None


def _head_term(
    parts: tuple[str, ...], end: int, vocab: Vocabulary, receiver: str | None, *, keyed: bool
) -> Tier | None:
    """The tier of the longest term ending at `end`."""
    for size in range(min(vocab.longest, end), 0, -1):
        term = parts[end - size : end]
        tier = vocab.terms.get(term)
        if tier is None:
            if term in PERSON_ONLY_TERMS and size == end and _person(receiver):
                return Tier.PERSONAL
            continue
        if term in QUALIFIED_ONLY and size != end:
            continue  # `next_token`: the qualifier did not make a longer term
        if term in NETWORK_TERMS and not keyed and not _receiver_in(receiver, REQUEST_RECEIVERS):
            return None
        return tier
    return None


def _person(receiver: str | None) -> bool:
    return _receiver_in(receiver, PERSON_RECEIVERS)


def _receiver_in(receiver: str | None, names: frozenset[str]) -> bool:
    parts = tokens(receiver) if receiver is not None else ()
    return bool(parts) and parts[-1] in names
