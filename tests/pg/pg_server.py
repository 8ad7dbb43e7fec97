"""A throwaway PostgreSQL server for the tests: started once per test run, on a private socket.

The agency storage engine is tested against a real server, never a mock. The server's own
binaries (Debian's postgresql package; .ci/run installs it where it is missing) are found with
``pg_config --bindir`` or in /usr/lib/postgresql/*/bin. The cluster lives in a temporary folder
and listens only on a Unix socket in that folder (no TCP port, so parallel runs never collide and
nothing is reachable from outside). initdb refuses to run as root, so as root the server runs as
the ``postgres`` system user.

When the binaries are missing the PostgreSQL tests are skipped, unless GROUPWORK_REQUIRE_PG=1
(CI sets it): then they fail, so a CI that silently skipped them cannot pass.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "groupwork_admin"


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when no server is installed."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


@dataclass
class TestServer:
    """A running throwaway cluster; ``dsn(dbname, user)`` connects to it."""

    bindir: Path
    folder: Path
    as_postgres_user: bool

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        """A libpq connection string for ``user`` on ``dbname`` over the private socket."""
        return f"host={self.socket_dir} dbname={dbname} user={user}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres_user:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=True)

    def start(self) -> None:
        data = self.folder / "data"
        self.socket_dir.mkdir(parents=True)
        if self.as_postgres_user:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        # trust on the private socket only: the tests connect as each role to check what the
        # server lets that role do, and nothing outside this folder can reach the socket.
        self._run(
            "initdb",
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self.resume()

    def resume(self) -> None:
        """Start the server on its data folder (again, after ``pause``)."""
        data = self.folder / "data"
        options = (
            f"-c listen_addresses='' -k {self.socket_dir} -c fsync=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "server.log"),
            "start",
        )

    def pause(self) -> None:
        """Kill the server at once (as a crash or a pulled cable looks to a client); its data
        stays, and ``resume`` starts it again."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_test_server() -> TestServer | None:
    """Start a throwaway cluster, or return None when no PostgreSQL server is installed."""
    bindir = find_bindir()
    if bindir is None:
        return None
    as_postgres = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="groupwork-pg-"))
    if as_postgres:
        folder.chmod(0o755)
    server = TestServer(bindir=bindir, folder=folder, as_postgres_user=as_postgres)
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL test server did not start: {exc.stderr}") from exc
    return server
