"""The daily-life API: each area's router, using the same selectors and services as the pages."""

from ninja import Router

from . import courses, entitlements, events, labour, visits

router = Router(tags=["daily life"])
router.add_router("/courses", courses.router)
router.add_router("/labour", labour.router)
router.add_router("/visits", visits.router)
router.add_router("/events", events.router)
router.add_router("/entitlements", entitlements.router)
