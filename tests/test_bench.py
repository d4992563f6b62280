"""The benchmark: options that need another are refused before any work; the timed split."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench import overhead


@pytest.mark.parametrize("flag", ["--misses", "--collector-off"])
def test_counting_options_need_instructions(
    flag: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["overhead.py", flag])
    with pytest.raises(SystemExit) as exited:
        overhead.main()
    assert exited.value.code == 2
    assert "need --instructions" in capsys.readouterr().err


def test_split_gives_each_part_as_a_share_of_flake8_alone() -> None:
    times = {
        "without": [10.0, 20.0, 10.0],
        "plumbing": [10.1, 20.2, 10.1],
        "silent": [10.6, 21.2, 10.6],
        "with": [10.8, 21.6, 10.8],
    }
    assert overhead._split(times) == (
        "loading and calling the plugin (lint() skipped) +1.0%; "
        "lint() (its diagnostics dropped) +5.0%; "
        "flake8 handling the plugin's diagnostics +2.0%"
    )


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (5, None),  # too few rounds for 95%
        (6, (1.0, 6.0)),  # the extremes cover 96.9%
        (9, (2.0, 8.0)),
        (15, (4.0, 12.0)),  # the 4th and 12th of 15 cover 96.5%
    ],
)
def test_median_interval_is_the_covering_pair_of_order_statistics(
    n: int, expected: tuple[float, float] | None
) -> None:
    values = [float(v) for v in range(n, 0, -1)]  # unsorted on purpose
    assert overhead.median_interval(values) == expected


@pytest.mark.parametrize(
    ("rounds", "expected"),
    [
        ([0.05] * 7 + [0.09] * 8, "within the 10% target (the whole interval is)"),
        ([0.11] * 7 + [0.20] * 8, "over the 10% target (the whole interval is)"),
        ([0.05] * 5 + [0.10] * 5 + [0.15] * 5, "not distinguishable from the 10% target"),
        ([0.05] * 5, "too few rounds to tell whether the overhead is within 10%"),
    ],
)
def test_verdict_says_what_the_interval_shows(rounds: list[float], expected: str) -> None:
    assert overhead.verdict(rounds).startswith(expected)


RUN_A = """corpus: django (879 .py files), flake8 -j1 default selection
without plugin: runs 10.00 12.00
with plugin:    runs 11.00 13.00
yardstick:      runs 11.50 12.50
without plugin: median 11.00s wall, 11.00s CPU, peak RSS 33 MiB
"""
RUN_B = """without plugin: runs 14.00
with plugin:    runs 15.00
yardstick:      runs 16.00
"""
CODE_A = "plugin code: aaaa (sha256 of the 103 modules under /a/src/flake8_familystd)\n"
CODE_B = "plugin code: bbbb (sha256 of the 103 modules under /a/src/flake8_familystd)\n"


def test_pool_joins_the_rounds_of_several_runs_mode_by_mode() -> None:
    assert overhead.pooled_rounds([RUN_A, RUN_B]) == {
        "without": [10.0, 12.0, 14.0],
        "with": [11.0, 13.0, 15.0],
        "yardstick": [11.5, 12.5, 16.0],
    }


@pytest.mark.parametrize(
    ("outputs", "message"),
    [
        (["nothing timed here"], "output 1 has no `runs` lines with and without the plugin"),
        (
            ["without plugin: runs 1.00 2.00\nwith plugin:    runs 1.10\n"],
            "output 1 has modes timed a different number of times",
        ),
        (
            [RUN_A, "without plugin: runs 1.00\nwith plugin:    runs 1.10\n"],
            "output 2 timed other modes than output 1",
        ),
        (
            [CODE_A + RUN_B, CODE_B + RUN_B],
            r"output 2 measured another plugin code \(bbbb\) than output 1 \(aaaa\)",
        ),
        (
            [RUN_A, RUN_A.replace("default selection", "--select E,F,W,C90,FAM")],
            "output 2 measured another corpus or selection",
        ),
    ],
)
def test_pool_refuses_outputs_it_cannot_pair(outputs: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        overhead.pooled_rounds(outputs)


def test_pool_option_summarizes_without_timing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "run.txt"
    saved.write_text(RUN_A, encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["overhead.py", "--pool", str(saved), str(saved)])
    assert overhead.main() == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "4 rounds from 2 runs' outputs"
    assert lines[1] == "(2 of them do not say which plugin code they measured)"
    assert lines[2].startswith("overhead (wall): +1.00s (+9.1%) median")
    assert "too few rounds" in lines[4]


def test_pool_takes_the_same_code_and_corpus_timed_from_other_checkouts() -> None:
    elsewhere = CODE_A.replace("/a/", "/b/") + RUN_A.replace("django (", "/tmp/x/django (")
    assert len(overhead.pooled_rounds([CODE_A + RUN_A, elsewhere])["with"]) == 4


@pytest.mark.parametrize(
    ("outputs", "unnamed"),
    [([RUN_A, RUN_B], 2), ([CODE_A + RUN_A, RUN_B], 1), ([CODE_A + RUN_A, CODE_A + RUN_B], 0)],
)
def test_pool_counts_the_outputs_that_do_not_name_their_code(
    outputs: list[str], unnamed: int
) -> None:
    assert overhead.unidentified(outputs) == unnamed


def test_fingerprint_names_the_package_flake8_will_load() -> None:
    digest, _, rest = overhead.plugin_fingerprint().partition(" ")
    assert len(digest) == 12
    assert int(digest, 16) >= 0
    assert rest.endswith("flake8_familystd)")
