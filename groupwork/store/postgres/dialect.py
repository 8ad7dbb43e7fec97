"""SQLite's SQL, as the SQLite store writes it, in PostgreSQL's words.

The store's queries are written once, for SQLite, in the SQL both engines mostly share; these
rewrites cover what differs in them: placeholders (``?`` and ``:name``), the ``rowid``
pseudo-column (``_seq`` here), ``json_each`` over a JSON array, a group's sessions or members
as a set (``= any (array(...))``), ``instr``, ``collate nocase``
equality, ``where 1``, unary ``+``, ``cross join ... on`` and ``sum`` of a condition. ``tests/pg/test_coordination_pg.py`` runs every
coordinator query on both engines over the same data and compares the answers, so a query a
later branch writes that needs another rewrite fails there, by name.
"""

from __future__ import annotations

import re
from typing import Any

_QUOTED = r"'(?:[^']|'')*'"
_PLACEHOLDER = re.compile(rf"({_QUOTED})|\?|(?<!:):([a-z_][a-z0-9_]*)")
_ROWID = re.compile(r"\browid\b")
_JSON_EACH = re.compile(r"json_each\(([^()]+)\)(\s+(?!where\b|and\b|or\b)([a-z_]\w*))?", re.I)
# "x in (select value from json_each(:ids))": a set PostgreSQL's planner cannot size, so it
# hashes it and scans the whole table; as "= ANY (array(...))" the ids probe x's index
# (issue 13: the coordinator page's held sessions, 52 -> 11 ms on the agency database).
_IN_JSON_EACH = re.compile(
    r"(\bnot\s+)?\bin\s*\(\s*select\s+value\s+from\s+json_each\(([^()]+)\)\s*\)", re.I
)
# "x in (select id from sessions where group_id = ?)": one group's sessions (or members), a
# few dozen ids. PostgreSQL sized the semi-join by the averages and, at agency scale, chose a
# parallel scan of all 100,000 sessions (the dashboard's events: 7-9 ms); as "= ANY (array
# (...))" the ids are read first through the group index and probe x's index (1.5 ms).
_IN_GROUP_ROWS = re.compile(
    r"(\bnot\s+)?\bin\s*(\(\s*select\s+id\s+from\s+(?:sessions|members)\s+"
    r"where\s+group_id\s*=\s*\?\s*\))",
    re.I,
)
_INSTR = re.compile(r"\binstr\(", re.I)
_NOCASE = re.compile(r"([\w.]+)\s*=\s*(%s|%\(\w+\)s)\s+collate\s+nocase", re.I)
# SQLite reads "cross join ... on" as an inner join in this order (a planner hint).
_CROSS_JOIN_ON = re.compile(r"\bcross\s+join\s+(\w+(?:\s+(?!on\b)\w+)?)\s+on\b", re.I)
# SQLite's unary "+" before a column keeps an index out of a plan; PostgreSQL has no "+text".
_UNARY_PLUS = re.compile(
    r"(\b(?:and|or|where|on|not|by|select|when)\s+|[(,=<>]\s*)\+(?=[a-z_])", re.I
)
_WHERE_ONE = re.compile(r"\bwhere\s+1\b(?!\s*[=<>!])", re.I)
_SUM = re.compile(r"\bsum\(", re.I)
_CONDITION = re.compile(r"\s(in|and|or|is)\s|[<>=]", re.I)


def _top_level(text: str) -> str:
    """``text`` without anything inside parentheses."""
    depth, kept = 0, []
    for ch in text:
        depth += ch == "("
        if depth == 0:
            kept.append(ch)
        depth -= ch == ")"
    return "".join(kept)


def _sums_of_conditions(sql: str) -> str:
    """``sum(a in (...) and b < c)`` counts the rows where it holds (SQLite's true is 1);
    PostgreSQL sums numbers only: ``sum((...)::int)``."""
    out, pos = [], 0
    for match in _SUM.finditer(sql):
        if match.start() < pos:
            continue
        depth, end = 1, match.end()
        while depth and end < len(sql):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            end += 1
        inner = sql[match.end() : end - 1]
        out.append(sql[pos : match.start()])
        if _CONDITION.search(_top_level(inner)):
            out.append(f"sum(({_sums_of_conditions(inner)})::int)")
        else:
            out.append(f"sum({_sums_of_conditions(inner)})")
        pos = end
    out.append(sql[pos:])
    return "".join(out)


def _placeholders(sql: str) -> str:
    def swap(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)  # a string literal stays as written
        if match.group(2):
            return f"%({match.group(2)})s"
        return "%s"

    # psycopg reads every % as the start of a placeholder, inside string literals too (the
    # store always passes parameters, even none): a literal one is written %%.
    return _PLACEHOLDER.sub(swap, sql.replace("%", "%%"))


def to_postgres(sql: str) -> str:
    """``sql`` (SQLite's dialect, as the store writes it) as PostgreSQL reads it."""
    # json_each first, while its argument is still ":name" (no parentheses in it).
    sql = _IN_JSON_EACH.sub(
        lambda mt: (
            f"{'<> all' if mt.group(1) else '= any'} "
            f"(array(select json_array_elements_text(({mt.group(2)})::json)))"
        ),
        sql,
    )
    sql = _IN_GROUP_ROWS.sub(
        lambda mt: f"{'<> all' if mt.group(1) else '= any'} (array{mt.group(2)})", sql
    )
    sql = _JSON_EACH.sub(
        lambda mt: (
            f"json_array_elements_text(({mt.group(1)})::json) as {mt.group(3) or 'je'}(value)"
        ),
        sql,
    )
    sql = _placeholders(sql)
    sql = _ROWID.sub("_seq", sql)
    sql = _INSTR.sub("strpos(", sql)
    sql = _NOCASE.sub(r"lower(\1) = lower(\2)", sql)
    sql = _CROSS_JOIN_ON.sub(r"join \1 on", sql)
    sql = _UNARY_PLUS.sub(r"\1", sql)
    sql = _WHERE_ONE.sub("where true", sql)  # SQLite's "where 1": every row
    return _sums_of_conditions(sql)


def to_postgres_params(params: Any) -> Any:
    """Parameters for ``to_postgres(sql)``: SQLite's ``LIMIT -1`` (no limit) is PostgreSQL's
    ``LIMIT NULL``."""
    if isinstance(params, dict):
        return {k: (None if k == "limit" and v == -1 else v) for k, v in params.items()}
    return list(params) if params is not None else []


def quoted(name: str) -> str:
    """``name`` as a quoted SQL identifier (column names come from the models)."""
    return '"' + name.replace('"', '""') + '"'
