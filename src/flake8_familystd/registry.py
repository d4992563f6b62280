"""The registry: one source of truth for every rule's code, name, message, default and doc."""

from __future__ import annotations

import ast
import functools
import re
import string
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final, TypeVar

from flake8_familystd.context import Context

CODE_RE: Final = re.compile(r"^FAM([0-9])[0-9]{2}$")
NAME_RE: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOC_HEADINGS: Final = ("## What it does", "## Why is this bad?", "## Example")
OPTIONAL_HEADINGS: Final = ("## Options", "## Known limitations", "## References")

Handler = Callable[[Context, ast.AST], None]
ExitHandler = Callable[[Context, ast.AST], None]
# Called with a loaded `Name` / outermost `Attribute` and the qualified name it resolves to.
NameHandler = Callable[[Context, "ast.Name | ast.Attribute", str], None]
BindHandler = Callable[[Context, ast.Name], None]
# A handler takes the context and a node of the type it is registered for.
H = TypeVar("H", bound=Callable[..., None])


class RegistryError(ValueError):
    """A rule or family definition breaks the registry's invariants."""


@functools.lru_cache(maxsize=256)
def template_fields(template: str) -> frozenset[str]:
    """Return the named fields of a `str.format` template."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    for name in names:
        if not name.isidentifier():
            raise RegistryError(f"message field {name!r} in {template!r} is not a plain name")
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule: everything the plugin, the docs and the CLI say about it."""

    code: str
    name: str
    message: str
    family: str
    doc: str
    default_enabled: bool = True
    min_target: tuple[int, int] | None = None
    skip_in_tests: bool = False
    options: tuple[str, ...] = ()
    since: str = "0.1.0"
    fields: frozenset[str] = field(init=False, repr=False, compare=False)
    """The message template's named fields (`format` insists on exactly these)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", template_fields(self.message))

    def format(self, **fields: object) -> str:  # noqa: FAM911 - the template's named fields
        """Render the message, insisting on exactly the template's fields."""
        return self.render(fields)

    def render(self, fields: dict[str, object]) -> str:
        """`format`, given the fields as a dict (`Context.report` has them as one)."""
        if fields.keys() != self.fields:
            given, wanted = sorted(fields), sorted(self.fields)
            raise RegistryError(f"{self.code}: message fields {given} != template fields {wanted}")
        return self.message.format_map(fields)  # (`format(**fields)` copies them again)


@dataclass(slots=True)
class Family:
    """A rule family: its rules and the handlers it hangs on the shared walk."""

    name: str
    digit: int
    title: str
    rules: list[Rule] = field(default_factory=list)
    handlers: list[tuple[type[ast.AST], tuple[Rule, ...], Handler]] = field(default_factory=list)
    exit_handlers: list[tuple[type[ast.AST], tuple[Rule, ...], ExitHandler]] = field(
        default_factory=list
    )
    name_handlers: list[tuple[str, tuple[Rule, ...], NameHandler]] = field(default_factory=list)
    bind_handlers: list[tuple[tuple[Rule, ...], BindHandler]] = field(default_factory=list)
    annotation_string_handlers: list[tuple[tuple[Rule, ...], Handler]] = field(default_factory=list)
    gate: tuple[str, ...] = ()
    """Top-level modules: when set, the family's handlers only run in a file that imports
    one of them, from that import on (the walk adds them when it meets the import)."""

    def rule(
        self,
        code: str,
        name: str,
        message: str,
        doc: str,
        *,
        default_enabled: bool = True,
        min_target: tuple[int, int] | None = None,
        skip_in_tests: bool = False,
        options: tuple[str, ...] = (),
        since: str = "0.1.0",
    ) -> Rule:
        """Declare a rule of this family."""
        new = Rule(
            code=code,
            name=name,
            message=message,
            family=self.name,
            doc=textwrap.dedent(doc).strip() + "\n",
            default_enabled=default_enabled,
            min_target=min_target,
            skip_in_tests=skip_in_tests,
            options=options,
            since=since,
        )
        validate_rule(new, self)
        self.rules.append(new)
        return new

    def on(self, node_type: type[ast.AST], *rules: Rule) -> Callable[[H], H]:
        """Register a handler for one exact node type, reporting `rules`."""
        return self._register(self.handlers, node_type, rules)

    def on_exit(self, node_type: type[ast.AST], *rules: Rule) -> Callable[[H], H]:
        """Register a handler that runs when the walk leaves a scope node of `node_type`."""
        return self._register(self.exit_handlers, node_type, rules)

    def on_name(self, target: str, *rules: Rule) -> Callable[[NameHandler], NameHandler]:
        """Register a handler for every use of something from top-level module `target`
        (`"pytz"`, `"subprocess"`), or of one qualified name (`"builtins.eval"`).

        The walker resolves each loaded name once, through the shared resolver, and calls
        the handlers of its top-level module and of its exact qualified name with the
        outermost `Name`/`Attribute` of the chain and its qualified name. Builtins are
        resolved only when some handler asks for them: name the few you need
        (`"builtins.open"`) rather than all of `"builtins"`.
        """
        if not rules:
            raise RegistryError(f"name handler for {target} in {self.name} names no rule")

        def decorate(func: NameHandler) -> NameHandler:
            self.name_handlers.append((target, rules, func))
            return func

        return decorate

    def on_bind(self, *rules: Rule) -> Callable[[BindHandler], BindHandler]:
        """Register a handler for every `Name` stored or deleted (`x = ...`, `for x in`, `del x`).

        It runs before the walk records the binding, so `ctx.lookup` still sees the old one.
        """
        if not rules:
            raise RegistryError(f"bind handler in {self.name} names no rule")

        def decorate(func: BindHandler) -> BindHandler:
            self.bind_handlers.append((rules, func))
            return func

        return decorate

    def on_annotation_string(self, *rules: Rule) -> Callable[[H], H]:
        """Register a handler for every string constant inside an annotation: a forward
        reference (`x: "Model"`, `list["Model"]`, `-> "Model"`).

        Cheaper than a `Constant` handler: the walk does not queue the file's other
        constants at all.
        """
        if not rules:
            raise RegistryError(f"annotation string handler in {self.name} names no rule")

        def decorate(func: H) -> H:
            self.annotation_string_handlers.append((rules, func))
            return func

        return decorate

    def _register(
        self,
        table: list[tuple[type[ast.AST], tuple[Rule, ...], Handler]],
        node_type: type[ast.AST],
        rules: tuple[Rule, ...],
    ) -> Callable[[H], H]:
        if not rules:
            raise RegistryError(f"handler for {node_type.__name__} in {self.name} names no rule")

        def decorate(func: H) -> H:
            # The table is keyed by exact node type: the handler only receives `node_type`.
            table.append((node_type, rules, func))
            return func

        return decorate


def validate_rule(rule: Rule, family: Family) -> None:
    """Raise `RegistryError` when a rule breaks the naming, code or doc conventions."""
    match = CODE_RE.match(rule.code)
    if match is None:
        raise RegistryError(f"{rule.code!r} does not match {CODE_RE.pattern}")
    if int(match.group(1)) != family.digit:
        raise RegistryError(f"{rule.code} is not in family {family.name} ({family.digit}xx)")
    if not NAME_RE.match(rule.name):
        raise RegistryError(f"{rule.code}: name {rule.name!r} is not kebab-case")
    if not rule.message or rule.message[0].isupper() or rule.message.endswith("."):
        raise RegistryError(f"{rule.code}: message must start lower-case and have no final period")
    template_fields(rule.message)
    positions = [rule.doc.find(heading) for heading in DOC_HEADINGS]
    if -1 in positions or positions != sorted(positions):
        raise RegistryError(f"{rule.code}: doc must have, in order, {', '.join(DOC_HEADINGS)}")
    if "Use instead:" not in rule.doc:
        raise RegistryError(f"{rule.code}: doc must have a 'Use instead:' block")


def build_index(families: Iterable[Family]) -> Mapping[str, Rule]:
    """Index every rule by code, refusing duplicate codes and names."""
    by_code: dict[str, Rule] = {}
    names: set[str] = set()
    for family in families:
        for rule in family.rules:
            if rule.code in by_code:
                raise RegistryError(f"duplicate code {rule.code}")
            if rule.name in names:
                raise RegistryError(f"duplicate rule name {rule.name}")
            by_code[rule.code] = rule
            names.add(rule.name)
    return dict(sorted(by_code.items()))
