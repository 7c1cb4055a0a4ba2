"""Entitlements (the material regime): the scoped reads."""
