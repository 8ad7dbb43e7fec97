"""Is the agency server's audit log still the one this laptop saw? (issue 18)

The server chains each audit entry to the one before it by a hash (``store/audit_chain.py``).
Someone with the server's keys could still rewrite the log and compute every hash again; but
then the hash of every later entry changes, the head a laptop saw last included. So each push
and pull asks the server for the hash of the entry this laptop saw last, and says so loudly
when it differs or the entry is gone. The laptop keeps the old head until the server holds it
again (a log restored from a backup): the warning is not something one push makes go away.
"""

from __future__ import annotations

from typing import Any

from groupwork.i18n import _
from groupwork.store.audit_chain import known_head, remember_head


def chain_warning(laptop: Any, server: Any, remote: str) -> str:
    """A warning when the server no longer holds the audit entry this laptop saw last as it
    was; "" when it does (or this laptop has seen none, or the server keeps no chain)."""
    if not hasattr(server, "audit_hash_at"):
        return ""
    known = known_head(laptop, remote)
    if known is None:
        return ""
    now = server.audit_hash_at(known.entry_id)
    if now == known.hash:
        return ""
    if now is None:
        what = _("entry {id}, the last one this laptop saw ({seen}), is gone from it").format(
            id=known.entry_id, seen=known.seen_at
        )
    else:
        what = _(
            "entry {id}, which this laptop saw on {seen} with the hash {old}, now has the hash "
            "{new}"
        ).format(id=known.entry_id, seen=known.seen_at, old=known.hash[:12], new=now[:12])
    return _(
        "WARNING: the agency database's audit log was rewritten: {what}. Entries up to it "
        "were changed or removed by someone with the server's keys. Tell the agency's "
        "administrator (groupwork agency verify-audit shows since when). This warning comes "
        "back at every push and pull until the server holds the log this laptop saw."
    ).format(what=what)


def remember_server_head(laptop: Any, server: Any, remote: str, warning: str) -> None:
    """After a push or pull, keep the server's audit head as the one this laptop saw last;
    not after a warning, so the evidence stays."""
    if warning or not hasattr(server, "audit_chain_head"):
        return
    head = server.audit_chain_head()
    if head is not None:
        remember_head(laptop, remote, *head)
