"""Labour therapy: what the area registers."""


def register() -> None:
    """Timeline kinds, audit events, audited models (or exempt), cards of this area."""
    from auditlog.registry import auditlog

    from ..models import WorkTeam

    auditlog.register(WorkTeam, exclude_fields=["updated_at"])
