"""The roster as a spreadsheet, both ways: import a centre's Excel roster, export the resident list.

roster.py   the columns and the Vietnamese words a roster uses, shared by both directions
imports.py  the import service (`import_roster`)
exports.py  the export service (`export_residents`)
forms.py, views.py, urls.py   the pages (and the printable documents' downloads)
"""
