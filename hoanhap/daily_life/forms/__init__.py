"""Daily life's forms: they parse typed input; the rules stay in the services."""
