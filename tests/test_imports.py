"""The shared resolver: what `qualified_name` answers for each import and binding style."""

from __future__ import annotations

import ast
import textwrap

import pytest

from flake8_familystd.context import Context
from tests.probes import probe_calls

CASES: list[tuple[str, str, str | None]] = [
    ("import module", "import os.path\nprobe(os.path.join)", "os.path.join"),
    ("import module as", "import os.path as osp\nprobe(osp.join)", "os.path.join"),
    ("from import", "from os import path\nprobe(path.join)", "os.path.join"),
    ("from import as", "from os import path as p\nprobe(p.join)", "os.path.join"),
    ("dotted import", "import a.b.c\nprobe(a.b.c.d)", "a.b.c.d"),
    ("dotted import as", "import a.b as ab\nprobe(ab.c)", "a.b.c"),
    ("several names", "import os, sys\nprobe(sys.argv)", "sys.argv"),
    ("typing alias", "import typing as t\nprobe(t.Optional)", "typing.Optional"),
    ("typing_extensions", "from typing_extensions import Optional\nprobe(Optional)",
     "typing.Optional"),
    ("typing_extensions module", "import typing_extensions as te\nprobe(te.Any)", "typing.Any"),
    ("builtin", "probe(open)", "builtins.open"),
    ("local def shadows builtin", "def open(): pass\nprobe(open)", None),
    ("assignment shadows builtin", "print = len\nprobe(print)", None),
    ("parameter shadows module", "import logging\ndef f(logging):\n    probe(logging.info)", None),
    ("module import in function", "import logging\ndef f():\n    probe(logging.info)",
     "logging.info"),
    ("function-level import", "def f():\n    import json as j\n    probe(j.loads)", "json.loads"),
    ("function import stays local", "def f():\n    import json\nprobe(json)", None),
    ("later import seen by body", "def f():\n    probe(json.loads)\nimport json", "json.loads"),
    ("assignment shadows import", "import select\nselect = 3\nprobe(select)", None),
    ("assignment evaluated first", "import x\nx = probe(x.y)", "x.y"),
    ("relative from import", "from . import x\nprobe(x.y)", None),
    ("relative module import", "from .mod import y\nprobe(y)", None),
    ("class scope hidden from methods",
     "class C:\n    import json\n    def m(self):\n        probe(json)", None),
    ("class scope in class body", "class C:\n    import json\n    probe(json.x)", "json.x"),
    ("comprehension variable", "import os\n[probe(os) for os in range(3)]", None),
    ("comprehension sees module", "import os\n[probe(os.sep) for _ in range(3)]", "os.sep"),
    ("star import", "from sqlalchemy import *\nprobe(select)", "sqlalchemy.select"),
    ("relative star import", "from .models import *\nprobe(select)", None),
    ("call in chain", "import foo\nprobe(foo().bar)", None),
    ("del removes binding", "import json\ndel json\nprobe(json)", None),
    ("except name", "try:\n    pass\nexcept Exception as os:\n    probe(os)", None),
    ("lambda parameter", "import os\nf = lambda os: probe(os)", None),
    ("walrus", "import os\nif (os := 3):\n    probe(os)", None),
    ("fallback import", "try:\n    import simplejson as json\nexcept ImportError:\n"
     "    import json\nprobe(json.loads)", "json.loads"),
    ("match capture", "import json\nmatch 1:\n    case json:\n        probe(json)", None),
    ("global declared", "import json\ndef f():\n    global json\n    json = 3\n    probe(json)",
     None),
    ("for target", "import os\nfor os in []:\n    probe(os)", None),
    ("with target", "import os\nwith open('x') as os:\n    probe(os)", None),
]  # fmt: skip


def _qualified(ctx: Context, call: ast.Call) -> object:
    return ctx.qualified_name(call.args[0])


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_qualified_name(source: str, expected: str | None) -> None:
    assert probe_calls(textwrap.dedent(source), _qualified) == [expected]


def test_raw_name_keeps_typing_extensions() -> None:
    found = probe_calls(
        "import typing_extensions\nprobe(typing_extensions.Any)",
        lambda ctx, call: ctx.raw_qualified_name(call.args[0]),
    )
    assert found == ["typing_extensions.Any"]
