"""User accounts managed in the application: accounts, roles per facility (two people for a role
that sees residents), lock and unlock, password and two-factor resets — each in the audit trail.

This part of `accounts` writes through the audit layer (`audited_write`), the one exception to
"accounts imports only the kernel" (pyproject's import-linter contract names it)."""
