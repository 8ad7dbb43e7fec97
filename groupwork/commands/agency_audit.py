"""``groupwork agency verify-audit``: was any entry of the agency's audit log changed or removed?

Each entry is chained to the one before it by a hash the server computes as it writes the
entry (``store/audit_chain.py``); this command reads the whole log (an admin's login) and
recomputes every hash on this machine, so a server that lies about its checks cannot pass.
On an administrator's laptop (its own groupwork file beside the server's address) it also keeps
the head it checked, as push and pull do, and says so when that entry was later rewritten or
removed, which the chain alone cannot show for the newest entries.
"""

from __future__ import annotations

import click

from groupwork.commands.agency_server import open_agency_store
from groupwork.commands.context import AppContext, handle_errors, pass_app
from groupwork.i18n import _


def _own_file(app: AppContext, url: str | None):
    """This machine's own groupwork file, when the server was named apart from it and the file
    exists (an administrator's laptop): it keeps the head of the chain checked last."""
    from pathlib import Path

    from groupwork.paths import is_server_database

    if url is None or is_server_database(app.db_path) or not Path(app.db_path).exists():
        return None
    return app.store


@click.command(
    "verify-audit",
    help=_("Check that no entry of the agency's audit log was changed or removed (admins)."),
)
@click.argument("url", required=False)
@pass_app
@handle_errors
def verify_audit_command(app: AppContext, url: str | None) -> None:
    from groupwork.operations.audit_chain import chain_warning, remember_server_head
    from groupwork.store.audit_chain import verify_chain

    own = _own_file(app, url)
    with open_agency_store(url or str(app.db_path)) as store:
        check = verify_chain(store.audit_chain_rows())
        # The newest entries leave no trace in the chain when they are removed: the head this
        # machine checked last (kept in its own file, as a laptop keeps it) must still be there.
        warning = chain_warning(own, store, store.sync_key) if own else ""
        if own and check.broken is None:
            remember_server_head(own, store, store.sync_key, warning)
    if warning:
        click.echo(warning, err=True)
    if check.broken is None:
        if not check.entries:
            click.echo(_("The audit log is empty: nothing to check."))
            raise SystemExit(1 if warning else 0)
        click.echo(
            _(
                "The audit log is whole: its {count} entries are each chained to the one before "
                "them, and none was changed or removed. The newest is entry {id} ({at}), hash "
                "{hash}."
            ).format(count=check.entries, id=check.head_id, at=check.head_at, hash=check.head_hash)
        )
        raise SystemExit(1 if warning else 0)
    broken = check.broken
    if broken.changed:
        what = _("entry {id} (written {at}) was changed after it was written").format(
            id=broken.entry_id, at=broken.at
        )
    elif broken.previous_id is None:
        what = _("entries before entry {id} (written {at}) were removed").format(
            id=broken.entry_id, at=broken.at
        )
    else:
        what = _(
            "entries between entry {previous} and entry {id} (written {at}) were removed or "
            "rewritten"
        ).format(previous=broken.previous_id, id=broken.entry_id, at=broken.at)
    click.echo(
        _(
            "The audit log was tampered with: {what}. Entries from there on cannot be trusted; "
            "compare them with a backup of the server from before that time."
        ).format(what=what)
    )
    raise SystemExit(1)
