"""The hand-written tuning data: requests, answers, refusal reasons, request templates and
the vocabularies the generators draw from, kept as JSON Lines in datasets/data/tuning/.

Each file is UTF-8 with one JSON object per line, in the order the generators use them,
and holds rows of one shape (`{"en": ..., "de": ..., "topic": ...}`) or several named
tables whose rows say which table they belong to (`{"table": "cities", "en": ...,
"de": ...}`). The modules that generate the tuning sets (everyday, topics, skills, corpus,
routing/corpus) read them through `load` and keep only code. Nothing here imports LIT.
"""

import os
from collections.abc import Mapping, Sequence
from typing import Any

from lit_app import datasets
from lit_app.datasets import lines

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(datasets.__file__)), "data", "tuning")
TABLE = "table"


def load(name: str, fields: Sequence[str] | Mapping[str, Sequence[str]]
         ) -> list[tuple] | dict[str, list[tuple]]:
  """Reads one hand-written data file of datasets/data/tuning/ as tuples, in file order.

  Every object must have exactly the keys asked for (plus "table" in a file of tables).
  Values are returned as JSON decodes them (strings, numbers, booleans, lists).

  Args:
    name: the file's name in DATA_DIR, e.g. "everyday_harmful.jsonl".
    fields: the keys of every object, in the order the tuples hold their values; or,
      for a file of several tables, a mapping from each table's name to its keys.

  Returns:
    One tuple of values per object (blank lines are skipped). For a mapping of tables,
    a dict from each table's name (in the mapping's order) to its tuples.

  Raises:
    ValueError: in one line that names the file, and the line where there is one, when
      the file is missing or unreadable, a line is not a JSON object, an object lacks a
      key, has a key not asked for or names an unknown table, or a table has no rows.
  """
  path = os.path.join(DATA_DIR, name)
  tables = dict(fields) if isinstance(fields, Mapping) else {None: fields}
  found = {table: [] for table in tables}
  for number, obj in lines.read_json_objects(path):
    table = None
    if isinstance(fields, Mapping):
      table = obj.get(TABLE)
      if table not in tables:
        problem = f"unknown table {table!r}" if TABLE in obj else f"missing {TABLE!r}"
        raise lines.error_at(path, number, f"{problem} (known: {', '.join(tables)})")
    keys = tuple(tables[table])
    lines.check_keys(obj, keys + ((TABLE,) if table is not None else ()), path, number)
    missing = [key for key in keys if key not in obj]
    if missing:
      raise lines.error_at(path, number, f"missing {', '.join(map(repr, missing))}"
                           + (f" (table {table!r})" if table is not None else ""))
    found[table].append(tuple(obj[key] for key in keys))
  for table, rows in found.items():
    if not rows:
      raise lines.error_at(path, None, "no rows" if table is None else
                           f"no rows for table {table!r}")
  return found if isinstance(fields, Mapping) else found[None]


def grouped(rows: list[tuple]) -> dict[Any, list]:
  """Groups rows by their first value, in the order the values first appear.

  Args:
    rows: tuples of two or more values, e.g. ("en", "Summarize: {a}").

  Returns:
    A dict from each first value to the rest of its rows: the second value alone for
    rows of two values ({"en": ["Summarize: {a}", ...]}), else a tuple of the rest.
  """
  out = {}
  for first, *rest in rows:
    out.setdefault(first, []).append(rest[0] if len(rest) == 1 else tuple(rest))
  return out
