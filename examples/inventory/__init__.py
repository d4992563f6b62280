"""A small inventory service, written the old way: `uv run flake8 examples/` shows what to fix."""
