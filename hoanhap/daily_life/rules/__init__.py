"""Pure, dated rule sets of daily life, each citing its article (see `residents/terms/`); no database."""
