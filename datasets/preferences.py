"""Preference pairs (RLHF-style data) as a LIT dataset.

JSON Lines, one pair per line, the alignment guide's format:
  {"prompt": "…", "response_1": "…", "response_2": "…", "preferred": 1}
`preferred` is 1 or 2 (a number or a digit string). Extra string keys are kept as
metadata columns (e.g. `policy`, `use_case`). The preferred response is also offered as
`target`, so Sequence Salience can explain it.
"""

import os

from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import lines, metadata, prompts

RESPONSE_1, RESPONSE_2, PREFERRED = fields.RESPONSE_1, fields.RESPONSE_2, fields.PREFERRED
PAIR_KEYS = (fields.PROMPT, RESPONSE_1, RESPONSE_2, PREFERRED)


def is_preference_file(path: str) -> bool:
  """True when the file's first JSON object has a `response_1` key."""
  objects = lines.read_json_objects(path)
  return bool(objects) and RESPONSE_1 in objects[0][1]


def read_pairs(path: str) -> list[dict]:
  """The pairs in `path`; every problem is a ValueError naming the file and line."""
  rows = []
  for number, obj in lines.read_json_objects(path):
    for key in (fields.PROMPT, RESPONSE_1, RESPONSE_2):
      value = obj.get(key)
      if not isinstance(value, str):
        raise lines.error_at(path, number, f"'{key}' must be a string, got "
                             f"{'nothing' if value is None else type(value).__name__}")
    preferred = str(lines.choice_value(obj, PREFERRED, (1, 2), path, number))
    extra = {k: v for k, v in obj.items() if k not in PAIR_KEYS and isinstance(v, str)}
    rows.append({**extra, fields.PROMPT: obj[fields.PROMPT], RESPONSE_1: obj[RESPONSE_1],
                 RESPONSE_2: obj[RESPONSE_2], PREFERRED: preferred,
                 fields.TARGET: obj[RESPONSE_1 if preferred == "1" else RESPONSE_2]})
  if not rows:
    raise lines.error_at(path, None, "no preference pairs in the file")
  return rows


class PreferenceDataset(lit_dataset.Dataset):
  """Prompts with two responses and which one people preferred."""

  def __init__(self, path: str, max_examples: int | None = None,
               description: str | None = None):
    rows = read_pairs(path)[:max_examples]
    extra = sorted({k for r in rows for k in r} - set(PAIR_KEYS) - {fields.TARGET})
    spec = {
        fields.PROMPT: lit_types.TextSegment(),
        RESPONSE_1: lit_types.TextSegment(),
        RESPONSE_2: lit_types.TextSegment(),
        PREFERRED: lit_types.CategoryLabel(vocab=["1", "2"]),
        fields.TARGET: lit_types.TextSegment(required=False),
        **metadata.spec(extra),
    }
    super().__init__(
        spec=spec, examples=[{k: r.get(k, "") for k in spec} for r in rows],
        description=description or f"{len(rows)} preference pairs from {os.path.basename(path)}")

  @classmethod
  def init_spec(cls) -> lit_types.Spec:
    return prompts.init_spec()
