"""Daily life's pages: access, form, one service or selector, render or redirect."""
