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


def is_loopback(address: str) -> bool:
    """True for an IP address of this machine's loopback (127.0.0.0/8, ::1)."""
    import ipaddress

    try:
        return ipaddress.ip_address(address.strip().split("%")[0]).is_loopback
    except ValueError:
        return False


def _remote_hosts(params: dict[str, Any]) -> list[str]:
    """The hosts of a location that are not this machine. An address given as ``hostaddr`` is
    where libpq connects, whatever ``host`` says (``host=localhost hostaddr=10.0.0.5`` is
    remote; ``host`` is then only the name the certificate is checked against)."""
    hosts = str(params.get("host", "")).split(",")
    addresses = str(params.get("hostaddr", "")).split(",")
    remote = []
    for i, host in enumerate(hosts):
        address = addresses[i] if i < len(addresses) else ""
        if address.strip() and not is_loopback(address):
            remote.append(f"{host.strip()} ({address.strip()})" if host.strip() else address)
        elif not address.strip() and not is_local_host(host):
            remote.append(host.strip())
    return remote


def _from_environment() -> dict[str, str]:
    import os

    names = {"host": "PGHOST", "hostaddr": "PGHOSTADDR", "sslmode": "PGSSLMODE"}
    return {key: os.environ[var] for key, var in names.items() if os.environ.get(var)}


def connected_locally(info: Any) -> bool:
    """Whether the connection that was made (psycopg's ``conn.info``) reaches this machine:
    a Unix socket (libpq reports no address) or a loopback address. Decided from the address
    actually connected, never from the parameters asked for."""
    try:
        address = info.hostaddr
    except Exception:  # a libpq older than 12 cannot say: only a socket path is trusted
        return str(info.host or "").startswith("/")
    if not address:
        return str(info.host or "").startswith(("/", "@"))
    return is_loopback(address)


def _psycopg_conninfo() -> Any:
    """psycopg's conninfo module, or a message saying how to install the agency extra."""
    try:
        from psycopg import conninfo
    except ImportError as exc:
        raise GroupworkError(
            _(
                "Using an agency database (PostgreSQL) needs groupwork's agency extra, which "
                "is not installed: pip install 'groupwork[agency]'. Nothing was changed."
            )
        ) from exc
    return conninfo


def safe_conninfo(location: str, timeout: int = CONNECT_TIMEOUT_SECONDS) -> str:
    """``location`` as a libpq connection string with the safe defaults added.

    Raises ``GroupworkError`` for a password in the location, or an unencrypted mode asked
    for a remote host.
    """
    conninfo = _psycopg_conninfo()
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
    # libpq fills what the location leaves out from PGHOST, PGHOSTADDR and PGSSLMODE: judged
    # here too, so the login itself never travels unencrypted to another machine. (A service
    # file is read by libpq alone: the connection made is checked again in ``connect``.)
    given = {**_from_environment(), **params}
    remote = _remote_hosts(given)
    mode = given.get("sslmode")
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
    info = safe_conninfo(location, timeout)  # first: it says how to install psycopg
    import psycopg
    from psycopg.rows import dict_row

    where = describe_location(location)
    try:
        conn = psycopg.connect(info, autocommit=True, row_factory=dict_row)
    except psycopg.OperationalError as exc:
        raise StorageError(connect_failure_message(where, str(exc))) from exc
    if not connected_locally(conn.info) and not conn.pgconn.ssl_in_use:
        # A service file, PGSSLMODE or PGHOST may have asked for less than the location
        # showed: closed before a single statement is sent.
        conn.close()
        raise StorageError(
            _(
                "The connection to {where} is not encrypted; groupwork does not send "
                "people's records over it. Ask the administrator to enable TLS."
            ).format(where=where)
        )
    # psycopg prepares a statement run five times, and after five more the server may keep
    # one generic plan for every value: on an agency's skewed data the coordinator's page for
    # "facilitator" (30,000 tasks) then hashes them all (2 -> 80 ms from the eleventh time).
    # A plan for each call's own values costs well under a millisecond here.
    conn.execute("set plan_cache_mode = force_custom_plan")
    return conn


def connect_failure_message(where: str, error: str) -> str:
    """What to tell a person whose connection failed: unreachable, or login refused."""
    lowered = error.lower()
    tls = "certificate" in lowered or ("ssl" in lowered and "pg_hba" not in lowered)
    if tls:
        # Before the login's checks: "root certificate file ... does not exist" is not a
        # wrong password.
        return _(
            "The agency database {where} could not be confirmed as the agency's own server "
            "over TLS: {error}. Put the agency's certificate in ~/.postgresql/root.crt (or "
            "name it with sslrootcert= in the address), or ask the administrator."
        ).format(where=where, error=first_line(error))
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
