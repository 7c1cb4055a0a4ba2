"""Daily life's writes: keyword-only, given the acting user, `@audited_write(event=...)`."""
