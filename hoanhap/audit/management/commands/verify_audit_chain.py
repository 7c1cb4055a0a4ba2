from django.core.management.base import BaseCommand, CommandError

from hoanhap.audit.models import AuditEntry
from hoanhap.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; exits non-zero if any entry was altered or removed."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        breaks = list(verify_chain())
        for item in breaks:
            self.stderr.write(f"entry {item.entry_id}: {item.reason}")
        if breaks:
            raise CommandError(f"The audit chain is broken in {len(breaks)} place(s).")
        self.stdout.write(self.style.SUCCESS(f"The audit chain is intact ({AuditEntry.objects.count()} entries)."))
