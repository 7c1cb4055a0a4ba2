"""A throw-away PostgreSQL primary with a streaming hot standby, on free loopback ports.

Used by tests/scaling/test_replica_router.py and, as a command, by scripts/with-postgres-replica.sh:

    python3 tests/scaling/pg_cluster.py COMMAND [ARG...]

runs COMMAND with DATABASE_URL (the primary) and DATABASE_REPLICA_URL (the standby) set, then stops
both servers and removes their folder. Standard library only, so that it runs without the venv.
Like scripts/with-postgres.sh, it runs the servers as the `postgres` user when started as root
(initdb refuses root), and trades durability for speed (fsync off): never point it at real data.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "hoanhap"
DATABASE = "hoanhap"
# Seconds for each step (initdb, a start, the base backup); the whole set-up takes 2 to 5 s.
STEP_TIMEOUT = 30
_FAST_UNSAFE = "-c fsync=off -c synchronous_commit=off -c max_connections=100"


class ClusterError(RuntimeError):
    """PostgreSQL could not be set up; the message carries the tool's own output."""


@dataclass(frozen=True)
class Cluster:
    """The two servers of a running primary_and_standby()."""

    primary_port: int
    standby_port: int
    folder: Path

    @property
    def primary_url(self) -> str:
        return f"postgres://{USER}@127.0.0.1:{self.primary_port}/{DATABASE}"

    @property
    def standby_url(self) -> str:
        return f"postgres://{USER}@127.0.0.1:{self.standby_port}/{DATABASE}"


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian's layout), or None."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return candidates[-1].parent if candidates else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> list[str]:
    """As root, run the servers as `postgres`: initdb and postgres refuse to run as root."""
    if os.geteuid() != 0:
        return []
    if subprocess.run(["id", "postgres"], capture_output=True, check=False).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    return ["runuser", "-u", "postgres", "--"]


def _step(command: list[str]) -> None:
    try:
        subprocess.run(command, capture_output=True, text=True, timeout=STEP_TIMEOUT, check=True)
    except subprocess.CalledProcessError as error:
        raise ClusterError(f"{Path(command[0]).name} failed: {error.stderr or error.stdout}") from error
    except subprocess.TimeoutExpired as error:
        raise ClusterError(f"{Path(command[0]).name} did not finish in {STEP_TIMEOUT} s") from error


@contextmanager
def primary_and_standby() -> Iterator[Cluster]:
    """Start a primary and a hot standby streaming from it; stop both and remove them on exit,
    whatever happens inside."""
    pgbin = postgres_bin()
    if pgbin is None:
        raise ClusterError("PostgreSQL is not installed: run 'make system-deps'.")
    run_as = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="hoanhap-pg-replica."))
    if run_as:
        shutil.chown(folder, user="postgres")
    cluster = Cluster(primary_port=free_port(), standby_port=free_port(), folder=folder)
    primary, standby = folder / "primary", folder / "standby"
    started: list[Path] = []

    def pg(tool: str, *args: str) -> list[str]:
        return [*run_as, str(pgbin / tool), *args]

    def start(data: Path, port: int) -> None:
        started.append(data)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} {_FAST_UNSAFE}"
        _step(pg("pg_ctl", "-D", str(data), "-l", f"{data}.log", "-w", "-t", str(STEP_TIMEOUT), "start", "-o", options))

    primary_at = ["-h", "127.0.0.1", "-p", str(cluster.primary_port), "-U", USER]
    try:
        # initdb's pg_hba.conf trusts loopback, replication connections included; wal_level
        # defaults to `replica` and hot_standby to on, so streaming needs no further settings.
        cluster_options = ["-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]
        _step(pg("initdb", "-D", str(primary), *cluster_options))
        start(primary, cluster.primary_port)
        _step(pg("createdb", *primary_at, DATABASE))
        # -R writes standby.signal and primary_conninfo: the copy starts as a standby of the primary.
        _step(pg("pg_basebackup", *primary_at, "-D", str(standby), "-R", "-X", "stream", "-c", "fast", "--no-sync"))
        start(standby, cluster.standby_port)
        yield cluster
    finally:
        for data in reversed(started):
            stop = pg("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
            subprocess.run(stop, capture_output=True, timeout=STEP_TIMEOUT, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _stop_on_signal(signum: int, frame: object) -> None:
    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl+C, so that the servers are stopped.
    raise SystemExit(128 + signum)


def main(argv: list[str]) -> int:
    if not argv:
        print(f"usage: {sys.argv[0]} COMMAND [ARG...]", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop_on_signal)
    try:
        with primary_and_standby() as cluster:
            print(
                f"PostgreSQL primary on 127.0.0.1:{cluster.primary_port}, standby on 127.0.0.1:{cluster.standby_port}",
                flush=True,
            )
            env = {**os.environ, "DATABASE_URL": cluster.primary_url, "DATABASE_REPLICA_URL": cluster.standby_url}
            return subprocess.run(argv, env=env, check=False).returncode
    except ClusterError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
