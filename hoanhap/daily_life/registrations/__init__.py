"""What each area of daily life registers when the app is ready: navigation sections, cards,
timeline kinds, audit events, audited models. One module per area, each with `register()`."""

AREAS = ("courses", "labour", "visits", "events", "entitlements")
