"""Entitlements (the material regime): the pages."""
