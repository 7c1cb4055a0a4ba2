"""Family visits, parcels and money: the audited writes."""
