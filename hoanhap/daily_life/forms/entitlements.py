"""Entitlements (the material regime): the forms."""
