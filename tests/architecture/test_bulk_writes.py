"""Writes that send no signal (bulk_create, bulk_update, QuerySet.update, QuerySet.delete) are
invisible to django-auditlog. In application code each must sit in a function that writes the
batch's own entry with `hoanhap.audit.writes.record_bulk_write` (or `audit.services.record_creation` for a row and the
children created with it); this test reads the source and
names any that does not."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "hoanhap"
BULK_METHODS = {"bulk_create", "bulk_update"}
QUERYSET_WRITES = {"update", "delete"}
QUERYSET_SOURCES = {"objects", "filter", "exclude", "all", "select_for_update", "_default_manager"}
# Code that writes no domain data a person could be audited on, or writes none through the app:
# migrations, tests, the demo and benchmark generators (a fresh database), the trail itself.
SKIPPED_PARTS = {"migrations", "tests", "demo"}
SKIPPED_FILES = {ROOT / "audit" / "chain.py", ROOT / "testing.py"}
# The helpers that write a batch's entry: one for a batch, one for a row created with its children.
ENTRY_WRITERS = {"record_bulk_write", "record_creation"}
# Bulk writes of values the trail leaves out on purpose, each with the reason.
NOT_AUDITED = {
    "hoanhap/api/auth.py:authenticate": "an API token's last use (ApiToken.last_used_at is excluded from the trail)",
    "hoanhap/residents/services/common.py:record_timeline_events": (
        "the residents' journal (TimelineEvent is exempt: the journal of what audited services did); "
        "the service calling it writes the batch's own entry"
    ),
}


def _is_queryset(node: ast.expr) -> bool:
    """`Model.objects…`, `qs.filter(…)…`: a receiver that is a queryset by its last call or attribute."""
    while isinstance(node, ast.Call):
        node = node.func
    return isinstance(node, ast.Attribute) and node.attr in QUERYSET_SOURCES


def _unaudited_bulk_writes(path: Path, root: Path = ROOT.parent) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        calls = [node for node in ast.walk(function) if isinstance(node, ast.Call)]
        names = {
            call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "") for call in calls
        }
        if names & ENTRY_WRITERS or f"{path.relative_to(root)}:{function.name}" in NOT_AUDITED:
            continue
        for call in calls:
            func = call.func
            if not isinstance(func, ast.Attribute):
                continue
            if func.attr in BULK_METHODS or (func.attr in QUERYSET_WRITES and _is_queryset(func.value)):
                found.append(f"{path.relative_to(root)}:{call.lineno} {function.name}() .{func.attr}()")
    return found


def test_every_bulk_write_in_application_code_writes_its_own_audit_entry():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if SKIPPED_PARTS & set(path.relative_to(ROOT).parts) or path in SKIPPED_FILES:
            continue
        offenders += _unaudited_bulk_writes(path)
    assert offenders == [], (
        "These bulk writes send no signal, so django-auditlog does not log them: call "
        "hoanhap.audit.writes.record_bulk_write in the same function, inside its audited write.\n"
        + "\n".join(offenders)
    )


def test_the_check_finds_a_bulk_write_without_its_entry(tmp_path):
    sample = tmp_path / "services.py"
    sample.write_text(
        "def close_all(*, actor):\n"
        "    Episode.objects.filter(status='active').update(status='closed')\n"
        "def import_rows(*, actor, rows):\n"
        "    Resident.objects.bulk_create(rows)\n"
        "    record_bulk_write(scope=None, action=0, summary='', facility_id=None, data={})\n"
        "def merge(a, b):\n"
        "    a.update(b)\n"
    )
    assert _unaudited_bulk_writes(sample, root=tmp_path) == ["services.py:2 close_all() .update()"]
