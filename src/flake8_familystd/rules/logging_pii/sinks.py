"""Sink recognition: which calls write to a log, a console or a logging context.

A receiver is a logger by provenance, resolved through imports and assignments: a name
bound from `logging.getLogger(...)`, `structlog.get_logger()`, `loguru.logger`, the
standards' `observability.logging.get_logger` or a `--familystd-logger-factories`
function, what `.bind(...)` / `.opt(...)` return on one of those, a parameter annotated
`logging.Logger`, and attributes or imports named like a logger (`self.log`, `app.logger`,
`from .log import logger`).
"""

from __future__ import annotations

import ast
import functools
from typing import Final, NamedTuple

from flake8_familystd.context import Context, last_name
from flake8_familystd.rules.logging_pii.vocabulary import tokens
from flake8_familystd.scope import BindingKind

LEVEL_METHODS: Final = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log",
     "trace", "success", "msg"}
)  # fmt: skip
BIND_METHODS: Final = frozenset({"bind", "new", "contextualize"})
# Methods returning a logger of the same kind (`log.bind(...)`, `logger.opt(depth=1)`).
CHAIN_METHODS: Final = frozenset({"bind", "new", "opt", "patch", "getChild", "get_child"})
CONTEXT_BINDERS: Final = frozenset(
    {"structlog.contextvars.bind_contextvars", "structlog.threadlocal.bind_threadlocal"}
)
STREAM_WRITES: Final = frozenset({"sys.stdout.write", "sys.stderr.write"})
SINK_METHODS: Final = LEVEL_METHODS | BIND_METHODS | {"write", "bind_contextvars"}
SINK_NAMES: Final = frozenset({"print", "bind_contextvars"})

FACTORIES: Final = {
    "logging.getLogger": "logging",
    "logging.LoggerAdapter": "logging",
    "structlog.get_logger": "structlog",
    "structlog.getLogger": "structlog",
    "structlog.stdlib.get_logger": "structlog",
    "structlog.wrap_logger": "structlog",
    "observability.logging.get_logger": "logger",
}
LOGGER_OBJECTS: Final = {"logging": "logging", "logging.root": "logging", "loguru.logger": "loguru"}
LOGGER_TYPES: Final = frozenset(
    {"logging.Logger", "logging.LoggerAdapter", "structlog.BoundLogger",
     "structlog.stdlib.BoundLogger", "structlog.typing.FilteringBoundLogger",
     "structlog.types.FilteringBoundLogger", "loguru.Logger"}
)  # fmt: skip
FACTORY_NAMES: Final = frozenset({"get_logger", "getLogger", "get_task_logger"})
LOGGER_WORDS: Final = frozenset({"log", "logger", "logging"})
MAX_HOPS: Final = 6


class Sink(NamedTuple):
    """A call that writes somewhere people read."""

    kind: str  # "log" | "bind" | "print" | "write"
    flavour: str  # "logging" | "structlog" | "loguru" | "logger" | "console"
    message: int | None  # index of the message argument

    @property
    def keyword_fields(self) -> bool:
        """Do the call's keywords become fields of the event (not stdlib options)?"""
        return self.kind in ("log", "bind")


def sink_of(ctx: Context, call: ast.Call) -> Sink | None:
    """The sink `call` writes to, or None."""
    func = call.func
    if isinstance(func, ast.Attribute):
        method = func.attr
        if method not in SINK_METHODS:
            return None
        if method in LEVEL_METHODS or method in BIND_METHODS:
            flavour = logger_flavour(ctx, func.value)
            if flavour is None:
                return None
            if method in BIND_METHODS:
                return Sink("bind", flavour, None)
            return Sink("log", flavour, 1 if method == "log" else 0)
        qualname = ctx.qualified_name(func)
        if qualname in STREAM_WRITES:
            return Sink("write", "console", 0)
        if qualname in CONTEXT_BINDERS:
            return Sink("bind", "structlog", None)
        return None
    if isinstance(func, ast.Name) and func.id in SINK_NAMES:
        qualname = ctx.qualified_name(func)
        if qualname == "builtins.print":
            return Sink("print", "console", 0)
        if qualname in CONTEXT_BINDERS:
            return Sink("bind", "structlog", None)
    return None


def logger_flavour(ctx: Context, expr: ast.expr, hops: int = 0) -> str | None:
    """What kind of logger `expr` evaluates to, or None if it is not known to be one."""
    if isinstance(expr, ast.Name):
        return _name_flavour(ctx, expr, hops)
    if isinstance(expr, ast.Attribute):
        qualname = ctx.qualified_name(expr)
        if qualname is not None and qualname in LOGGER_OBJECTS:
            return LOGGER_OBJECTS[qualname]
        if _logger_word(expr.attr):
            return "logger"
        assigned = ctx.peek(InstanceLoggers)
        return assigned.get(expr.attr) if assigned and _is_self(expr.value) else None
    if isinstance(expr, ast.Call) and hops < MAX_HOPS:
        func = expr.func
        qualname = ctx.qualified_name(func)
        if qualname is not None:
            flavour = FACTORIES.get(qualname) or _option_factories(ctx).get(qualname)
            if flavour is not None:
                return flavour
        if isinstance(func, ast.Attribute) and func.attr in CHAIN_METHODS:
            return logger_flavour(ctx, func.value, hops + 1)
        if last_name(func) in FACTORY_NAMES:
            return "logger"
    return None


def _name_flavour(ctx: Context, name: ast.Name, hops: int) -> str | None:
    binding = ctx.lookup(name.id)
    if binding is None:
        return None
    kind = binding.kind
    if kind is BindingKind.IMPORT:
        qualname = binding.qualname or ""
        found = LOGGER_OBJECTS.get(qualname)
        if found is not None:
            return found
        return "logger" if _logger_word(qualname.rpartition(".")[2]) else None
    if kind is BindingKind.RELATIVE_IMPORT:
        return "logger" if _logger_word(name.id) else None
    if kind is BindingKind.ASSIGNMENT:
        value = binding.value
        if value is None or hops >= MAX_HOPS or value is name:
            return None
        return logger_flavour(ctx, value, hops + 1)
    if kind is BindingKind.PARAMETER and isinstance(binding.node, ast.arg):
        annotation = binding.node.annotation
        if annotation is not None and ctx.qualified_name(annotation) in LOGGER_TYPES:
            return "logging"
        return "logger" if _logger_word(name.id) else None
    return None


class InstanceLoggers(dict[str, str]):
    """Attributes of `self` / `cls` assigned a logger in this file -> its flavour."""


def remember_instance_logger(ctx: Context, node: ast.Assign) -> None:
    """`self.audit = logging.getLogger("audit")`: `self.audit.info(...)` is a log call."""
    target = node.targets[0]
    if len(node.targets) != 1 or not isinstance(target, ast.Attribute):
        return
    if not _is_self(target.value) or _logger_word(target.attr):
        return  # logger-named attributes are loggers anyway
    flavour = logger_flavour(ctx, node.value)
    if flavour is not None:
        ctx.scratch(InstanceLoggers)[target.attr] = flavour


def _is_self(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Name) and expr.id in ("self", "cls")


def _logger_word(name: str) -> bool:
    """`log`, `logger`, `_LOGGER`, `audit_log`, `accessLogger`: named as a logger."""
    parts = tokens(name)
    return bool(parts) and parts[-1] in LOGGER_WORDS


def _option_factories(ctx: Context) -> dict[str, str]:
    return _factories(ctx.settings.run.names("--familystd-logger-factories"))


@functools.lru_cache(maxsize=8)
def _factories(names: tuple[str, ...]) -> dict[str, str]:
    return dict.fromkeys(names, "logger")
