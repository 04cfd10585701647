"""A throw-away PostgreSQL server for the deployment test: Debian's binaries, a temporary data
folder, 127.0.0.1 and a free port only, stopped (and its folder removed) at the end.

PostgreSQL refuses to run as root: as root, every server command runs as the `postgres`
system user (created by Debian's package) through `runuser`; as anyone else, as that user.
"""
from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.ui.dagster_server import free_port  # one way to pick a loopback port

DB = "dagster"
USER = "dagster"


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres (Debian: /usr/lib/postgresql/<major>/bin)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    for d in candidates:
        if all(os.access(os.path.join(d, tool), os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(d)
    initdb = shutil.which("initdb")
    if initdb:  # elsewhere on PATH (a symlink into /usr/lib/postgresql, Homebrew, ...)
        d = Path(os.path.realpath(initdb)).parent
        if all(os.access(d / tool, os.X_OK) for tool in ("pg_ctl", "postgres")):
            return d
    return None


@dataclass
class PostgresServer:
    bin_dir: Path
    root: Path  # temporary folder: data/, socket/, server.log
    port: int
    password: str
    as_user: list[str]  # command prefix running a server command as the server's owner

    host = "127.0.0.1"
    db = DB
    user = USER

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def log_path(self) -> Path:
        return self.root / "server.log"

    def log_tail(self, n: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        return "(no server log)"

    def _run(self, *cmd: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([*self.as_user, *cmd], capture_output=True, text=True, timeout=timeout, cwd=self.root,
                              env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
        if check and proc.returncode != 0:
            raise RuntimeError(f"`{' '.join(cmd)}` failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}\n"
                               f"server log:\n{self.log_tail()}")
        return proc

    def superuser_sql(self, sql: str) -> str:
        """Run SQL as the superuser over the private Unix socket (no password)."""
        psql = self.bin_dir / "psql" if (self.bin_dir / "psql").exists() else Path(shutil.which("psql") or "psql")
        return self._run(str(psql), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(self.socket_dir), "-p", str(self.port),
                         "-U", "postgres", "-d", "postgres", "-tA", "-c", sql).stdout

    def query(self, sql: str) -> list[tuple[str, ...]]:
        """Run SQL as the Dagster user over TCP (127.0.0.1, password), as Dagster connects."""
        psql = self.bin_dir / "psql" if (self.bin_dir / "psql").exists() else Path(shutil.which("psql") or "psql")
        proc = subprocess.run(
            [str(psql), "-X", "-v", "ON_ERROR_STOP=1", "-h", self.host, "-p", str(self.port), "-U", self.user, "-d", self.db,
             "-tA", "-F", "\t", "-c", sql],
            capture_output=True, text=True, timeout=60, env={**os.environ, "PGPASSWORD": self.password, "PGCONNECT_TIMEOUT": "10"},
        )
        if proc.returncode != 0:
            raise RuntimeError(f"psql failed ({proc.returncode}): {proc.stderr}")
        return [tuple(line.split("\t")) for line in proc.stdout.splitlines() if line]

    def start(self) -> None:
        pwfile = self.root / "superuser.pw"
        pwfile.write_text(secrets.token_hex(16) + "\n")
        # local (socket) connections: trust, for the set-up below; TCP: passwords only
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}", "--no-sync")
        pwfile.unlink()
        options = (f"-c listen_addresses={self.host} -p {self.port} -c unix_socket_directories={self.socket_dir} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_path), "-o", options,
                  "-w", "-t", "60", "start")
        self.superuser_sql(f"CREATE ROLE {self.user} LOGIN PASSWORD '{self.password}'")
        self.superuser_sql(f"CREATE DATABASE {self.db} OWNER {self.user}")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            proc = self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "30", "stop",
                             check=False)
            if proc.returncode != 0:  # last resort: the postmaster's own pid, never a name match
                with contextlib.suppress(OSError, ValueError, IndexError):
                    pid = int((self.data_dir / "postmaster.pid").read_text().splitlines()[0])
                    os.kill(pid, 9)


@contextlib.contextmanager
def postgres_server():
    """Start a server, yield it, stop it and delete its folder. Raises FileNotFoundError when
    PostgreSQL is not installed and RuntimeError when it cannot run."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_ctl, postgres): `apt-get install postgresql`")
    as_user: list[str] = []
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError("running as root, and there is no `postgres` system user to run the server as") from None
        runuser = shutil.which("runuser")  # util-linux, always on Debian
        if not runuser:
            raise RuntimeError("running as root, and no `runuser` to start the server as `postgres`")
        as_user = [runuser, "-u", "postgres", "--"]
    # /tmp, not pytest's tmp_path: root's pytest folders are 0700, out of the postgres user's reach
    root = Path(tempfile.mkdtemp(prefix="deals-pg-"))
    try:
        (root / "socket").mkdir()
        if owner is not None:
            for p in (root, root / "socket"):
                os.chown(p, owner.pw_uid, owner.pw_gid)
        os.chmod(root, 0o700)
        server = PostgresServer(bin_dir=bin_dir, root=root, port=free_port(), password=secrets.token_hex(12), as_user=as_user)
        try:
            server.start()
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
