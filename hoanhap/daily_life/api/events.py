"""Events, competitions and prizes: the API endpoints."""

from ninja import Router

router = Router()
