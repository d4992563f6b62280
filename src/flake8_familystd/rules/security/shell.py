"""FAM304: commands run through a shell with interpolated, unquoted parts."""

from __future__ import annotations

import ast
from typing import Final

from flake8_familystd.context import Context
from flake8_familystd.rules.security.family import FAMILY
from flake8_familystd.scope import BindingKind

FAM304 = FAMILY.rule(
    "FAM304",
    "shell-injection",
    "`{name}` runs a built command through a shell; pass an argument list "
    "(no shell), or wrap each interpolated part in `shlex.quote()`",
    """
    ## What it does
    Reports commands run through a shell whose text is built from non-constant parts:
    `subprocess.*(..., shell=<true or non-literal>)`, `subprocess.getoutput()` /
    `getstatusoutput()`, `os.system()`, `os.popen()` and `asyncio.create_subprocess_shell()`.

    ## Why is this bad?
    "Always use `shell=False` (the default) and pass arguments as a sequence. If
    `shell=True` is unavoidable, sanitize all inputs with `shlex.quote()`" (004, §6). A
    file name with a `;` or `$(...)` in it becomes a second command.

    ## Example
    ```python
    import subprocess

    subprocess.run(f"convert {src} {dst}", shell=True)
    ```

    Use instead:
    ```python
    import subprocess

    subprocess.run(["convert", src, dst], check=True)
    ```

    ## Known limitations
    - A constant command, and one whose every interpolated part is `shlex.quote(...)`,
      `shlex.join(...)`, a number (`int(...)`, `len(...)`) or a constant, is not reported;
      a local variable is followed to its assigned value once, and a `for` loop variable
      over a literal tuple or list of string constants is constant
      (`for cmd in ("ver", "cmd /c ver"):`).
    - Calls without a shell (`subprocess.run([...])`) are never reported, whatever their
      arguments.
    - `["sh", "-c", cmd]` is not reported.

    ## References
    - ruff `S602` / `S605`, bandit `B602` / `B605`;
      [shlex.quote](https://docs.python.org/3/library/shlex.html#shlex.quote)
    """,
)

# Callables that take `shell=`, and the position / keyword of their command.
SHELL_KEYWORD_CALLS: Final = frozenset(
    f"subprocess.{name}" for name in ("Popen", "run", "call", "check_call", "check_output")
)
# Callables that always run their command through a shell.
ALWAYS_SHELL: Final = frozenset(
    {
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        "os.system",
        "os.popen",
        "asyncio.create_subprocess_shell",
        "asyncio.subprocess.create_subprocess_shell",
    }
)
QUOTERS: Final = frozenset({"shlex.quote", "shlex.join", "pipes.quote"})
NUMBERS: Final = frozenset({"builtins.int", "builtins.len", "builtins.float", "sys.executable"})
COMMAND_KEYWORDS: Final = ("args", "cmd", "command")
TRUSTED_CALLS: Final = QUOTERS | NUMBERS


def _shell_use(ctx: Context, node: ast.Name | ast.Attribute, qualname: str) -> None:
    if qualname not in SHELL_KEYWORD_CALLS and qualname not in ALWAYS_SHELL:
        return
    call = ctx.parent_of(node)
    if not isinstance(call, ast.Call) or call.func is not node:
        return
    if qualname in SHELL_KEYWORD_CALLS and not _shell_on(call):
        return
    command = (
        call.args[0]
        if call.args
        else next((k.value for k in call.keywords if k.arg in COMMAND_KEYWORDS), None)
    )
    if command is not None and not _trusted_command(ctx, command):
        ctx.report(FAM304, call, name=qualname)


for _module in ("subprocess", "os", "asyncio"):
    FAMILY.on_name(_module, FAM304)(_shell_use)


def _shell_on(call: ast.Call) -> bool:
    """`shell=` given and not a false constant (`shell=settings.flag` counts)."""
    for keyword in call.keywords:
        if keyword.arg == "shell":
            value = keyword.value
            return not (isinstance(value, ast.Constant) and not value.value)
    return False


def _trusted_command(ctx: Context, command: ast.expr, depth: int = 0) -> bool:
    """A command whose every non-constant part is quoted, or a number."""
    if isinstance(command, ast.Constant):
        return True
    if isinstance(command, ast.JoinedStr):
        return all(
            not isinstance(part, ast.FormattedValue) or _trusted_part(ctx, part.value, depth)
            for part in command.values
        )
    if isinstance(command, ast.BinOp) and isinstance(command.op, ast.Add):
        return _trusted_command(ctx, command.left, depth) and _trusted_command(
            ctx, command.right, depth
        )
    if isinstance(command, ast.BinOp) and isinstance(command.op, ast.Mod):
        values = command.right.elts if isinstance(command.right, ast.Tuple) else [command.right]
        return isinstance(command.left, ast.Constant) and all(
            _trusted_part(ctx, value, depth) for value in values
        )
    if isinstance(command, (ast.List, ast.Tuple)):
        return all(_trusted_part(ctx, item, depth) for item in command.elts)
    if isinstance(command, ast.Call):
        func = command.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant):
            if func.attr == "format":  # "rm {}".format(shlex.quote(path))
                arguments = [*command.args, *(k.value for k in command.keywords)]
                return all(_trusted_part(ctx, argument, depth) for argument in arguments)
            if func.attr == "join" and len(command.args) == 1:  # " ".join([...])
                return _trusted_command(ctx, command.args[0], depth)
        return _trusted_part(ctx, command, depth)
    return _trusted_part(ctx, command, depth)


def _trusted_part(ctx: Context, part: ast.expr, depth: int) -> bool:
    if isinstance(part, ast.Constant):
        return True
    if isinstance(part, ast.Call):
        return ctx.qualified_name(part.func) in TRUSTED_CALLS
    if isinstance(part, (ast.Name, ast.Attribute)) and ctx.qualified_name(part) in NUMBERS:
        return True
    if isinstance(part, ast.Name) and depth < 2:
        binding = ctx.lookup(part.id)
        if binding is not None and binding.kind is BindingKind.ASSIGNMENT:
            if binding.value is not None:
                return _trusted_command(ctx, binding.value, depth + 1)
            return _constant_loop_target(ctx, binding.node)
    return False


def _constant_loop_target(ctx: Context, target: ast.AST) -> bool:
    """`for cmd in ("ver", "cmd /c ver"):`: the name takes only constant strings."""
    loop = ctx.parent_of(target)
    if not isinstance(loop, (ast.For, ast.AsyncFor)) or loop.target is not target:
        return False
    items = loop.iter
    return isinstance(items, (ast.Tuple, ast.List)) and all(
        isinstance(item, ast.Constant) and isinstance(item.value, str) for item in items.elts
    )
