"""Family visits, parcels and money: the API endpoints."""

from ninja import Router

router = Router()
