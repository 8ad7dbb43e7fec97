"""TLS is checked on the connection that was made (issue 18): a server not on this machine is
reached only encrypted, decided from the address actually connected (``hostaddr`` and socket
paths cannot pass for local), checked before a single statement is sent; a certificate that
fails ``verify-full`` is not reported as a wrong password.

The server here is a second throwaway cluster with TLS on (a self-signed certificate made with
openssl) listening on loopback and on this machine's own non-loopback address, which stands
in for "another machine"."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from groupwork.errors import GroupworkError, StorageError
from groupwork.store.postgres.connection import (
    connect,
    connect_failure_message,
    connected_locally,
    safe_conninfo,
)


def _other_address() -> str | None:
    """An address of this machine that is not loopback (what a remote server looks like)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: it only picks the route
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def tls_server(pg_server):
    """A TLS cluster on loopback and this machine's other address; trust for the test login."""
    address = _other_address()
    if address is None or not shutil.which("openssl"):
        pytest.skip("no non-loopback address or no openssl here")
    folder = Path(tempfile.mkdtemp(prefix="groupwork-tls-"))  # the postgres user reads it
    folder.chmod(0o755)
    data, port = folder / "data", _free_port()
    run = pg_server._run
    if pg_server.as_postgres_user:
        shutil.chown(folder, "postgres")
    run("initdb", "-D", str(data), "-U", "groupwork_admin", "--auth=trust", "--no-sync")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", f"subjectAltName=DNS:localhost,IP:{address}",
         "-keyout", str(folder / "server.key"), "-out", str(folder / "server.crt")],
        check=True, capture_output=True,
    )  # fmt: skip
    (folder / "server.key").chmod(0o600)
    if pg_server.as_postgres_user:
        for name in ("server.key", "server.crt"):
            shutil.chown(folder / name, "postgres")
    (data / "pg_hba.conf").write_text("local all all trust\nhost all all all trust\n")
    options = (
        f"-c listen_addresses='127.0.0.1,{address}' -p {port} -k '' -c ssl=on "
        f"-c ssl_cert_file={folder / 'server.crt'} -c ssl_key_file={folder / 'server.key'} "
        "-c log_statement=all -c fsync=off"
    )
    log = folder / "server.log"
    run("pg_ctl", "-D", str(data), "-o", options, "-w", "-l", str(log), "start")
    yield SimpleNamespace(address=address, port=port, cert=folder / "server.crt", log=log)
    run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
    shutil.rmtree(folder, ignore_errors=True)


def _at(server, **params: str) -> str:
    given = {"port": str(server.port), "dbname": "postgres", "user": "groupwork_admin", **params}
    return " ".join(f"{k}={v}" for k, v in given.items())


def test_a_remote_address_behind_a_local_name_or_socket_path_is_remote(tls_server):
    for host in ("localhost", "/tmp"):
        location = _at(tls_server, host=host, hostaddr=tls_server.address, sslmode="disable")
        with pytest.raises(GroupworkError, match="not on this machine"):
            safe_conninfo(location)
        # Asked for nothing: encrypted is added, as for any remote host.
        assert "sslmode=require" in safe_conninfo(_at(tls_server, hostaddr=tls_server.address))


def test_an_unencrypted_mode_from_the_environment_is_refused_before_connecting(
    tls_server, monkeypatch
):
    monkeypatch.setenv("PGHOST", tls_server.address)
    monkeypatch.setenv("PGSSLMODE", "disable")
    with pytest.raises(GroupworkError, match="not on this machine"):
        connect(f"port={tls_server.port} dbname=postgres user=groupwork_admin")


def test_an_unencrypted_connection_a_service_file_asked_for_is_closed_before_any_statement(
    tls_server, monkeypatch, tmp_path
):
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[office]\nhost={tls_server.address}\nport={tls_server.port}\ndbname=postgres\n"
        "user=groupwork_admin\nsslmode=disable\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    before = tls_server.log.read_text().count("plan_cache_mode")
    with pytest.raises(StorageError, match="not encrypted"):
        connect("service=office")
    assert tls_server.log.read_text().count("plan_cache_mode") == before


def test_an_encrypted_remote_connection_and_a_plain_loopback_one_are_made(tls_server):
    conn = connect(_at(tls_server, host=tls_server.address))
    assert conn.pgconn.ssl_in_use and not connected_locally(conn.info)
    conn.close()
    conn = connect(_at(tls_server, hostaddr="127.0.0.1", sslmode="disable"))
    assert not conn.pgconn.ssl_in_use and connected_locally(conn.info)
    conn.close()


def test_verify_full_checks_the_agencys_certificate_and_says_so_when_it_fails(tls_server, tmp_path):
    good = _at(tls_server, host=tls_server.address, sslmode="verify-full")
    conn = connect(f"{good} sslrootcert={tls_server.cert}")
    assert conn.pgconn.ssl_in_use
    conn.close()
    with pytest.raises(StorageError) as missing:
        connect(f"{good} sslrootcert={tmp_path / 'none.crt'}")
    other = tmp_path / "other.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=elsewhere", "-keyout", str(tmp_path / "other.key"), "-out", str(other)],
        check=True, capture_output=True,
    )  # fmt: skip
    with pytest.raises(StorageError) as wrong:
        connect(f"{good} sslrootcert={other}")
    for refused in (missing.value, wrong.value):
        assert "root.crt" in refused.message and "refused the login" not in refused.message


def test_the_address_connected_decides_what_is_local():
    assert connected_locally(SimpleNamespace(hostaddr="", host="/run/postgresql"))
    assert connected_locally(SimpleNamespace(hostaddr="127.0.0.1", host="office.example"))
    assert connected_locally(SimpleNamespace(hostaddr="::1", host="localhost"))
    assert not connected_locally(SimpleNamespace(hostaddr="192.0.2.7", host="localhost"))
    assert not connected_locally(SimpleNamespace(hostaddr="192.0.2.7", host="/tmp"))


def test_a_certificate_problem_is_not_called_a_wrong_password():
    said = connect_failure_message(
        "groupwork@office", 'root certificate file "/home/x/.postgresql/root.crt" does not exist'
    )
    assert "root.crt" in said and "refused the login" not in said
    said = connect_failure_message("groupwork@office", 'password authentication failed for "x"')
    assert "refused the login" in said


def test_without_the_agency_extra_the_person_is_told_how_to_install_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(GroupworkError, match=r"pip install 'groupwork\[agency\]'"):
        connect("postgresql://dao@office.example/groupwork")
