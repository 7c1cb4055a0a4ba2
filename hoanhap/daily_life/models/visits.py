"""Family visits, parcels and money: the rows."""

__all__: list[str] = []
