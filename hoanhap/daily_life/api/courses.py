"""Courses and classes: the API endpoints."""

from ninja import Router

router = Router()
