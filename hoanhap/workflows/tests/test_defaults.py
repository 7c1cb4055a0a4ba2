"""The default processes install once per facility and every one of them is a valid definition."""

import io

from django.core.management import call_command

from hoanhap.workflows.defaults import DEFAULTS, install_defaults
from hoanhap.workflows.models import Process
from hoanhap.workflows.rules import check_definition


def test_every_default_process_is_a_valid_definition():  # type: ignore[no-untyped-def]
    assert len(DEFAULTS) >= 10
    for spec in DEFAULTS:
        assert check_definition(spec["steps"]) == [], spec["code"]


def test_installing_twice_installs_once(facility):  # type: ignore[no-untyped-def]
    assert install_defaults(facility.pk) == len(DEFAULTS)
    call_command("install_processes", facility=facility.code, stdout=io.StringIO())
    assert Process.objects.filter(facility=facility).count() == len(DEFAULTS)
