"""The benchmark: options that need another are refused before any work; the timed split."""

from __future__ import annotations

import sys

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
