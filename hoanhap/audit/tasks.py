"""Background tasks of the audit trail, run by the task worker (`make worker`)."""

import logging

from django_tasks import task

from hoanhap.core.db import reporting_reads

from .services import verify_chain

logger = logging.getLogger(__name__)


@task()
def verify_audit_chain_task() -> int:
    """Walk the whole audit trail, as `manage.py verify_audit_chain` does, and return the number of
    places where the chain does not hold. A long read that may be served by the read replica."""
    breaks = 0
    with reporting_reads():
        for item in verify_chain():
            # Entry ids and reasons only: no personal data in the logs.
            logger.warning("audit entry %s: %s", item.entry_id, item.reason)
            breaks += 1
    return breaks
