"""Extra keys of a JSON Lines row, kept as metadata fields.

A prompt or template file may carry keys beyond the ones its format defines, e.g.
{"prompt": "...", "language": "de", "policy": "drugs"}. Each such key becomes a
CategoryLabel field (optional, no vocabulary), so LIT's Data Table can group and filter on
it; rows without the key get "". Values must be strings, booleans or numbers (shown as
their JSON text: `true`, `3`), or null (read as "").

Refused with a located ValueError: a key that looks like a misspelling of a defined one
("taget" for "target"), and keys starting with "_" (LIT's own, e.g. "_id").
"""

import difflib
import json
from collections.abc import Collection
from typing import Any

from lit_nlp.api import types as lit_types

from lit_app.datasets import lines


def read(obj: dict[str, Any], known: tuple[str, ...], path: str, line: int,
         reserved: Collection[str] = ()) -> dict[str, str]:
  """The keys of `obj` outside `known`, checked, with their string values.

  Keys in `reserved` (names with a meaning elsewhere) are refused.
  """
  extra = {}
  for key in obj:
    if key in known:
      continue
    if key in reserved:
      raise lines.error_at(path, line, f"key {key!r} is reserved here (a field name)")
    if key.startswith("_"):
      raise lines.error_at(path, line, f"key {key!r}: names starting with '_' are LIT's own")
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
    if close:
      raise lines.error_at(path, line, f"unknown key {key!r}; did you mean {close[0]!r}? "
                           f"(defined keys: {', '.join(known)})")
    value = obj[key]
    if isinstance(value, (bool, int, float)):
      extra[key] = json.dumps(value)
    else:
      extra[key] = lines.string_value(obj, key, path, line) or ""
  return extra


def columns(examples: list[dict[str, Any]], known: tuple[str, ...]) -> list[str]:
  """The metadata keys used by any example, in order of first use."""
  return list(dict.fromkeys(k for ex in examples for k in ex if k not in known))


def complete(examples: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
  """The examples with "" for each metadata key they lack."""
  return [ex | {k: ex.get(k, "") for k in keys} for ex in examples]


def spec(keys: list[str]) -> lit_types.Spec:
  return {k: lit_types.CategoryLabel(required=False) for k in keys}
