"""The typing family (FAM101-FAM117): modern, complete and honest type annotations.

Importing this package registers every rule and handler on `FAMILY`.
"""

from __future__ import annotations

from flake8_familystd.rules.typing import (
    abc_imports,
    any_type,
    assignments,
    bare_generics,
    builtin_generics,
    casts,
    class_attributes,
    final_constants,
    function_returns,
    future_import,
    missing_annotations,
    module_variables,
    name_uses,
    self_type,
    type_aliases,
    type_checking_imports,
    type_guards,
    type_params,
    typed_dicts,
    unions,
)
from flake8_familystd.rules.typing.family import FAMILY

function_returns.register(self_type.FAM111, typed_dicts.FAM115)
FAMILY.rules.sort(key=lambda rule: rule.code)

__all__ = [
    "FAMILY",
    "abc_imports",
    "any_type",
    "assignments",
    "bare_generics",
    "builtin_generics",
    "casts",
    "class_attributes",
    "final_constants",
    "future_import",
    "missing_annotations",
    "module_variables",
    "name_uses",
    "type_aliases",
    "type_checking_imports",
    "type_guards",
    "type_params",
    "typed_dicts",
    "unions",
]
