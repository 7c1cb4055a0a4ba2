"""The roster as a spreadsheet, both ways: import a centre's Excel roster, export the resident list.

roster.py   the columns and the Vietnamese words a roster uses, shared by both directions
sheet.py    the uploaded file: kept between the steps, its header row, its columns mapped to fields
rows.py     one row checked
checks.py   the whole file checked (`check_roster`), before anything is written
imports.py  the import service (`import_roster`)
exports.py  the export service (`export_residents`)
forms.py, views.py, urls.py   the pages (and the printable documents' downloads)
"""
