"""Meta-tests: registry, fixtures, docs and changelog stay in step."""

from __future__ import annotations

import pkgutil
import re
from pathlib import Path

import pytest

from flake8_familystd import docs, rules
from flake8_familystd.registry import Family, RegistryError, build_index
from flake8_familystd.rules import FAMILIES, RULES
from flake8_familystd.settings import OPTIONS_BY_FLAG
from tests.harness import FIXTURES, ROOT, parse_fixture

CODE = re.compile(r"\bFAM[0-9]{3}\b")
REMOVED_CODES: frozenset[str] = frozenset()
# rules.md fixes which rules are opt-in.
OPT_IN = frozenset(
    {
        *("FAM108", "FAM112", "FAM113", "FAM114", "FAM115", "FAM116", "FAM117"),
        *("FAM206", "FAM209", "FAM212"),
        "FAM309",
        *("FAM407", "FAM408"),
        "FAM506",
        *("FAM902", "FAM915"),
    }
)


def _expected_by_fixtures() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in FIXTURES.glob("*/*.py"):
        fixture = parse_fixture(path, frozenset(RULES))
        for expectation in fixture.expected:
            found.setdefault(expectation.code, set()).add(path.name)
    return found


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_bad_and_good_fixtures(code: str) -> None:
    family = RULES[code].family
    assert (FIXTURES / family / f"{code}_bad.py").exists()
    assert (FIXTURES / family / f"{code}_good.py").exists()
    assert f"{code}_bad.py" in _expected_by_fixtures().get(code, set())


def test_fixture_files_are_named_after_registered_codes() -> None:
    for path in FIXTURES.glob("*/*.py"):
        code = path.stem.split("_", 1)[0]
        assert code in RULES, path
        assert path.parent.name == RULES[code].family, path


@pytest.mark.parametrize(
    "path", [ROOT / "CHANGELOG.md", ROOT / "docs" / "rules.md", ROOT / "README.md"],
    ids=lambda p: p.name,
)  # fmt: skip
def test_every_code_mentioned_exists(path: Path) -> None:
    mentioned = set(CODE.findall(path.read_text(encoding="utf-8")))
    assert mentioned - set(RULES) - REMOVED_CODES == set()


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_is_in_changelog_and_docs(code: str) -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^- `{code}` `{RULES[code].name}`", changelog, re.M), code
    assert f'<a id="{code.lower()}"></a>' in (ROOT / "docs" / "rules.md").read_text("utf-8")


def test_generated_docs_are_up_to_date() -> None:
    for path, content in docs.expected_files(ROOT).items():
        assert path.read_text(encoding="utf-8") == content, (
            f"{path.name} is stale: run `uv run flake8-familystd docs --write`"
        )


def test_defaults_match_the_spec() -> None:
    assert {code for code, rule in RULES.items() if not rule.default_enabled} == OPT_IN


def test_every_family_module_is_registered() -> None:
    modules = {m.name for m in pkgutil.iter_modules(rules.__path__)}
    assert modules == {family.name for family in FAMILIES}


@pytest.mark.parametrize("code", list(RULES))
def test_rule_options_exist(code: str) -> None:
    for flag in RULES[code].options:
        assert flag in OPTIONS_BY_FLAG
        assert flag in RULES[code].doc


@pytest.mark.parametrize(
    ("code", "name", "message", "doc", "error"),
    [
        ("FAM1", "ok-name", "msg", "", "does not match"),
        ("FAM201", "ok-name", "msg", "", "not in family"),
        ("FAM150", "Bad_Name", "msg", "", "kebab-case"),
        ("FAM150", "ok-name", "Capital", "", "lower-case"),
        ("FAM150", "ok-name", "trailing.", "", "final period"),
        ("FAM150", "ok-name", "msg", "## Example\n## What it does", "in order"),
        ("FAM150", "ok-name", "msg {0}", "", "plain name"),
    ],
)
def test_registry_rejects_bad_rules(
    code: str, name: str, message: str, doc: str, error: str
) -> None:
    family = Family("probe", 1, "Probe")
    with pytest.raises(RegistryError, match=error):
        family.rule(code, name, message, doc)


def test_registry_rejects_duplicates() -> None:
    doc = "## What it does\n## Why is this bad?\n## Example\nUse instead:\n"
    one, two = Family("a", 1, "A"), Family("b", 1, "B")
    one.rule("FAM150", "same-name", "msg", doc)
    two.rule("FAM150", "other-name", "msg", doc)
    with pytest.raises(RegistryError, match="duplicate code"):
        build_index([one, two])
    three = Family("c", 1, "C")
    three.rule("FAM151", "same-name", "msg", doc)
    with pytest.raises(RegistryError, match="duplicate rule name"):
        build_index([one, three])


def test_format_insists_on_template_fields() -> None:
    rule = RULES["FAM101"]
    assert rule.format(replacement="int | None", original="Optional[int]").startswith("use")
    with pytest.raises(RegistryError):
        rule.format(replacement="x")
