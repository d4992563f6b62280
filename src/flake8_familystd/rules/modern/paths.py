"""FAM901: `os.path` and `os` file functions -> `pathlib.Path`."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY
from flake8_familystd.rules.modern.open_calls import file_descriptor

PATHLIB: Final = {
    "os.path.join": "`Path(a) / b`",
    "os.path.exists": "`Path.exists()`",
    "os.path.isfile": "`Path.is_file()`",
    "os.path.isdir": "`Path.is_dir()`",
    "os.path.islink": "`Path.is_symlink()`",
    "os.path.isabs": "`Path.is_absolute()`",
    "os.path.basename": "`Path.name`",
    "os.path.dirname": "`Path.parent`",
    "os.path.abspath": "`Path.absolute()`",
    "os.path.realpath": "`Path.resolve()`",
    "os.path.expanduser": "`Path.expanduser()`",
    "os.path.splitext": "`Path.stem` / `Path.suffix`",
    "os.path.getsize": "`Path.stat().st_size`",
    "os.path.getmtime": "`Path.stat().st_mtime`",
    "os.path.getatime": "`Path.stat().st_atime`",
    "os.path.getctime": "`Path.stat().st_ctime`",
    "os.path.samefile": "`Path.samefile()`",
    "os.remove": "`Path.unlink()`",
    "os.unlink": "`Path.unlink()`",
    "os.mkdir": "`Path.mkdir()`",
    "os.makedirs": "`Path.mkdir(parents=True, exist_ok=True)`",
    "os.rmdir": "`Path.rmdir()`",
    "os.listdir": "`Path.iterdir()`",
    "os.scandir": "`Path.iterdir()`",
    "os.getcwd": "`Path.cwd()`",
    "os.rename": "`Path.rename()`",
    "os.replace": "`Path.replace()`",
    "os.stat": "`Path.stat()`",
    "os.chmod": "`Path.chmod()`",
    "os.readlink": "`Path.readlink()`",
    "os.symlink": "`Path.symlink_to()`",
}

FAM901 = FAMILY.rule(
    "FAM901",
    "os-path",
    "use {replacement} instead of `{name}`",
    """
    ## What it does
    Reports uses of `os.path` functions and of the `os` functions that act on files and
    directories (`os.remove`, `os.makedirs`, `os.listdir`, `os.getcwd`, `os.rename`, ...),
    however they are imported (`import os.path as osp`, `from os import path`,
    `from os.path import join`), naming the `pathlib` spelling.

    ## Why is this bad?
    001 asks for "pathlib only" and 004 for `pathlib` over `os.path`. `Path` objects carry
    their meaning (a path, not any string), compose with `/`, and offer the file
    operations as methods.

    ## Example
    ```python
    import os

    config = os.path.join(os.getcwd(), "config", "app.toml")
    if os.path.exists(config):
        os.remove(config)
    ```

    Use instead:
    ```python
    from pathlib import Path

    config = Path.cwd() / "config" / "app.toml"
    if config.exists():
        config.unlink()
    ```

    ## Known limitations
    - `os.sep`, `os.environ`, `os.walk` (`Path.walk()` needs 3.12), `os.path.commonpath` and
      `os.path.normpath` have no one-to-one `pathlib` spelling and are not reported
      (`normpath` is purely textual; `Path.resolve()` reads the disk and follows links).
    - `posixpath` / `ntpath` used directly work on URL-like strings, not files: not reported.
    - `os.stat(fd)` and friends on a file descriptor are not reported.
    - Builtin `open()` is FAM902 (opt-in); `glob.glob` is not reported.
    - A chained use is reported once, on the function (`os.path.join`), not on `os.path`.

    ## References
    - [pathlib: corresponding tools](https://docs.python.org/3/library/pathlib.html)
    - ruff `PTH100`-`PTH124`
    """,
)


FD_ACCEPTING: Final = frozenset({"os.stat", "os.chmod", "os.listdir", "os.scandir"})


@FAMILY.on_name("os", FAM901)
def os_path(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    replacement = PATHLIB.get(qualname)
    if replacement is None:
        return
    call = ctx.parent_of(node)
    descriptor = isinstance(call, ast.Call) and bool(call.args) and file_descriptor(call.args[0])
    if qualname in FD_ACCEPTING and descriptor:
        return  # `os.stat(fd)`: `Path` cannot take a file descriptor
    ctx.report(FAM901, node, replacement=replacement, name=qualname)
