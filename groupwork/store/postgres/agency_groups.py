"""An administrator gives a new group its facilitators (``groupwork group new --facilitator``);
whether a group another facilitator holds exists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.store.postgres.agency import FACILITATORS


class AgencyGroups:
    """Mixed into ``PgStore``: which logins may facilitate, and making them a group's."""

    def _run(self, sql: str, params: Any = None) -> Any:  # pragma: no cover - PgStore's
        raise NotImplementedError

    def check_facilitator_logins(self, logins: Iterable[str]) -> None:
        """``InvalidInputError`` naming each login that is not a facilitator of this server."""
        missing = [
            login
            for login in logins
            if not self._run(
                "select exists (select from pg_roles r where r.rolname = %s and "
                "pg_has_role(r.oid, %s, 'member')) as ok",
                [login, FACILITATORS],
            ).fetchone()["ok"]
        ]
        if missing:
            raise InvalidInputError(
                [
                    _(
                        "{login} is not a facilitator on this agency database: add them first "
                        "with groupwork agency add-user {login} --role facilitator."
                    ).format(login=login)
                    for login in missing
                ]
            )

    def assign_group_facilitators(self, group_id: str, logins: Iterable[str]) -> None:
        """Make ``logins`` facilitators of the group (in the caller's transaction)."""
        for login in logins:
            self._run(
                "insert into agency.group_facilitators (group_id, login) values (%s, %s) "
                "on conflict do nothing",
                [group_id, login],
            )

    def _group_exists_elsewhere(self, ref: str) -> bool:
        """Whether a group ``ref`` names exists on this server, yours or not (a security
        definer function answers only that)."""
        row = self._run("select to_regprocedure('groupwork_group_exists(text)') as f").fetchone()
        if row["f"] is None:  # not an agency database: every group is visible
            return False
        return bool(self._run("select groupwork_group_exists(%s) as e", [ref]).fetchone()["e"])
