"""Options: declared once, registered with flake8, validated once into frozen settings."""

from __future__ import annotations

import argparse
import configparser
import fnmatch
import functools
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, NamedTuple

DEFAULT_TARGET: Final = (3, 13)
SUPPORTED_TARGETS: Final = tuple((3, minor) for minor in range(7, 15))
DEFAULT_TEST_PATHS: Final = ("tests/**", "test/**", "test_*.py", "*_test.py", "conftest.py")

AnyPolicy = Literal["forbid", "signatures", "allow"]
RelativePolicy = Literal["never", "siblings", "any"]
BroadExceptPolicy = Literal["swallow", "all"]
BROAD_EXCEPT_POLICIES: Final[tuple[BroadExceptPolicy, ...]] = ("swallow", "all")
RELATIVE_POLICIES: Final[tuple[RelativePolicy, ...]] = ("never", "siblings", "any")
FuturePolicy = Literal["require", "forbid"]
ANY_POLICIES: Final[tuple[AnyPolicy, ...]] = ("forbid", "signatures", "allow")
FUTURE_POLICIES: Final[tuple[FuturePolicy, ...]] = ("require", "forbid")
SLEEP_POLICIES: Final = ("all", "blocking")
ON_OFF: Final = ("on", "off")
SQLALCHEMY_TARGETS: Final = ("2.0", "1.4")


class OptionSpec(NamedTuple):
    """One `--familystd-*` option, as flake8, the docs and the fixture headers see it."""

    flag: str
    default: str
    help: str
    accepted: tuple[str, ...] = ()
    comma_list: bool = False

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")

    @property
    def config_name(self) -> str:
        return self.flag.lstrip("-")


def _version_words() -> tuple[str, ...]:
    return ("auto", *(f"{major}.{minor}" for major, minor in SUPPORTED_TARGETS))


OPTIONS: Final = (
    OptionSpec(
        "--familystd-target-version",
        "auto",
        "lowest Python version the linted code must run on; `auto` reads the lower bound of "
        "`requires-python` from the nearest pyproject.toml, else 3.13",
        accepted=_version_words(),
    ),
    OptionSpec(
        "--familystd-test-paths",
        ",".join(DEFAULT_TEST_PATHS),
        "glob patterns of test files (rules marked 'skip in tests' stay quiet there); a pattern "
        "without `/` matches the file name, `**` matches any number of directories",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-any-policy",
        "signatures",
        "where `typing.Any` is reported (FAM109): `forbid` everywhere, `signatures` in "
        "parameter and return annotations only, `allow` nowhere",
        accepted=ANY_POLICIES,
    ),
    OptionSpec(
        "--familystd-future-annotations",
        "require",
        "FAM117 policy once the rule is selected: `require` `from __future__ import "
        "annotations` in every module with annotations, or `forbid` it",
        accepted=FUTURE_POLICIES,
    ),
    OptionSpec(
        "--familystd-relative-imports",
        "siblings",
        "FAM912: `never` allows no relative import, `siblings` allows `from .x import y` but "
        "not `from ..x`, `any` allows all",
        accepted=RELATIVE_POLICIES,
    ),
    OptionSpec(
        "--familystd-broad-except",
        "swallow",
        "FAM907: `swallow` reports `except Exception` / `BaseException` handlers that neither "
        "re-raise, log nor use the exception; `all` reports every such handler",
        accepted=BROAD_EXCEPT_POLICIES,
    ),
    # -- concurrency (FAM2xx) --------------------------------------------------------------
    OptionSpec(
        "--familystd-blocking-calls",
        "",
        "FAM201: extra qualified names of blocking callables (`mylib.fetch_sync`); a name "
        "ending in `.*` covers a whole module",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-allowed-blocking-calls",
        "",
        "FAM201: qualified names removed from the built-in blocking-call table (`builtins.open`, "
        "`pathlib.Path.mkdir`); a name ending in `.*` removes a whole module or class",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-sleep-policy",
        "all",
        "FAM207: `all` reports every sleep used as a delay in async code (except "
        "`asyncio.sleep(0)`), `blocking` only `time.sleep`",
        accepted=SLEEP_POLICIES,
    ),
    # -- security (FAM3xx) -----------------------------------------------------------------
    OptionSpec(
        "--familystd-secret-names",
        "",
        "FAM305: extra name tokens that mark a secret (`pin`, `otp`)",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-secret-ignore-names",
        "",
        "FAM305: names or name tokens that are never secrets",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-secret-placeholders",
        "",
        "FAM305: extra literal values that are placeholders, not secrets",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-settings-modules",
        "*settings*.py,*config*.py,*conf.py",
        "FAM309: glob patterns of the modules allowed to read secrets from the environment",
        comma_list=True,
    ),
    # -- logging and PII (FAM4xx) ----------------------------------------------------------
    OptionSpec(
        "--familystd-pii-names",
        "",
        "FAM4xx: extra name tokens that mark personal data or secrets",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-pii-ignore-names",
        "",
        "FAM4xx: names or name tokens that are never sensitive",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-pii-sanitizers",
        "",
        "FAM4xx: extra qualified or bare names of functions whose result is safe to log",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-pii-identifiers",
        "off",
        "FAM4xx: `on` also treats identifiers (`user_id`, `username`) as personal data",
        accepted=ON_OFF,
    ),
    OptionSpec(
        "--familystd-logger-factories",
        "",
        "FAM4xx: extra qualified names of functions that return a logger",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-pii-model-dumps",
        "off",
        "FAM405: `on` also reports whole-model dumps (`.model_dump()`, `vars(obj)`, "
        "`obj.__dict__`) reaching a log",
        accepted=ON_OFF,
    ),
    # -- SQLAlchemy (FAM5xx) ---------------------------------------------------------------
    OptionSpec(
        "--familystd-sqlalchemy-session-names",
        "",
        "FAM5xx: receiver names to treat as SQLAlchemy sessions when the resolver cannot "
        "infer them (`db`, `session`)",
        comma_list=True,
    ),
    OptionSpec(
        "--familystd-sqlalchemy-target",
        "2.0",
        "FAM5xx: the SQLAlchemy version being migrated to; `1.4` reports only what 1.4 "
        "already offers a replacement for",
        accepted=SQLALCHEMY_TARGETS,
    ),
)
OPTIONS_BY_FLAG: Final = {spec.flag: spec for spec in OPTIONS}
CORE_FLAGS: Final = frozenset(
    {
        "--familystd-target-version",
        "--familystd-test-paths",
        "--familystd-any-policy",
        "--familystd-future-annotations",
        "--familystd-relative-imports",
        "--familystd-broad-except",
    }
)


class OptionValueError(ValueError):
    """A bad option value; the message names the option and the accepted values."""


def check_choice(spec: OptionSpec, value: str) -> str:
    word = value.strip().lower()
    if word not in spec.accepted:
        raise OptionValueError(
            f"{spec.flag}: invalid value {value!r}; accepted values: {', '.join(spec.accepted)}"
        )
    return word


def argparse_type(spec: OptionSpec) -> Callable[[str], str]:
    """An argparse `type=` that turns a bad value into argparse's one-line usage error."""

    def convert(value: str) -> str:
        try:
            return check_choice(spec, value)
        except OptionValueError as exc:
            raise argparse.ArgumentTypeError(str(exc).partition(": ")[2]) from None

    convert.__name__ = spec.config_name
    return convert


def parse_version(word: str) -> tuple[int, int] | None:
    if word == "auto":
        return None
    major, _, minor = word.partition(".")
    return int(major), int(minor)


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated options for one flake8 run (workers rebuild it from argv, so `-j` works)."""

    target_version: tuple[int, int] | None = None
    test_paths: tuple[str, ...] = DEFAULT_TEST_PATHS
    any_policy: AnyPolicy = "signatures"
    future_annotations: FuturePolicy = "require"
    relative_imports: RelativePolicy = "siblings"
    broad_except: BroadExceptPolicy = "swallow"
    enabled: frozenset[str] | None = None
    extra: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    """Family options not given a field above: `(flag, value)`, read with `choice`/`names`."""

    @classmethod
    def from_values(
        cls,
        values: dict[str, str | Sequence[str] | None],
        enabled: frozenset[str] | None = None,
    ) -> Settings:
        """Build settings from option values (strings, or lists for comma options)."""

        def scalar(flag: str) -> str:
            spec = OPTIONS_BY_FLAG[flag]
            raw = values.get(spec.dest)
            if raw is None:
                return spec.default
            if not isinstance(raw, str):
                raw = ",".join(raw)
            return check_choice(spec, raw)

        def words(flag: str) -> tuple[str, ...]:
            spec = OPTIONS_BY_FLAG[flag]
            raw = values.get(spec.dest)
            if raw is None:
                raw = spec.default
            items = raw.split(",") if isinstance(raw, str) else list(raw)
            return tuple(item.strip() for item in items if item.strip())

        any_policy = scalar("--familystd-any-policy")
        future = scalar("--familystd-future-annotations")
        relative = scalar("--familystd-relative-imports")
        broad = scalar("--familystd-broad-except")
        return cls(
            target_version=parse_version(scalar("--familystd-target-version")),
            test_paths=words("--familystd-test-paths"),
            any_policy=next(p for p in ANY_POLICIES if p == any_policy),
            future_annotations=next(p for p in FUTURE_POLICIES if p == future),
            relative_imports=next(p for p in RELATIVE_POLICIES if p == relative),
            broad_except=next(p for p in BROAD_EXCEPT_POLICIES if p == broad),
            enabled=enabled,
            extra=tuple(
                (spec.flag, words(spec.flag) if spec.comma_list else scalar(spec.flag))
                for spec in OPTIONS
                if spec.flag not in CORE_FLAGS
            ),
        )

    def choice(self, flag: str) -> str:
        """The validated value of a family's choice option (its default if not given)."""
        for key, value in self.extra:
            if key == flag and isinstance(value, str):
                return value
        return OPTIONS_BY_FLAG[flag].default

    def names(self, flag: str) -> tuple[str, ...]:
        """The items of a family's comma-separated option (its default if not given)."""
        for key, value in self.extra:
            if key == flag and not isinstance(value, str):
                return value
        default = OPTIONS_BY_FLAG[flag].default
        return tuple(item.strip() for item in default.split(",") if item.strip())

    def for_file(self, filename: str) -> FileSettings:
        target = self.target_version or discover_target(filename) or DEFAULT_TARGET
        return FileSettings(self, target, is_test_path(filename, self.test_paths))


class FileSettings(NamedTuple):
    """Settings resolved for one file."""

    run: Settings
    target: tuple[int, int]
    is_test_file: bool


# -- test paths ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _compile_patterns(
    patterns: tuple[str, ...],
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """One regex for the file-name patterns (`fnmatch` syntax, matched against the base
    name), one for the path patterns (matched against the end of the path)."""
    names = [fnmatch.translate(p) for p in patterns if "/" not in p]
    paths = [_glob_to_regex(p.strip("/")) for p in patterns if "/" in p]
    name_regex = re.compile("|".join(names)) if names else None
    regex = re.compile(r"(?:^|/)(?:" + "|".join(paths) + r")$") if paths else None
    return name_regex, regex


def _glob_to_regex(pattern: str) -> str:
    out: list[str] = []
    for part in re.split(r"(\*\*/?|\*|\?)", pattern):
        if part in ("**", "**/"):
            out.append(r"(?:.*/)?" if part == "**/" else r".*")
        elif part == "*":
            out.append(r"[^/]*")
        elif part == "?":
            out.append(r"[^/]")
        else:
            out.append(re.escape(part))
    return "".join(out)


def is_test_path(filename: str, patterns: tuple[str, ...]) -> bool:
    if not filename or filename in ("stdin", "-"):
        return False
    path = filename.replace("\\", "/")
    names, regex = _compile_patterns(patterns)
    if names is not None and names.match(path.rpartition("/")[2]) is not None:
        return True
    return regex is not None and regex.search(path) is not None


# -- target version from pyproject.toml ---------------------------------------------------------

_SPECIFIER = re.compile(r"(~=|===|==|>=|>|<=|<|!=)\s*([0-9]+)(?:\.([0-9]+))?")
_REQUIRES_PYTHON_LINE = re.compile(r"""^\s*requires-python\s*=\s*(['"])(.*?)\1""", re.MULTILINE)


def lower_bound(requires_python: str) -> tuple[int, int] | None:
    """The lowest `3.N` a `requires-python` specifier admits (None if it sets no bound)."""
    bounds: list[tuple[int, int]] = []
    for op, major, minor in _SPECIFIER.findall(requires_python):
        version = (int(major), int(minor or 0))
        if op in (">=", "~=", "==", "===") or op == ">":
            bounds.append(version)
    return max(bounds) if bounds else None


def discover_target(filename: str) -> tuple[int, int] | None:
    """The lowest Python the project of `filename` supports, from its nearest project file.

    In the nearest directory holding a `pyproject.toml` or `setup.cfg`: `[project]
    requires-python`, else `setup.cfg`'s `[options] python_requires`, else the oldest
    `target-version` of `[tool.ruff]` / `[tool.black]`.
    """
    # os.path, not pathlib: this runs for every file, and two `Path` objects cost more than
    # the lint of a small module
    spelled = ""  # stdin: the working directory
    if filename not in ("stdin", "-"):
        spelled = os.path.dirname(filename)  # noqa: PTH120, FAM901
    now = time.monotonic()
    cached = _directory_targets.get(spelled)
    if cached is not None and now - cached[0] < RESTAT_SECONDS:
        return cached[1]  # the common case: the previous file's directory, a moment ago
    directory = spelled
    if not os.path.isabs(directory):  # noqa: PTH117, FAM901
        directory = os.path.join(os.getcwd(), directory)  # noqa: PTH109, PTH118, FAM901
    root = _project_root(os.path.normpath(directory))
    target = None if root is None else _target_of(root, _stamps(root))
    if len(_directory_targets) >= _MAX_DIRECTORIES:
        _directory_targets.clear()
    _directory_targets[spelled] = (now, target)
    return target


# The target found for each directory (as the file names spell it) and when: one lookup per
# file. It is looked for again (the project files stat'ed) at most this often: an editor's
# long-lived flake8 sees a changed `requires-python`; a run stats each directory's once.
RESTAT_SECONDS: Final = 1.0
_directory_targets: dict[str, tuple[float, tuple[int, int] | None]] = {}
_MAX_DIRECTORIES: Final = 4096


def _stamps(root: str) -> tuple[tuple[int, int], ...]:
    """Modification time and size of the root's project files (the cache key of its target)."""
    stamps = []
    for name in PROJECT_FILES:
        try:
            stat = os.stat(os.path.join(root, name))  # noqa: PTH116, PTH118, FAM901 - per directory
        except OSError:
            stamps.append((0, 0))
        else:
            stamps.append((stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


PROJECT_FILES: Final = ("pyproject.toml", "setup.cfg")


@functools.lru_cache(maxsize=4096)
def _project_root(directory: str) -> str | None:
    """The nearest of `directory` (absolute) and its parents holding a project file. Each
    directory is looked at once: a new directory's parent is usually known already."""
    for name in PROJECT_FILES:
        if os.path.isfile(os.path.join(directory, name)):  # noqa: PTH113, PTH118, FAM901
            return directory
    parent = os.path.dirname(directory)  # noqa: PTH120, FAM901
    return None if parent == directory else _project_root(parent)


@functools.lru_cache(maxsize=64)
def _target_of(root: str, stamps: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    del stamps  # cache key only: changed files are read again
    pyproject = _read(Path(root) / "pyproject.toml")
    spec = _project_requires_python(pyproject) if pyproject else None
    if spec is None:
        spec = _setup_cfg_python_requires(_read(Path(root) / "setup.cfg"))
    if spec is not None:
        return lower_bound(spec)
    return _tool_target_version(pyproject) if pyproject else None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _setup_cfg_python_requires(text: str) -> str | None:
    if not text:
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    value = parser.get("options", "python_requires", fallback=None)
    return value.strip() if value else None


_TOOL_VERSION = re.compile(r"py3(\d+)")


def _tool_target_version(text: str) -> tuple[int, int] | None:
    if sys.version_info < (3, 11):  # pragma: no cover - Python 3.10 has no tomllib
        return None
    import tomllib

    try:
        tools = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return None
    words: list[str] = []
    for tool in ("ruff", "black"):
        value = tools.get(tool, {}).get("target-version") if isinstance(tools, dict) else None
        words.extend([value] if isinstance(value, str) else value or [])
    minors = [int(m.group(1)) for w in words if (m := _TOOL_VERSION.fullmatch(str(w)))]
    return (3, min(minors)) if minors else None


def _project_requires_python(text: str) -> str | None:
    if sys.version_info >= (3, 11):
        import tomllib

        try:
            project = tomllib.loads(text).get("project")
        except tomllib.TOMLDecodeError:
            return None
        value = project.get("requires-python") if isinstance(project, dict) else None
        return value if isinstance(value, str) else None
    else:  # pragma: no cover - Python 3.10 only
        match = _REQUIRES_PYTHON_LINE.search(text)
        return match.group(2) if match else None
