"""Family visits, parcels and money: the scoped reads."""
