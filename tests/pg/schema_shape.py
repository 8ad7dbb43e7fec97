"""Both engines' schemas in one comparable shape: tables, columns, keys, indexes.

SQLite is read through its pragmas, PostgreSQL through information_schema and pg_catalog.
Types are compared as SQLite's affinities (text, integer, real); ``_seq``, PostgreSQL's
stand-in for SQLite's rowid, and each engine's own bookkeeping tables are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SQLITE_OWN = {"_sqlite_migrations", "sqlite_sequence", "home_changes"}
"""SQLite's bookkeeping; home_changes too: on PostgreSQL each connection lists its own writes
in a session setting (p093), no table."""
POSTGRES_OWN = {"groupwork_migrations"}
ROWID_STAND_IN = "_seq"
PG_TYPES = {"text": "TEXT", "bigint": "INTEGER", "double precision": "REAL"}
SQLITE_TYPES = {"TEXT": "TEXT", "INTEGER": "INTEGER", "REAL": "REAL", "FLOAT": "REAL"}
EXPRESSION = "(expression)"
DDL_TYPES = {"TEXT": 'text COLLATE "C"', "INTEGER": "bigint", "REAL": "double precision"}


@dataclass
class Table:
    """One table's shape."""

    columns: dict[str, tuple[str, bool]] = field(default_factory=dict)  # name: (type, not null)
    primary_key: tuple[str, ...] = ()
    foreign_keys: set[tuple[str, str, str]] = field(default_factory=set)
    indexes: set[tuple[tuple[str, ...], bool]] = field(default_factory=set)  # (columns, unique)


def sqlite_shape(db) -> dict[str, Table]:
    """The shape of a sqlite-utils ``Database``."""
    shape = {}
    for name in db.table_names():
        if name in SQLITE_OWN or name.startswith("sqlite_"):  # sqlite_stat1: ANALYZE's
            continue
        table = Table()
        info = list(db.execute(f"pragma table_info([{name}])"))
        for _cid, col, type_, notnull, _default, pk in info:
            table.columns[col] = (SQLITE_TYPES[type_.upper()], bool(notnull or pk))
        table.primary_key = tuple(c[1] for c in sorted(info, key=lambda c: c[5]) if c[5])
        for row in db.execute(f"pragma foreign_key_list([{name}])"):
            table.foreign_keys.add((row[3], row[2], row[4]))
        for _seq, index, unique, origin, _partial in db.execute(f"pragma index_list([{name}])"):
            if origin == "pk":
                continue
            # An expression's slot has no column name: compared as "(expression)". A column
            # compared case ignored (NOCASE) is PostgreSQL's index on lower(column).
            cols = tuple(
                EXPRESSION if r[2] is None else f"lower({r[2]})" if r[4] == "NOCASE" else r[2]
                for r in db.execute(f"pragma index_xinfo([{index}])")
                if r[5]  # key columns only (index_xinfo also lists the rowid)
            )
            table.indexes.add((cols, bool(unique)))
        shape[name] = table
    return shape


def postgres_shape(conn) -> dict[str, Table]:
    """The shape of the public schema behind a psycopg connection (dict rows)."""
    shape: dict[str, Table] = {}
    for row in conn.execute(
        "select table_name, column_name, data_type, is_nullable from information_schema.columns "
        "where table_schema = 'public' and table_name in (select table_name from "
        "information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE') "
        "order by table_name, ordinal_position"
    ):
        if row["table_name"] in POSTGRES_OWN or row["column_name"] == ROWID_STAND_IN:
            continue
        table = shape.setdefault(row["table_name"], Table())
        table.columns[row["column_name"]] = (
            PG_TYPES.get(row["data_type"], row["data_type"]),
            row["is_nullable"] == "NO",
        )
    for row in conn.execute(
        "select c.conrelid::regclass::text as tbl, c.contype, "
        "  array(select a.attname from unnest(c.conkey) with ordinality k(n, i) "
        "        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n "
        "        order by k.i)::text[] as cols, "
        "  c.confrelid::regclass::text as ref, "
        "  array(select a.attname from unnest(c.confkey) with ordinality k(n, i) "
        "        join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n "
        "        order by k.i)::text[] as ref_cols "
        "from pg_constraint c join pg_namespace s on s.oid = c.connamespace "
        "where s.nspname = 'public' and c.contype in ('p', 'f')"
    ):
        table = shape.get(row["tbl"])
        if table is None:
            continue
        if row["contype"] == "p":
            table.primary_key = tuple(row["cols"])
        else:
            for col, ref_col in zip(row["cols"], row["ref_cols"], strict=True):
                table.foreign_keys.add((col, row["ref"], ref_col))
    for row in conn.execute(
        "select t.relname as tbl, i.indisunique as is_unique, "
        "  array(select coalesce(a.attname, case when pg_get_indexdef(i.indexrelid, k.o::int, "
        "    true) ~ '^lower\\(\\w+\\)$' then pg_get_indexdef(i.indexrelid, k.o::int, true) "
        "    else %s end) from unnest(i.indkey) with ordinality k(n, o) "
        "        left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n "
        "        order by k.o)::text[] as cols "
        "from pg_index i join pg_class t on t.oid = i.indrelid "
        "join pg_namespace s on s.oid = t.relnamespace "
        "where s.nspname = 'public' and not i.indisprimary",
        [EXPRESSION],
    ):
        table = shape.get(row["tbl"])
        if table is not None:
            table.indexes.add((tuple(row["cols"]), row["is_unique"]))
    return shape


def differences(sqlite: dict[str, Table], postgres: dict[str, Table]) -> list[str]:
    """What PostgreSQL lacks or holds differently, one line each, with the DDL to fix it."""
    lines = []
    for name in sorted(set(sqlite) - set(postgres)):
        cols = ", ".join(f"{c} {DDL_TYPES[t]}" for c, (t, _nn) in sqlite[name].columns.items())
        lines.append(f"table {name}: missing in PostgreSQL (CREATE TABLE {name} ({cols}, ...))")
    for name in sorted(set(postgres) - set(sqlite)):
        lines.append(f"table {name}: in PostgreSQL only")
    for name in sorted(set(sqlite) & set(postgres)):
        lite, pg = sqlite[name], postgres[name]
        for col, (type_, notnull) in lite.columns.items():
            if col not in pg.columns:
                nn = " NOT NULL" if notnull else ""
                lines.append(
                    f"column {name}.{col}: missing in PostgreSQL "
                    f"(ALTER TABLE {name} ADD COLUMN {col} {DDL_TYPES[type_]}{nn})"
                )
            elif pg.columns[col] != (type_, notnull):
                lines.append(
                    f"column {name}.{col}: SQLite has (type, not null) {(type_, notnull)}, "
                    f"PostgreSQL {pg.columns[col]}"
                )
        for col in pg.columns.keys() - lite.columns.keys():
            lines.append(f"column {name}.{col}: in PostgreSQL only")
        if lite.primary_key != pg.primary_key:
            lines.append(
                f"table {name}: primary key {lite.primary_key} in SQLite, {pg.primary_key} in "
                "PostgreSQL"
            )
        for col, ref, ref_col in sorted(lite.foreign_keys - pg.foreign_keys):
            lines.append(
                f"foreign key {name}.{col} -> {ref}.{ref_col}: missing in PostgreSQL "
                f"(ALTER TABLE {name} ADD FOREIGN KEY ({col}) REFERENCES {ref} ({ref_col}))"
            )
        for col, ref, ref_col in sorted(pg.foreign_keys - lite.foreign_keys):
            lines.append(f"foreign key {name}.{col} -> {ref}.{ref_col}: in PostgreSQL only")
        for cols, unique in sorted(lite.indexes - pg.indexes):
            kind = "UNIQUE INDEX" if unique else "INDEX"
            lines.append(
                f"index on {name} ({', '.join(cols)}){' unique' if unique else ''}: missing in "
                f"PostgreSQL (CREATE {kind} ON {name} ({', '.join(cols)}))"
            )
        for cols, unique in sorted(pg.indexes - lite.indexes):
            lines.append(
                f"index on {name} ({', '.join(cols)}){' unique' if unique else ''}: "
                "in PostgreSQL only"
            )
    return lines
