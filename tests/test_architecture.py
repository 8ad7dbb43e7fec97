"""SQL and database connections stay inside groupwork/store/ (docs/architecture.md).

Reads every module of groupwork outside the store and fails on SQL text or connection use:
the rest of the code asks the store with intent-named methods (``store.assessments(...)``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "groupwork"

# Files still allowed to hold SQL or a raw connection (none since the safefiles branch).
PENDING: set[str] = set()

# Code (outside strings and comments) that reaches past the repository into the database.
CODE = re.compile(
    r"\.execute\(|executescript|rows_where|count_where|delete_where|\bwhere=|\border_by="
    r"|\.conn\b|\._passphrase\b|\bstore\.db\b|\.db\[|\.db\.|store\._(find|count)\("
    r"|^\s*(import|from)\s+(sqlite3|sqlite_utils|sqlcipher3|psycopg)\b",
    re.MULTILINE,
)
# SQL in a string: a keyword phrase, or a placeholder after a comparison.
SQL = re.compile(
    r"\b(PRAGMA|pragma\s+\w+|SELECT\b|select\s+[\w*,() ]+\s+from\s+\w|insert\s+into"
    r"|delete\s+from|update\s+\w+\s+set|create\s+(table|index|trigger)|drop\s+(table|trigger)"
    r"|BEGIN\s+(IMMEDIATE|EXCLUSIVE)|VACUUM)\b"
    r"|\w+\s*(=|<|>|<=|>=|like|in)\s*\(?\?",
)


def _outside_store() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "store")


def _code_without_strings(source: str) -> str:
    """The source with string literals and comments blanked (keeps line numbers)."""
    import io
    import tokenize

    out = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.STRING, tokenize.COMMENT) or tok.type == getattr(
            tokenize, "FSTRING_MIDDLE", -1
        ):
            continue
        out.append(tok)
    return tokenize.untokenize(out)


def _strings(source: str) -> list[str]:
    """Every string constant that is not a docstring."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _problems(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    found = [f"code: {m.group(0).strip()}" for m in CODE.finditer(_code_without_strings(source))]
    found += [f"SQL text: {s[:60]!r}" for s in _strings(source) if SQL.search(s)]
    return found


def test_no_sql_or_connection_outside_the_store():
    offenders = {}
    for path in _outside_store():
        name = path.relative_to(PACKAGE).as_posix()
        if name in PENDING:
            continue
        problems = _problems(path)
        if problems:
            offenders[name] = problems
    assert offenders == {}, "ask the store with an intent-named method instead"


def test_pending_files_still_need_their_exemption():
    """A file that no longer holds SQL leaves PENDING, so the exemption cannot linger."""
    assert {name for name in PENDING if _problems(PACKAGE / name)} == PENDING


def test_the_check_catches_sql_and_connections():
    caught = [
        "store.find(m.Assessment, where=\"kind = 'initial'\")",
        'store.of_group(m.Goal, gid, order_by="priority")',
        "store.db.conn.execute('PRAGMA wal_checkpoint')",
        'rows = db.query("select id from members where group_id = ?", [gid])',
        "import sqlite3",
    ]
    for line in caught:
        assert CODE.search(_code_without_strings(line)) or any(
            SQL.search(s) for s in _strings(line)
        ), line
    assert not SQL.search("Select a member from the list")
    assert not SQL.search("No group called {ref}.")
