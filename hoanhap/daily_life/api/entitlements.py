"""Entitlements (the material regime): the API endpoints."""

from ninja import Router

router = Router()
