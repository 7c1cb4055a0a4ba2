"""Demo and benchmark data: Vietnamese names, addresses and ID numbers, and a deterministic
generator of facilities, staff and residents with their episodes (`manage.py seed_demo`)."""
