"""Connecting to the agency's PostgreSQL server, with safe defaults and messages people read.

A location is a ``postgresql://`` URL or a libpq connection string (``service=NAME``,
``host=... dbname=...``). Safe defaults: a password in the location is refused (libpq reads
it from ``~/.pgpass``, ``PGPASSWORD`` or a service file instead, so it never shows in a
process list or shell history); any host that is not this machine gets ``sslmode=require``
unless the location asks for a stricter mode, and a connection that still ends up
unencrypted to a remote host is closed before anything is read or written.
"""

from __future__ import annotations

from typing import Any

from groupwork.errors import GroupworkError, StorageError
from groupwork.i18n import _

LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
CONNECT_TIMEOUT_SECONDS = 10
# Trying again while a live recording waits: short, so a keypress is never held for long
# (libpq's smallest timeout is 2 seconds).
RECONNECT_TIMEOUT_SECONDS = 2
# Stricter modes a person may ask for; "disable", "allow" and "prefer" are refused remotely.
ENCRYPTED_SSLMODES = {"require", "verify-ca", "verify-full"}


def is_local_host(host: str | None) -> bool:
    """True for a Unix socket folder or this machine's own addresses."""
    host = (host or "").strip()
    return host in LOCAL_HOSTS or host.startswith("/") or host.startswith("@")


def safe_conninfo(location: str, timeout: int = CONNECT_TIMEOUT_SECONDS) -> str:
    """``location`` as a libpq connection string with the safe defaults added.

    Raises ``GroupworkError`` for a password in the location, or an unencrypted mode asked
    for a remote host.
    """
    from psycopg import conninfo

    try:
        params = conninfo.conninfo_to_dict(location)
    except Exception as exc:
        raise GroupworkError(
            _("{location} is not a PostgreSQL address: {error}").format(
                location=describe_location(location), error=exc
            )
        ) from exc
    if params.get("password"):
        raise GroupworkError(
            _(
                "Put no password in the database address: groupwork reads it from ~/.pgpass, "
                "PGPASSWORD or a pg_service.conf entry. Nothing was changed."
            )
        )
    hosts = [h for h in str(params.get("host", "")).split(",")]
    remote = [h for h in hosts if not is_local_host(h)]
    mode = params.get("sslmode")
    if remote and mode and mode not in ENCRYPTED_SSLMODES:
        raise GroupworkError(
            _(
                "The server {host} is not on this machine: groupwork connects to it only "
                "encrypted (sslmode=require or stricter), not sslmode={mode}."
            ).format(host=remote[0], mode=mode)
        )
    extra: dict[str, Any] = {}
    if remote and not mode:
        extra["sslmode"] = "require"
    if "connect_timeout" not in params:
        extra["connect_timeout"] = timeout
    extra.setdefault("application_name", "groupwork")
    return conninfo.make_conninfo(location, **extra)


def describe_location(location: str) -> str:
    """The location as it may be shown on screen (never a password)."""
    from psycopg import conninfo

    try:
        params = conninfo.conninfo_to_dict(location)
    except Exception:
        return "(PostgreSQL)"
    if "service" in params:
        return f"service={params['service']}"
    host = params.get("host") or "localhost"
    return f"{params.get('dbname', '')}@{host}".lstrip("@")


def connect(location: str, timeout: int = CONNECT_TIMEOUT_SECONDS) -> Any:
    """An open psycopg connection (autocommit; each write opens its own transaction).

    Failures become ``StorageError`` saying whether the server could not be reached or
    refused the login.
    """
    import psycopg
    from psycopg.rows import dict_row

    info = safe_conninfo(location, timeout)
    where = describe_location(location)
    try:
        conn = psycopg.connect(info, autocommit=True, row_factory=dict_row)
    except psycopg.OperationalError as exc:
        raise StorageError(connect_failure_message(where, str(exc))) from exc
    # psycopg prepares a statement run five times, and after five more the server may keep
    # one generic plan for every value: on an agency's skewed data the coordinator's page for
    # "facilitator" (30,000 tasks) then hashes them all (2 -> 80 ms from the eleventh time).
    # A plan for each call's own values costs well under a millisecond here.
    conn.execute("set plan_cache_mode = force_custom_plan")
    if not is_local_host(conn.info.host) and not conn.pgconn.ssl_in_use:
        # A service file or PGSSLMODE may have asked for less than the location showed.
        conn.close()
        raise StorageError(
            _(
                "The connection to {where} is not encrypted; groupwork does not send "
                "people's records over it. Ask the administrator to enable TLS."
            ).format(where=where)
        )
    return conn


def connect_failure_message(where: str, error: str) -> str:
    """What to tell a person whose connection failed: unreachable, or login refused."""
    lowered = error.lower()
    refused_login = (
        "password authentication failed",
        "no pg_hba.conf entry",
        "does not exist",
        "no password supplied",
        "permission denied",
        "authentication failed",
    )
    if any(text in lowered for text in refused_login):
        return _(
            "The agency database {where} refused the login: {error}. Check the user name and "
            "the password in ~/.pgpass, or ask the administrator to add you."
        ).format(where=where, error=first_line(error))
    return _(
        "The agency database {where} cannot be reached: {error}. Check the network and the "
        "address; nothing was changed."
    ).format(where=where, error=first_line(error))


def first_line(text: str) -> str:
    """The first non-empty line of a server message."""
    return next((line.strip() for line in text.splitlines() if line.strip()), text)
