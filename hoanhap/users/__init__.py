"""User accounts managed in the application: accounts, roles per facility (two people for a role
that sees residents), lock and unlock, password and two-factor resets — each in the audit trail.

An app of its own above the audit layer (its writes are audited), over accounts' models."""
