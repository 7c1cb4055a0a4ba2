"""`python -m bench [--quick] [--engines sqlite,postgres]`: what `make bench` runs.

For each engine: build the bench data (or reuse it), copy it for this run, measure server-side,
start gunicorn as `make run` does and measure through HTTP, run the load test, read the workers'
memory, write bench/results/<date>-<engine>.json. Then docs/performance.md and the table.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from . import data, report, through_http

ROOT = data.ROOT
DATA_DIR = data.DATA_DIR
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results"
PG_SETTINGS = ["-c", "shared_buffers=1GB", "-c", "max_connections=100", "-c", "listen_addresses=127.0.0.1"]


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(
    command: list[str], *, env: dict[str, str] | None = None, check: bool = True, **kwargs: Any
) -> subprocess.CompletedProcess:
    return subprocess.run(command, env={**os.environ, **(env or {})}, cwd=ROOT, check=check, **kwargs)  # noqa: S603


# --- PostgreSQL: a persistent cluster under bench/data/pg ------------------------------------------


class Postgres:
    """A cluster kept between runs (its base database is the expensive part), started for the run."""

    def __init__(self) -> None:
        found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        if not found:
            raise SystemExit("PostgreSQL is not installed: run 'make system-deps'.")
        self.bin = found[-1]
        self.dir = DATA_DIR / "pg"
        self.cluster = self.dir / "db"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []

    def _pg(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [*self.as_postgres, str(self.bin / tool), *args], check=check, capture_output=True, text=True
        )

    def start(self) -> None:
        if not (self.cluster / "PG_VERSION").exists():
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir.mkdir(parents=True)
            if self.as_postgres:
                subprocess.run(["id", "postgres"], check=False, capture_output=True).returncode == 0 or run(  # noqa: S607
                    ["useradd", "--system", "--no-create-home", "postgres"]
                )
                shutil.chown(self.dir, "postgres")
            self._pg(
                "initdb",
                "-D",
                str(self.cluster),
                "-U",
                "hoanhap",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            )
        options = " ".join([*PG_SETTINGS, "-p", str(self.port), "-k", str(self.dir)])
        self._pg("pg_ctl", "-D", str(self.cluster), "-l", str(self.dir / "log"), "-w", "-o", options, "start")

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.cluster), "-m", "fast", "-w", "stop", check=False)

    def url(self, database: str) -> str:
        return f"postgres://hoanhap@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str) -> None:
        self._pg("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "hoanhap", "-d", "postgres", "-c", statement)

    def version(self) -> str:
        """ "15.18" from "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"."""
        found = re.search(r"\d+(\.\d+)+", self._pg("postgres", "--version").stdout)
        return found.group(0) if found else "unknown"


# --- Base data and the run's copy -------------------------------------------------------------------


def _stored(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def ensure_bases(engines: list[str], pg: Postgres | None, quick: bool) -> dict[str, dict[str, Any]]:
    """The base database of each engine: reused when one with the same fingerprint exists, else
    built, the engines' builds side by side (each is mostly one core of Python). Their summaries."""
    summaries: dict[str, dict[str, Any]] = {}
    builds: dict[str, tuple[subprocess.Popen, Path, Path, float]] = {}
    for engine in engines:
        sizes = data.Sizes.for_engine(engine, quick=quick)
        marker = DATA_DIR / f"{engine}{'-quick' if quick else ''}-base.json"
        stored = _stored(marker)
        if stored and stored.get("fingerprint") == data.fingerprint(engine, sizes):
            log(f"  reusing the {engine} bench data (built {stored['built_at']}, {stored['timings']['total']:.0f} s)")
            summaries[engine] = stored
            continue
        log(
            f"  building the {engine} bench data: {sizes.national:,} national residents, "
            f"province of {sizes.facilities} …"
        )
        marker.unlink(missing_ok=True)
        if engine == "sqlite":
            base = DATA_DIR / f"sqlite{'-quick' if quick else ''}-base.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{base}{suffix}").unlink(missing_ok=True)
            url = f"sqlite:///{base}"
        else:
            assert pg is not None
            name = base_database(quick)
            pg.sql(f"DROP DATABASE IF EXISTS {name}")
            pg.sql(f"CREATE DATABASE {name}")
            url = pg.url(name)
        out = DATA_DIR / f"build-summary-{engine}.json"
        process = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "bench.data", "--engine", engine, "--out", str(out), *(["--quick"] if quick else [])],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        )
        builds[engine] = (process, out, marker, time.perf_counter())
    for engine, (process, out, marker, started) in builds.items():
        if process.wait() != 0:
            raise SystemExit(f"Building the {engine} bench data failed.")
        summary = json.loads(out.read_text())
        summary["built_at"] = datetime.now().isoformat(timespec="seconds")
        summary["timings"]["total"] = round(time.perf_counter() - started, 1)
        marker.write_text(json.dumps(summary, indent=2, ensure_ascii=False))
        log(f"  built the {engine} bench data in {summary['timings']['total']:.0f} s")
        summaries[engine] = summary
    return summaries


def base_database(quick: bool) -> str:
    return "bench_base_quick" if quick else "bench_base"


def run_copy(engine: str, pg: Postgres | None, quick: bool) -> str:
    """A fresh copy of the base for this run: the measurements write (intake, the load test)."""
    if engine == "sqlite":
        base = DATA_DIR / f"sqlite{'-quick' if quick else ''}-base.sqlite3"
        target = DATA_DIR / "sqlite-run.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(base, target)
        return f"sqlite:///{target}"
    assert pg is not None
    pg.sql("DROP DATABASE IF EXISTS bench_run")
    pg.sql(f"CREATE DATABASE bench_run TEMPLATE {base_database(quick)}")
    return pg.url("bench_run")


# --- The server ------------------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn(env: dict[str, str], engine: str) -> Iterator[tuple[str, int]]:
    """The production server with `make run`'s workers and threads, on a free loopback port."""
    port = free_port()
    logs = DATA_DIR / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    workers = os.environ.get("WEB_WORKERS", "3")
    process = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--threads",
            "2",
            "--timeout",
            "60",
            "--access-logfile",
            str(logs / f"access-{engine}.log"),
            "--error-logfile",
            str(logs / f"gunicorn-{engine}.log"),
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        # Django's own log (a 500's traceback) goes to the workers' stderr.
        stdout=open(logs / f"django-{engine}.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=2)  # noqa: S310
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start; see bench/data/logs")
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def worker_memory(master: int) -> list[float]:
    """Resident memory (VmRSS, MB) of each gunicorn worker: the master's children."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            if int(fields["PPid"]) == master:
                sizes.append(round(int(fields["VmRSS"].split()[0]) / 1024, 1))
    return sorted(sizes)


def run_load(base: str, info: Path, seconds: int, engine: str) -> dict[str, Any]:
    prefix = DATA_DIR / "logs" / f"locust-{engine}"
    run(
        [
            str(BIN / "locust"),
            "-f",
            "bench/locustfile.py",
            "--headless",
            "--users",
            "50",
            "--spawn-rate",
            "2",
            "--reset-stats",
            "--run-time",
            f"{seconds}s",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        env={"BENCH_INFO": str(info)},
        stdout=subprocess.DEVNULL,
        # Locust exits with 1 when a request failed: the failures are read from its CSV below.
        check=False,
    )
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))  # noqa: SIM115
    by_name = {row["Name"]: row for row in rows}
    total = by_name["Aggregated"]
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv", encoding="utf-8")))  # noqa: SIM115
    return {
        "seconds": seconds,
        "users": 50,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "requests_per_second": round(float(total["Requests/s"]), 1),
        "median": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "by_request": {
            name: {
                "count": int(row["Request Count"]),
                "median": float(row["50%"]),
                "p95": float(row["95%"]),
                "failures": int(row["Failure Count"]),
            }
            for name, row in by_name.items()
            if name != "Aggregated"
        },
        "failure_kinds": [{"name": f["Name"], "error": f["Error"], "count": int(f["Occurrences"])} for f in failures],
    }


# --- One engine ---------------------------------------------------------------------------------------


# What `--only` (BENCH_ONLY) may name: the server-side parts, and the server's.
SERVER_PARTS = (
    "search",
    "resident_page",
    "overview",
    "intake",
    "import",
    "grading_sheet",
    "daily_life",
    "plans",
    "workflows",
)
PARTS = (*SERVER_PARTS, "http", "load")


def bench_engine(
    engine: str, built: dict[str, Any], *, quick: bool, load_seconds: int, pg: Postgres | None, only: set[str]
) -> dict[str, Any]:
    log(f"== {engine} ==")
    url = run_copy(engine, pg, quick)
    env = {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    work = DATA_DIR / "work"
    work.mkdir(exist_ok=True)
    server_out, info = work / f"server-{engine}.json", work / f"info-{engine}.json"
    log("  server-side measurements …")
    run(
        [
            PYTHON,
            "-m",
            "bench.server_side",
            "--out",
            str(server_out),
            "--info",
            str(info),
            "--long-history",
            str(built["long_history_resident"]),
            "--only",
            ",".join(part for part in SERVER_PARTS if part in only),
            *(["--quick"] if quick else []),
        ],
        env=env,
    )
    server = json.loads(server_out.read_text())
    result: dict[str, Any] = {"engine": engine, "sizes": built["fingerprint"], "build": built, "server": server}
    if not {"http", "load"} & only:
        return result
    with gunicorn(env, engine) as (base, master):
        if "http" in only:
            log("  through HTTP …")
            result["http"] = through_http.measure(
                base, info=json.loads(info.read_text()), password=data.BENCH_PASSWORD, runs=20 if quick else 100
            )
        if "load" in only:
            log(f"  load: 50 users for {load_seconds} s …")
            result["load"] = run_load(base, info, load_seconds, engine)
            result["memory_mb"] = worker_memory(master)
    return result


def collect_static() -> None:
    """The pages need the static files' manifest (production's storage); collecting takes a minute
    (every file compressed), so only when a static file is newer than the manifest."""
    manifest = ROOT / "var" / "staticfiles" / "staticfiles.json"
    sources = [path.stat().st_mtime for path in (ROOT / "static").rglob("*") if path.is_file()]
    if not manifest.exists() or max(sources, default=0) > manifest.stat().st_mtime:
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"])


def machine(pg: Postgres | None) -> dict[str, Any]:
    import sqlite3

    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg.version() if pg else None,
        "gunicorn": f"{os.environ.get('WEB_WORKERS', '3')} workers × 2 threads",
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small data and a 30-second load: a smoke run")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument(
        "--only",
        default=os.environ.get("BENCH_ONLY", ""),
        help=f"measure only these parts (comma-separated: {', '.join(PARTS)}); the results are kept "
        "as <date>-<engine>-partial.json and the docs are not rewritten",
    )
    args = parser.parse_args()
    only = {part.strip() for part in args.only.split(",") if part.strip()} or set(PARTS)
    if unknown := only - set(PARTS):
        raise SystemExit(f"Unknown parts: {', '.join(sorted(unknown))} (known: {', '.join(PARTS)})")
    partial = only != set(PARTS)
    quick = args.quick or os.environ.get("BENCH_QUICK", "") not in ("", "0")
    load_seconds = int(os.environ.get("BENCH_LOAD_SECONDS") or (30 if quick else 600))
    engines = [engine.strip() for engine in args.engines.split(",") if engine.strip()]
    started = time.perf_counter()
    # Production's settings refuse to start without a key: one for this run, which every process
    # started below inherits (the server's workers must share it).
    if not os.environ.get("DJANGO_SECRET_KEY"):
        os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    DATA_DIR.mkdir(exist_ok=True)
    collect_static()
    pg = Postgres() if "postgres" in engines else None
    if pg:
        pg.start()
    try:
        info = machine(pg)
        day = datetime.now().strftime("%Y-%m-%d")
        bases = ensure_bases(engines, pg, quick)
        for engine in engines:
            result = bench_engine(engine, bases[engine], quick=quick, load_seconds=load_seconds, pg=pg, only=only)
            result.update(machine=info, date=datetime.now().isoformat(timespec="seconds"), quick=quick)
            result["rows"] = [row.as_dict() for row in report.rows_for(result)]
            if partial:
                print(report.table_text_of({engine: result}))
            name = f"{day}-{engine}{'-quick' if quick else ''}{'-partial' if partial else ''}.json"
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / name).write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
            log(f"  wrote bench/results/{name}")
    finally:
        if pg:
            pg.stop()
    if partial:
        log(f"make bench took {(time.perf_counter() - started) / 60:.1f} minutes")
        return
    if not quick:
        report.write_docs()
    print(report.table_text(quick=quick))
    log(f"make bench took {(time.perf_counter() - started) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
