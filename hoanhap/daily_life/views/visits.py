"""Family visits, parcels and money: the pages."""
