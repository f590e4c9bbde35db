#!/usr/bin/env python3
"""Every string constant in the code of the given modules (docstrings left out), one per line.

    python bench/string_literals.py src/claimgraph/extract/eventful.py src/claimgraph/nlp/pipeline.py

For checking that a module holds logic only: what is left should be cue names, KB kinds and ids,
weapon classes, output labels and patterns of digits or punctuation, never words of a language.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def string_constants(path: str) -> list[tuple[int, str]]:
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    documented = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented) and node.body and isinstance(node.body[0], ast.Expr)
    }
    found = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]
    return sorted(found)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        for line, value in string_constants(path):
            print(f"{path}:{line}: {value!r}")
