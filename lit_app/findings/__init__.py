"""Findings: examples, notes, stars and saved findings kept across restarts.

  store.py     the SQLite store under --state_dir
  examples.py  datasets with a `note` and `starred` field, stored examples appended
  saving.py    the "Save finding" generator: example + models + span + method + note
  pages.py     a finding's HTML page (self-contained, also the export)
  hooks.py     what the server installs into its LIT app
"""
