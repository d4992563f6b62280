"""FAM307: passwords hashed with a fast digest, stored in plain text, or weak passlib schemes."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.rules.security.names import tokens
from flake8_familystd.rules.security.secret_values import policy

FAM307 = FAMILY.rule(
    "FAM307",
    "weak-password-hashing",
    "weak password storage: {what}; hash passwords with an adaptive scheme "
    '(argon2 / bcrypt / scrypt, e.g. passlib `CryptContext(schemes=["argon2"])`)',
    """
    ## What it does
    Reports passwords that are not stored with a password hashing scheme:
    - a `hashlib` digest (`md5`, `sha1`, `sha256`, `blake2b`, `new(...)`, ...) of a value
      whose name says it is a password (`password`, `passwd`, `pwd`, `passphrase`), directly
      or through `.update(...)` of a digest object made in the same function;
    - a password-named value stored unchanged on a user-like model attribute
      (`user.password = password`, `account.password = raw_password`);
    - a passlib `CryptContext(schemes=[...])` whose default scheme is not adaptive
      (`md5_crypt`, `des_crypt`, `plaintext`, `hex_sha256`, `ldap_sha1`, ...), or that
      lists one without `deprecated=`.

    ## Why is this bad?
    "Never Store Plain Text Passwords" (003), with an argon2 `CryptContext` example. Fast
    digests are built to be computed billions of times a second: a leaked table of SHA-256
    password hashes is a leaked table of passwords.

    ## Example
    ```python
    import hashlib

    digest = hashlib.sha256(password.encode()).hexdigest()
    ```

    Use instead:
    ```python
    from passlib.context import CryptContext

    pwd_context = CryptContext(schemes=["argon2"], deprecated="auto")
    digest = pwd_context.hash(password)
    ```

    ## Known limitations
    - `usedforsecurity=False` exempts a digest.
    - Names that already say hash (`password_hash`, `hashed_password`, `password_digest`)
      are not passwords. Storing on `self` (`self.password = password` in a form, DTO or
      connection object) is not reported: only receivers named like a user model (`user`,
      `account`, `member`, `customer`, `admin`, `profile`, `owner`).
    - Test files are skipped.

    ## References
    - ruff `S324` / bandit `B324` (md5/sha1 everywhere, not password-aware);
      [OWASP password storage cheat sheet](https://cheatsheetseries.owasp.org/)
    """,
    skip_in_tests=True,
)

WEAK_SCHEMES: Final = frozenset(
    {
        "plaintext", "md5_crypt", "des_crypt", "bsdi_crypt", "bigcrypt", "crypt16",
        "apr_md5_crypt", "sun_md5_crypt", "hex_md4", "hex_md5", "hex_sha1", "hex_sha256",
        "hex_sha512", "ldap_md5", "ldap_sha1", "ldap_salted_md5", "ldap_salted_sha1",
        "ldap_plaintext", "mysql323", "mysql41", "postgres_md5", "oracle10", "oracle11",
        "lmhash", "nthash", "msdcc", "msdcc2", "cisco_pix", "cisco_asa", "cisco_type7",
        "htdigest", "roundup_plaintext",
    }
)  # fmt: skip
CRYPT_CONTEXTS: Final = frozenset({"passlib.context.CryptContext", "passlib.apps.CryptContext"})
USER_RECEIVERS: Final = frozenset(
    {"user", "users", "account", "member", "customer", "admin", "profile", "owner", "login"}
)


def _password_value(ctx: Context, expr: ast.expr) -> str | None:
    """The password-named Name/Attribute inside `expr` (`password.encode("utf-8")`)."""
    vocabulary = policy(ctx).vocabulary
    if vocabulary is None:
        return None
    for node in ast.walk(expr):
        name = (
            node.id
            if isinstance(node, ast.Name)
            else (node.attr if isinstance(node, ast.Attribute) else None)
        )
        if name is not None and vocabulary.is_password(name):
            return name
    return None


def _digest_of_password(ctx: Context, call: ast.Call) -> str | None:
    if any(
        k.arg == "usedforsecurity" and isinstance(k.value, ast.Constant) and k.value.value is False
        for k in call.keywords
    ):
        return None
    arguments = [*call.args, *(k.value for k in call.keywords if k.arg in ("string", "data"))]
    for argument in arguments:
        found = _password_value(ctx, argument)
        if found is not None:
            return found
    return None


@FAMILY.on_name("hashlib", FAM307)
def hashlib_digest(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    call = ctx.parent_of(node)
    if not isinstance(call, ast.Call) or call.func is not node or qualname == "hashlib.pbkdf2_hmac":
        return
    if qualname in ("hashlib.scrypt", "hashlib.file_digest"):
        return
    name = _digest_of_password(ctx, call)
    if name is not None:
        ctx.report(FAM307, call, what=f"`{qualname}` of `{name}` is a fast digest")


def digest_update(ctx: Context, node: ast.Call, func: ast.Attribute) -> None:
    """`h = hashlib.sha256(); h.update(password.encode())` (from dispatch)."""
    receiver = func.value
    if not isinstance(receiver, ast.Name) or not ctx.seen("hashlib"):
        return
    binding = ctx.lookup(receiver.id)
    made = binding.value if binding is not None else None
    if not isinstance(made, ast.Call):
        return
    qualname = ctx.qualified_name(made.func)
    if qualname is None or not qualname.startswith("hashlib.") or qualname == "hashlib.pbkdf2_hmac":
        return
    if any(k.arg == "usedforsecurity" for k in made.keywords):
        return
    name = _password_value(ctx, node.args[0])
    if name is not None:
        ctx.report(FAM307, node, what=f"`{qualname}` of `{name}` is a fast digest")


def plaintext_store(ctx: Context, node: ast.Assign) -> None:
    """`user.password = password`: the raw value stored on a user-like model (from dispatch)."""
    if len(node.targets) != 1:
        return
    target = node.targets[0]
    if not isinstance(target, ast.Attribute) or not isinstance(target.value, ast.Name):
        return
    vocabulary = policy(ctx).vocabulary
    if vocabulary is None or not vocabulary.is_password(target.attr):
        return
    if not USER_RECEIVERS.intersection(tokens(target.value.id)):
        return
    value = node.value
    source = value.id if isinstance(value, ast.Name) else getattr(value, "attr", "")
    if source and vocabulary.is_password(source):
        ctx.report(FAM307, node, what=f"`{ctx.source_segment(target)}` stores the plain password")


@FAMILY.on_name("passlib", FAM307)
def crypt_context(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in CRYPT_CONTEXTS:
        return
    call = ctx.parent_of(node)
    if not isinstance(call, ast.Call) or call.func is not node:
        return
    schemes = next((k.value for k in call.keywords if k.arg == "schemes"), None)
    if not isinstance(schemes, (ast.List, ast.Tuple)) or not schemes.elts:
        return
    names = [
        e.value for e in schemes.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
    ]
    weak = [name for name in names if name in WEAK_SCHEMES]
    deprecated = any(k.arg == "deprecated" for k in call.keywords)
    if weak and (names[0] in WEAK_SCHEMES or not deprecated):
        ctx.report(FAM307, call, what=f"passlib scheme `{weak[0]}` is not a password hash")
