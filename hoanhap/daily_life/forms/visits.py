"""Family visits, parcels and money: the forms."""
