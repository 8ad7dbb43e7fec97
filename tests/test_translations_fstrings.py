"""Strings marked inside f-strings are invisible to the extractor on Python 3.11, so they
never reach the catalog and stay English in a Thai screen or report. Find every ``_("...")``
and ``N_("...")`` call by parsing the code, and check the extractor sees it too."""

from __future__ import annotations

import ast

from tests.test_translations import ROOT, code_messages


def marked_in_code() -> dict[str, str]:
    """msgid -> "file:line" for every _() / N_() call with a literal, wherever it sits."""
    found = {}
    for path in sorted((ROOT / "groupwork").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_marked_string_is_extracted():
    extracted = code_messages()
    missed = {msg: where for msg, where in marked_in_code().items() if msg not in extracted}
    assert missed == {}, "move _() out of the f-string so babel extracts it"
