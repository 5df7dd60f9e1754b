"""Run the examples in every public docstring, so the documentation cannot drift from the code."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import rapidad

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(rapidad.__path__, "rapidad.")
    if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", ["rapidad", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
