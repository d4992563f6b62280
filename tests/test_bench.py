"""The benchmark's command line: an option that needs another is refused before any work."""

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
