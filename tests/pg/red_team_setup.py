"""The agency the red-team tests attack: set up as docs/agency.md says, with a real owner role.

The server's superuser creates the owner role (no login) and the database it owns, then runs
``groupwork agency init`` and ``agency add-user`` for the first admin; the admin adds the others.
Two facilitators (dao, porn) each hold a group with a real name, an attendance reason, a mark's
note and a task; fon coordinates, nam administers, and plain has a login and no role at all.
Each test then connects as one of them with psycopg, as an attacker with psql would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.rows import dict_row

from groupwork import models as m
from groupwork.cli import cli
from groupwork.store.postgres import PgStore

OWNER = "gw_owner"
LOGINS = {"dao": "facilitator", "porn": "facilitator", "fon": "coordinator", "nam": "admin"}
PLAIN = "plain"
SECRETS = {"dao": "สมศรี ดาวเด่น", "porn": "สุข ใจดี"}
"""Each group's member's real name: what an attack that works would read."""


def cli_ok(*args: str) -> str:
    """Run a command; fail the test with its output when it does not succeed."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@dataclass
class RedAgency:
    """The attacked agency: how to connect as each login, and what each group holds."""

    server: object
    dbname: str
    groups: dict[str, m.Group]
    sessions: dict[str, m.Session]
    members: dict[str, m.Member]

    def dsn(self, login: str) -> str:
        """A connection string as ``login`` (the test server trusts its private socket)."""
        return self.server.dsn(self.dbname, user=login)

    def sql(self, login: str):
        """A psycopg connection as ``login``: what the attacker types into psql."""
        return psycopg.connect(self.dsn(login), autocommit=True, row_factory=dict_row)

    def superuser(self):
        """The server's superuser: someone with the server's keys."""
        return psycopg.connect(self.server.dsn(self.dbname), autocommit=True, row_factory=dict_row)


def _cluster_roles(server) -> None:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        for login in [*LOGINS, PLAIN]:
            if not conn.execute("select 1 from pg_roles where rolname = %s", [login]).fetchone():
                conn.execute(f'create role "{login}" login')
        if not conn.execute("select 1 from pg_roles where rolname = %s", [OWNER]).fetchone():
            conn.execute(f"create role {OWNER} nologin createrole")


@pytest.fixture
def red_agency(pg_server):
    """A fresh agency database owned by a role no one can log in as (docs/agency.md)."""
    _cluster_roles(pg_server)
    name = f"gw_red_{re.sub(r'[^0-9]', '', str(id(pg_server)))[-6:]}_{next(_numbers)}"
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute(f'create database "{name}" owner {OWNER}')
    with psycopg.connect(pg_server.dsn(name), autocommit=True) as conn:
        # As PostgreSQL 13 and 14 leave it: anyone may create objects in public.
        conn.execute("grant create on schema public to public")
    superuser = pg_server.dsn(name)
    cli_ok("agency", "init", superuser)
    cli_ok("--db", superuser, "agency", "add-user", "nam", "--role", "admin")
    agency = RedAgency(pg_server, name, {}, {}, {})
    for login, role in LOGINS.items():
        if role != "admin":
            cli_ok("--db", agency.dsn("nam"), "agency", "add-user", login, "--role", role)
    for login, real in SECRETS.items():
        with PgStore.open(agency.dsn(login)) as store:
            group = store.add(m.Group(name=f"กลุ่ม{login}"))
            member = store.add(m.Member(group_id=group.id, real_name=real, pseudonym="M1"))
            session = store.add(m.Session(group_id=group.id, number=1, held_on=date(2026, 3, 2)))
            store.add(
                m.Attendance(
                    session_id=session.id,
                    member_id=member.id,
                    status="excused",
                    reason=f"ไปหาหมอกับ{real}",
                )
            )
            store.add(m.GroupMark(session_id=session.id, kind="conflict", notes=f"{real} ร้องไห้"))
            store.record_turn(m.ParticipationEvent(session_id=session.id, actor_id=member.id))
            store.save(m.Task(group_id=group.id, title="โทรหาคลินิก", assignee_ids=[member.id]))
            agency.groups[login], agency.sessions[login] = group, session
            agency.members[login] = member
    yield agency
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture
def red_agency_temp(red_agency):
    """The agency as a careless administrator could leave it: every login may connect and make
    temporary tables again (init revokes both). The pinned definers must hold on their own."""
    with red_agency.superuser() as conn:
        conn.execute(f'grant connect, temporary on database "{red_agency.dbname}" to public')
    return red_agency


def _counter():
    n = 0
    while True:
        n += 1
        yield n


_numbers = _counter()
