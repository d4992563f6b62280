"""`python -m flake8_familystd`: the same as the `flake8-familystd` command."""

from __future__ import annotations

from flake8_familystd.cli import main

raise SystemExit(main())
