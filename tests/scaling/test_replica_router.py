"""The read replica of a province's layout (docs/scaling.md), against real servers: a PostgreSQL
primary and a hot standby streaming from it, on loopback, started for this module and removed after.

Reports read from the standby only where they asked to; everything else, and every write, goes to
the primary; the standby refuses writes. The probe runs in its own process with DATABASE_URL and
DATABASE_REPLICA_URL set as in production, so this module does not depend on the test run's
database and runs the same in the SQLite and the PostgreSQL half of `make test`.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .pg_cluster import postgres_bin

ROOT = Path(__file__).resolve().parents[2]
# Set-up, migration and probe take 6 to 10 s on two cores; beyond this, something hangs.
TIME_LIMIT = 28
# After SIGTERM the cluster helper stops both servers and removes their folder.
CLEAN_UP_LIMIT = 10

pytestmark = pytest.mark.skipif(
    postgres_bin() is None, reason="PostgreSQL binaries are not installed (`make system-deps` installs them)"
)


@pytest.fixture(scope="module")
def probe() -> dict[str, Any]:
    command = [
        sys.executable,
        str(ROOT / "tests/scaling/pg_cluster.py"),
        sys.executable,
        "-m",
        "tests.scaling.replica_probe",
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as run:
        try:
            out, err = run.communicate(timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            run.send_signal(signal.SIGTERM)
            try:
                run.communicate(timeout=CLEAN_UP_LIMIT)
            finally:
                run.kill()
            pytest.fail(f"the primary, the standby and the probe did not finish within {TIME_LIMIT} s")
    assert run.returncode == 0, f"the probe failed:\n{out}\n{err}"
    return json.loads(out.splitlines()[-1])


def test_a_reporting_read_is_served_by_the_standby(probe):
    assert probe["reporting_read"] == {"alias": "replica", "rows": 3, "served_by_standby": True}


def test_an_ordinary_read_is_served_by_the_primary(probe):
    assert probe["ordinary_read"] == {"alias": "default", "served_by_standby": False}


def test_a_write_in_a_reporting_block_goes_to_the_primary_and_the_block_then_reads_the_primary(probe):
    assert probe["write_in_reporting_block"] == {
        "alias": "default",
        "on_primary": True,
        "then_read_sees_it": True,
        "then_read_served_by_standby": False,
    }


def test_a_request_that_wrote_reads_the_primary_and_so_does_the_same_browser_just_after(probe):
    assert probe["requests"] == {
        "writing_request_read_served_by_standby": False,
        "writing_request_sets_pin_cookie": True,
        "pinned_request_read_served_by_standby": False,
        "plain_request_read_served_by_standby": True,
    }


def test_the_standby_refuses_writes(probe):
    # 25006: read_only_sql_transaction.
    assert probe["write_to_replica"] == {"refused": True, "sqlstate": "25006"}
