"""Entitlements (the material regime): the audited writes."""
