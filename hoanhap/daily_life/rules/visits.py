"""Family visits, parcels and money: the pure, dated rules."""
