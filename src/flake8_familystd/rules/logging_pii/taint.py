"""Intra-procedural taint: which sensitive values an expression carries to a sink.

The search descends through what keeps a value readable (f-strings, `%`, `.format()`,
`+`, `"".join`, containers, `str()`/`repr()`, string methods, slices, `await`) and follows
a local name to the value it was last assigned (the walk visits assignments in source
order, so the scope's binding is the assignment that reaches the sink), at most
`MAX_HOPS` assignments deep. It stops at sanitisers: `redact()`, `mask()`, `hash_*()`,
`len()`, `bool()`, comparisons, literals, and `SecretStr` values that are never unwrapped.
"""

from __future__ import annotations

import ast
import enum
import functools
from typing import Final, NamedTuple

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.logging_pii.vocabulary import (
    DERIVED_TOKENS,
    Tier,
    Vocabulary,
    classify,
    tokens,
    vocabulary,
)
from flake8_familystd.scope import Binding, BindingKind

MAX_HOPS: Final = 3
MAX_DEPTH: Final = 150  # `"a" + "b" + ...` chains nest one level per operand
# Words that also name parser tokens and seek cookies: credentials only by their origin.
AMBIGUOUS: Final = frozenset({("token",), ("cookie",)})
CREDENTIAL_HOLDERS: Final = frozenset(
    {"user", "request", "req", "session", "auth", "credential", "credentials", "creds",
     "account", "settings", "config", "response", "resp", "result", "data", "payload",
     "client", "conn", "connection", "oauth", "login", "body"}
)  # fmt: skip
MAX_TEXT: Final = 40


class Kind(enum.Enum):
    VALUE = "value"  # a sensitive value by name (`password`, `user.email`, `d["ssn"]`)
    UNWRAP = "unwrap"  # an unwrapped secret (`.get_secret_value()`, `getpass()`)
    BULK = "bulk"  # a whole request, headers, body, environment or model dump


class Finding(NamedTuple):
    kind: Kind
    tier: Tier | None
    node: ast.AST
    interpolated: bool  # reached the sink inside a formatted string
    via: ast.Name | None = None  # the local name that carried it to the sink


SAFE_BUILTINS: Final = frozenset(
    {"len", "bool", "type", "id", "hash", "isinstance", "issubclass", "callable", "hasattr",
     "any", "all", "sum"}
)  # fmt: skip
SANITISER_TOKENS: Final = frozenset(
    {"redact", "redacted", "mask", "masked", "hash", "hashed", "sha", "sha1", "sha256",
     "sha512", "md5", "hmac", "digest", "censor", "obfuscate", "anonymize", "anonymise",
     "pseudonymize", "pseudonymise", "encrypt", "encrypted", "scrub", "sanitize",
     "sanitise", "sanitized", "sanitised", "fingerprint", "cleanse", "cleansed"}
)  # fmt: skip
PASS_THROUGH_BUILTINS: Final = frozenset({"str", "repr", "ascii", "format"})
CONTAINER_CALLS: Final = frozenset(
    {"builtins.dict", "builtins.list", "builtins.tuple", "builtins.set", "builtins.sorted",
     "json.dumps", "pprint.pformat"}
)  # fmt: skip
STRING_METHODS: Final = frozenset(
    {"lower", "upper", "strip", "lstrip", "rstrip", "decode", "encode", "title", "casefold",
     "capitalize"}
)  # fmt: skip
KEY_METHODS: Final = frozenset({"get", "getlist", "getone", "getall", "pop", "get_all"})
GETTER_VERBS: Final = frozenset(
    {"get", "fetch", "read", "load", "retrieve", "generate", "make", "create", "decrypt",
     "decode", "reveal", "build", "new"}
)  # fmt: skip
UNWRAP_CALLS: Final = frozenset({"getpass.getpass", "keyring.get_password"})
SECRET_TYPES: Final = frozenset({"SecretStr", "SecretBytes"})
# Whole requests and responses: the receiver names and their bulk parts.
REQUEST_NAMES: Final = frozenset({"request", "req", "response", "resp"})
REQUEST_PARTS: Final = frozenset(
    {"headers", "cookies", "query_params", "query", "query_string", "url", "META", "COOKIES",
     "POST", "GET", "body", "form", "text", "content", "raw_headers", "json", "data", "args",
     "values"}
)  # fmt: skip
REQUEST_READS: Final = frozenset(
    {"json", "body", "text", "read", "post", "form", "content", "get_json", "get_data"}
)
DUMP_METHODS: Final = frozenset({"model_dump", "model_dump_json"})
BULK_QUALNAMES: Final = frozenset({"os.environ", "builtins.vars", "builtins.locals"})


class SecretFields(set[str]):
    """Class attributes annotated `SecretStr` / `SecretBytes` in this file (safe to log)."""


def remember_secret_field(ctx: Context, node: ast.AnnAssign) -> None:
    """`api_key: SecretStr` in a class body: `settings.api_key` renders masked."""
    annotation = node.annotation
    if isinstance(annotation, ast.BinOp):  # `SecretStr | None`
        annotation = annotation.left
    if isinstance(node.target, ast.Name) and last_name(annotation) in SECRET_TYPES:
        ctx.scratch(SecretFields).add(node.target.id)


class Tracer:
    """Collects the findings of one sink's arguments."""

    __slots__ = ("ctx", "depth", "dumps", "found", "sanitisers", "vocab")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.vocab = run_vocabulary(ctx)
        self.sanitisers = frozenset(ctx.settings.run.names("--familystd-pii-sanitizers"))
        self.dumps = ctx.settings.run.choice("--familystd-pii-model-dumps") == "on"
        self.found: list[Finding] = []
        self.depth = 0

    def trace(self, expr: ast.AST | None) -> list[Finding]:
        """The findings of `expr` alone."""
        self.found = []
        if expr is not None:
            self._visit(expr, interpolated=False, hops=0)
        return self.found

    def sensitive_key(self, key: ast.AST | str | None, value: ast.expr) -> Tier | None:
        """The tier of a field name (`extra` key, keyword), unless its value is safe."""
        name = key.value if isinstance(key, ast.Constant) else key
        if not isinstance(name, str) or not name.isascii():
            return None
        tier = classify(name, self.vocab, keyed=True)
        if tier is None or self.is_safe(value, derived_names=tier is not Tier.IDENTIFIER):
            return None
        return tier

    def is_safe(self, value: ast.expr, *, derived_names: bool = True) -> bool:
        """Literals, sanitiser calls, comparisons and names of derived values (`user.id`)."""
        if isinstance(value, (ast.Constant, ast.Compare, ast.JoinedStr)):
            return not isinstance(value, ast.JoinedStr) or not value.values
        if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not):
            return True
        if isinstance(value, ast.Call):
            return self.is_sanitiser(value)
        if self._masked(value):
            return True
        name = last_name(value)
        if name is None or not derived_names:
            return False
        parts = tokens(name)
        return bool(parts) and (
            parts[-1] in ("id", "uuid", "count", "len", "length", "size", "type")
            or any(part in DERIVED_TOKENS for part in parts)
        )

    def _masked(self, value: ast.expr) -> bool:
        """A `SecretStr` parameter, local or class field, or a sanitised local."""
        if isinstance(value, ast.Attribute):
            fields = self.ctx.peek(SecretFields)
            return fields is not None and value.attr in fields
        if not isinstance(value, ast.Name):
            return False
        binding = self.ctx.lookup(value.id)
        if binding is None:
            return False
        if binding.kind is BindingKind.PARAMETER:
            return self._secret_parameter(binding.node)
        origin = binding.value
        return origin is not None and self._safe_origin(origin)

    def is_sanitiser(self, call: ast.Call) -> bool:
        name = last_name(call.func)
        if name is None:
            return False
        if name in SAFE_BUILTINS or name in self.sanitisers:
            return True
        if any(part in SANITISER_TOKENS for part in tokens(name)):
            return True
        qualname = self.ctx.qualified_name(call.func)
        return qualname is not None and (
            qualname.startswith("hashlib.") or qualname in self.sanitisers
        )

    # -- the descent -------------------------------------------------------------------
    def _add(self, kind: Kind, tier: Tier | None, node: ast.AST, interpolated: bool) -> None:
        self.found.append(Finding(kind, tier, node, interpolated))

    def _visit(self, expr: ast.AST, *, interpolated: bool, hops: int) -> None:
        if isinstance(expr, ast.Constant) or self.depth > MAX_DEPTH:
            return
        self.depth += 1
        try:
            self._dispatch(expr, interpolated=interpolated, hops=hops)
        finally:
            self.depth -= 1

    def _dispatch(self, expr: ast.AST, *, interpolated: bool, hops: int) -> None:
        if isinstance(expr, ast.Name):
            self._name(expr, interpolated, hops)
        elif isinstance(expr, ast.Attribute):
            self._attribute(expr, interpolated)
        elif isinstance(expr, ast.Subscript):
            self._subscript(expr, interpolated, hops)
        elif isinstance(expr, ast.Call):
            self._call(expr, interpolated, hops)
        elif isinstance(expr, ast.JoinedStr):
            for part in expr.values:
                if isinstance(part, ast.FormattedValue):
                    self._visit(part.value, interpolated=True, hops=hops)
        elif isinstance(expr, ast.BinOp):
            if isinstance(expr.op, (ast.Mod, ast.Add)):
                self._visit(expr.left, interpolated=True, hops=hops)
                self._visit(expr.right, interpolated=True, hops=hops)
        elif isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
            for item in expr.elts:
                self._visit(item, interpolated=interpolated, hops=hops)
        elif isinstance(expr, ast.Dict):
            self._dict(expr, interpolated, hops)
        elif isinstance(expr, ast.IfExp):
            self._visit(expr.body, interpolated=interpolated, hops=hops)
            self._visit(expr.orelse, interpolated=interpolated, hops=hops)
        elif isinstance(expr, ast.BoolOp):
            for value in expr.values:
                self._visit(value, interpolated=interpolated, hops=hops)
        elif isinstance(expr, (ast.Await, ast.Starred, ast.NamedExpr, ast.FormattedValue)):
            self._visit(expr.value, interpolated=interpolated, hops=hops)
        elif isinstance(expr, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            self._visit(expr.elt, interpolated=interpolated, hops=hops)

    def _name(self, node: ast.Name, interpolated: bool, hops: int) -> None:
        binding = self.ctx.lookup(node.id)
        value = None
        if binding is not None:
            if binding.kind is BindingKind.ASSIGNMENT:
                value = binding.value
                if value is not None and self._safe_origin(value):
                    return
            elif binding.kind is BindingKind.PARAMETER:
                if self._secret_parameter(binding.node):
                    return
            else:
                return  # imports, functions, classes: not data
        tier = classify(node.id, self.vocab)
        if tier is not None and (tokens(node.id) not in AMBIGUOUS or _credential_origin(binding)):
            self._add(Kind.VALUE, tier, node, interpolated)
            return
        if DERIVED_TOKENS.intersection(tokens(node.id)):
            return  # `masked = f"{email[:2]}***"`: the name says it was made safe
        if value is not None and hops < MAX_HOPS and value is not node:
            start = len(self.found)
            self._visit(value, interpolated=interpolated, hops=hops + 1)
            for index in range(start, len(self.found)):
                self.found[index] = self.found[index]._replace(via=node)

    def _safe_origin(self, value: ast.expr) -> bool:
        """Assigned a literal, a sanitiser's result or a `SecretStr(...)`."""
        if isinstance(value, ast.Constant):
            return True
        if isinstance(value, ast.Call):
            return self.is_sanitiser(value) or last_name(value.func) in SECRET_TYPES
        return False

    def _secret_parameter(self, node: ast.AST) -> bool:
        annotation = node.annotation if isinstance(node, ast.arg) else None
        if isinstance(annotation, ast.BinOp):  # `SecretStr | None`
            annotation = annotation.left
        return annotation is not None and last_name(annotation) in SECRET_TYPES

    def _attribute(self, node: ast.Attribute, interpolated: bool) -> None:
        attr = node.attr
        receiver = last_name(node.value)
        if (attr == "__dict__" and self.dumps) or (
            attr == "environ" and self.ctx.qualified_name(node) in BULK_QUALNAMES
        ):
            self._add(Kind.BULK, None, node, interpolated)
            return
        if attr in REQUEST_PARTS and receiver in REQUEST_NAMES:
            if attr != "url" or receiver in ("request", "req"):
                self._add(Kind.BULK, None, node, interpolated)
            return
        secret_fields = self.ctx.peek(SecretFields)
        if secret_fields and attr in secret_fields:
            return
        tier = classify(attr, self.vocab, receiver)
        if tier is not None and (tokens(attr) not in AMBIGUOUS or _credential_holder(receiver)):
            self._add(Kind.VALUE, tier, node, interpolated)

    def _subscript(self, node: ast.Subscript, interpolated: bool, hops: int) -> None:
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            tier = classify(key.value, self.vocab, keyed=True) if key.value.isascii() else None
            if tier is not None:
                self._add(Kind.VALUE, tier, node, interpolated)
            return
        self._visit(node.value, interpolated=interpolated, hops=hops)  # `token[:8]` leaks

    def _dict(self, node: ast.Dict, interpolated: bool, hops: int) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            tier = self.sensitive_key(key, value)
            if tier is not None:
                self._add(Kind.VALUE, tier, key or value, interpolated)
            else:
                self._visit(value, interpolated=interpolated, hops=hops)

    def _call(self, node: ast.Call, interpolated: bool, hops: int) -> None:
        func = node.func
        name = last_name(func)
        if name is None or self.is_sanitiser(node):
            return
        method = func.value if isinstance(func, ast.Attribute) else None
        if name == "get_secret_value" or (
            name in ("getpass", "get_password") and self.ctx.qualified_name(func) in UNWRAP_CALLS
        ):
            self._add(Kind.UNWRAP, Tier.SECRET, node, interpolated)
        elif method is None and name in PASS_THROUGH_BUILTINS:
            for arg in node.args[:1]:
                self._visit(arg, interpolated=interpolated, hops=hops)
        elif method is not None and name in STRING_METHODS:
            self._visit(method, interpolated=interpolated, hops=hops)
        elif method is not None and (name == "format" or (name == "join" and _is_str(method))):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                self._visit(arg, interpolated=True, hops=hops)
        elif method is not None and name in KEY_METHODS and node.args:
            self._subscript_key(node, node.args[0], interpolated)
        elif self._bulk_call(node, name, method):
            self._add(Kind.BULK, None, node, interpolated)
        elif name in ("dict", "list", "tuple", "set", "sorted", "dumps", "pformat") and (
            self.ctx.qualified_name(func) in CONTAINER_CALLS
        ):
            self._container_call(node, interpolated, hops)
        else:
            tier = _getter_tier(name, self.vocab, last_name(method) if method else None)
            if tier is not None:
                self._add(Kind.VALUE, tier, node, interpolated)

    def _bulk_call(self, node: ast.Call, name: str, method: ast.expr | None) -> bool:
        """`await request.json()`, `response.text()`, `locals()`; dumps when opted in."""
        if method is not None and name in REQUEST_READS and last_name(method) in REQUEST_NAMES:
            return True
        if name in DUMP_METHODS:
            return self.dumps
        if name == "locals" or (name == "vars" and self.dumps):
            return self.ctx.qualified_name(node.func) in BULK_QUALNAMES
        return False

    def _subscript_key(self, node: ast.Call, key: ast.expr, interpolated: bool) -> None:
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isascii():
            tier = classify(key.value, self.vocab, keyed=True)
            if tier is not None:
                self._add(Kind.VALUE, tier, node, interpolated)

    def _container_call(self, node: ast.Call, interpolated: bool, hops: int) -> None:
        for arg in node.args:
            self._visit(arg, interpolated=interpolated, hops=hops)
        for keyword in node.keywords:
            tier = self.sensitive_key(keyword.arg, keyword.value)
            if tier is not None:
                self._add(Kind.VALUE, tier, keyword.value, interpolated)
            else:
                self._visit(keyword.value, interpolated=interpolated, hops=hops)


def _credential_origin(binding: Binding | None) -> bool:
    """A bare `token` / `cookie` name holds a credential when read from a mapping.

    Parsers, lexers and text files are full of `token` and `cookie` loop variables,
    parameters and `get_token()` results; a token read with `data["token"]`,
    `session.get("oauth")`, `resp.token` or `request.get_token()` is a credential.
    """
    value = binding.value if binding is not None else None
    if isinstance(value, ast.Subscript):
        return _is_str(value.slice)
    if isinstance(value, ast.Attribute):
        return _credential_holder(last_name(value.value))
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        name = value.func.attr
        if name in KEY_METHODS:
            return bool(value.args) and _is_str(value.args[0])
        return tokens(name)[:1] == ("get",) and _credential_holder(last_name(value.func.value))
    return False


def _credential_holder(receiver: str | None) -> bool:
    """`user.token`, `request.token`, `session.token`, `creds.token`; not `self.token`."""
    parts = tokens(receiver) if receiver is not None else ()
    return bool(parts) and parts[-1] in CREDENTIAL_HOLDERS


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _getter_tier(name: str, vocab: Vocabulary, receiver: str | None) -> Tier | None:
    """`get_password()`, `user.get_full_name()`, `make_token(user)`: the value's name."""
    parts = tokens(name)
    if len(parts) < 2 or parts[0] not in GETTER_VERBS:
        return None
    if parts[1:] in AMBIGUOUS and not _credential_holder(receiver):
        return None  # `lexer.get_token()`
    return classify("_".join(parts[1:]), vocab, receiver)


def run_vocabulary(ctx: Context) -> Vocabulary:
    run = ctx.settings.run
    return vocabulary(
        run.names("--familystd-pii-names"),
        run.names("--familystd-pii-ignore-names"),
        run.choice("--familystd-pii-identifiers") == "on",
    )


@functools.lru_cache(maxsize=256)
def describe(text: str) -> str:
    """Shorten an expression's source for a message."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3] + "..."
