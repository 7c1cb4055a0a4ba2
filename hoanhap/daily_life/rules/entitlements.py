"""Entitlements (the material regime): the pure, dated rules."""
