"""Moved to ``groupwork.store.audit`` (the audit triggers belong to the store).

Re-exported for groupwork/safety/erasure.py and groupwork/commands/safety.py until the
safefiles branch moves them onto Store methods; delete this module when it merges.
"""

from groupwork.store.audit import AuditEntry, audit_entries, record_event

__all__ = ["AuditEntry", "audit_entries", "record_event"]
