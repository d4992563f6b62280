"""Fixture expectations and a runner that goes through flake8's real machinery."""

from __future__ import annotations

import io
import re
import shlex
import sys
import tempfile
import tokenize
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from flake8.main.application import Application

ROOT: Final = Path(__file__).resolve().parent.parent
FIXTURES: Final = ROOT / "fixtures"
EXPECT: Final = re.compile(r"#\s*expect:\s*(?P<items>.+?)\s*$")
ITEM: Final = re.compile(r"^(?P<code>FAM[0-9]{3})(?:@(?P<col>[0-9]+))?$")
DIRECTIVE: Final = re.compile(r"^#\s*(?P<name>[a-z-]+):\s*(?P<value>.*?)\s*$")
DIRECTIVES: Final = frozenset({"options", "requires-python", "rules", "target"})
DEFAULT_TARGET: Final = "3.13"


class FixtureError(ValueError):
    """A fixture breaks the expectation grammar."""


@dataclass(frozen=True, order=True)
class Expected:
    line: int
    code: str
    col: int | None = None


@dataclass
class Fixture:
    path: Path
    expected: list[Expected] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    requires: tuple[int, int] | None = None

    @property
    def family(self) -> str:
        return self.path.parent.name

    @property
    def is_good(self) -> bool:
        return "_good" in self.path.stem

    def runnable(self) -> bool:
        return self.requires is None or sys.version_info[:2] >= self.requires


def parse_fixture(path: Path, known_codes: frozenset[str]) -> Fixture:
    """Read header directives and `# expect:` comments (from tokens, not from text)."""
    fixture = Fixture(path)
    source = path.read_text(encoding="utf-8")
    header_done = False
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.NL, tokenize.NEWLINE, tokenize.ENCODING):
            continue
        if token.type != tokenize.COMMENT:
            header_done = True
            continue
        expect = EXPECT.search(token.string)
        if expect:
            header_done = True
            for raw in expect.group("items").split(","):
                item = ITEM.match(raw.strip())
                if item is None or item.group("code") not in known_codes:
                    raise FixtureError(f"{path}:{token.start[0]}: bad expectation {raw.strip()!r}")
                col = int(item.group("col")) if item.group("col") else None
                fixture.expected.append(Expected(token.start[0], item.group("code"), col))
            continue
        directive = DIRECTIVE.match(token.string)
        if header_done or directive is None:
            header_done = True
            continue
        name, value = directive.group("name"), directive.group("value")
        if name not in DIRECTIVES:
            raise FixtureError(f"{path}:{token.start[0]}: unknown directive {name!r}")
        if name == "options":
            fixture.options.extend(shlex.split(value))
        elif name == "rules":
            fixture.rules.extend(code.strip() for code in value.split(",") if code.strip())
        elif name == "requires-python":
            match = re.fullmatch(r">=\s*([0-9]+)\.([0-9]+)", value)
            if match is None:
                raise FixtureError(f"{path}: requires-python must read '>=3.N'")
            fixture.requires = (int(match.group(1)), int(match.group(2)))
        elif name == "target":
            fixture.options.append(f"--familystd-target-version={value}")
    if fixture.is_good and fixture.expected:
        raise FixtureError(f"{path}: a _good fixture must not expect anything")
    return fixture


@dataclass(frozen=True, order=True)
class Reported:
    line: int
    col: int
    code: str
    text: str


def without_expectations(source: str) -> str:
    """The fixture as a user would write it: `# expect:` comments are test metadata."""
    return "".join(
        re.sub(r"\s*#\s*expect:.*?(\r?\n|$)", r"\1", line)
        for line in source.splitlines(keepends=True)
    )


def run_fixture(path: Path, args: list[str], source: str | None = None) -> list[Reported]:
    """Lint a fixture's code (expectations stripped, or `source`) under its own file name."""
    text = without_expectations(path.read_text(encoding="utf-8")) if source is None else source
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.parent.name / path.name
        copy.parent.mkdir()
        copy.write_text(text, encoding="utf-8")
        return run_flake8([copy], args)


def run_flake8(paths: list[Path], args: list[str]) -> list[Reported]:
    """Run flake8 in-process (real option parsing, selection and noqa), return its reports."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.txt"
        app = Application()
        app.run(
            [
                "--isolated",
                "--jobs=1",
                f"--output-file={out}",
                "--format=%(row)d\t%(col)d\t%(code)s\t%(text)s",
                *args,
                *map(str, paths),
            ]
        )
        text = out.read_text(encoding="utf-8") if out.exists() else ""
    reports = []
    for line in text.splitlines():
        row, col, code, message = line.split("\t", 3)
        reports.append(Reported(int(row), int(col), code, message))
    return sorted(reports)


def fixture_args(fixture: Fixture, family_codes: list[str]) -> list[str]:
    selected = fixture.rules or family_codes
    target = (
        []
        if any("--familystd-target-version" in o for o in fixture.options)
        else [f"--familystd-target-version={DEFAULT_TARGET}"]
    )
    return [f"--select={','.join([*selected, 'E999'])}", *target, *fixture.options]


def compare(fixture: Fixture, reports: list[Reported]) -> str | None:
    """None when the reports match the expectations, else a readable difference."""
    wanted = Counter((e.line, e.code) for e in fixture.expected)
    got = Counter((r.line, r.code) for r in reports)
    problems = []
    for (line, code), count in sorted((wanted - got).items()):
        problems.append(f"  missing   line {line}: {code} (x{count})")
    for (line, code), count in sorted((got - wanted).items()):
        texts = [r.text for r in reports if (r.line, r.code) == (line, code)]
        problems.append(f"  unexpected line {line}: {code} (x{count}) {texts[0]}")
    for e in fixture.expected:
        if e.col is not None and not any(
            (r.line, r.code, r.col) == (e.line, e.code, e.col) for r in reports
        ):
            problems.append(f"  wrong column line {e.line}: {e.code} expected col {e.col}")
    return "\n".join(problems) if problems else None


def with_noqa(source: str) -> str:
    """Turn each `# expect: CODES` comment into `# noqa: CODES`."""
    lines = []
    for line in source.splitlines(keepends=True):
        lines.append(re.sub(r"#\s*expect:\s*(.+?)(\r?\n|$)", _noqa, line))
    return "".join(lines)


def _noqa(match: re.Match[str]) -> str:
    codes = ",".join(item.split("@")[0].strip() for item in match.group(1).split(","))
    return f"# noqa: {codes}{match.group(2)}"
