"""FAM901: `os.path` and `os` file functions -> `pathlib.Path`."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.modern.family import FAMILY

PATHLIB: Final = {
    "os.path.join": "`Path(a) / b`",
    "os.path.exists": "`Path.exists()`",
    "os.path.isfile": "`Path.is_file()`",
    "os.path.isdir": "`Path.is_dir()`",
    "os.path.islink": "`Path.is_symlink()`",
    "os.path.isabs": "`Path.is_absolute()`",
    "os.path.basename": "`Path.name`",
    "os.path.dirname": "`Path.parent`",
    "os.path.abspath": "`Path.resolve()`",
    "os.path.realpath": "`Path.resolve()`",
    "os.path.expanduser": "`Path.expanduser()`",
    "os.path.splitext": "`Path.stem` / `Path.suffix`",
    "os.path.getsize": "`Path.stat().st_size`",
    "os.path.getmtime": "`Path.stat().st_mtime`",
    "os.path.getatime": "`Path.stat().st_atime`",
    "os.path.getctime": "`Path.stat().st_ctime`",
    "os.path.samefile": "`Path.samefile()`",
    "os.path.normpath": "`Path.resolve()` (or `PurePath`)",
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
    - `os.sep`, `os.environ`, `os.walk` (`Path.walk()` needs 3.12) and `os.path.commonpath`
      have no one-to-one `pathlib` spelling and are not reported.
    - A chained use is reported once, on the function (`os.path.join`), not on `os.path`.

    ## References
    - [pathlib: corresponding tools](https://docs.python.org/3/library/pathlib.html)
    - ruff `PTH100`-`PTH124`
    """,
)


@FAMILY.on_name("os", FAM901)
@FAMILY.on_name("posixpath", FAM901)
@FAMILY.on_name("ntpath", FAM901)
def os_path(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    for prefix in ("posixpath.", "ntpath."):
        if qualname.startswith(prefix):
            qualname = "os.path." + qualname[len(prefix):]
    replacement = PATHLIB.get(qualname)
    if replacement is not None:
        ctx.report(FAM901, node, replacement=replacement, name=qualname)
