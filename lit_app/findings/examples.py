"""Datasets as the UI shows them: every example gets a `note` and a `starred` field, and
the examples people added in the UI (kept in the store) are appended.

An example's identity for notes and stars is its content without those two fields
(`content_key`), so editing only the note or the star of a row annotates that row in
place (after a restart, or in another browser, the row itself carries them) instead of
adding a copy.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

NOTE = "note"
STARRED = "starred"
ANNOTATION_FIELDS = (NOTE, STARRED)
LIT_PRIVATE = ("_id", "_meta")

ANNOTATION_SPEC: lit_types.Spec = {
    NOTE: lit_types.TextSegment(required=False, default=""),
    STARRED: lit_types.Boolean(required=False, default=False),
}


def _jsonable(value):
  if isinstance(value, np.ndarray):
    return value.tolist()
  if isinstance(value, np.generic):
    return value.item()
  if isinstance(value, Mapping):
    return {k: _jsonable(v) for k, v in value.items()}
  if isinstance(value, (list, tuple)):
    return [_jsonable(v) for v in value]
  return value


def content(example: Mapping[str, Any]) -> dict[str, Any]:
  """The example's fields without note, star and LIT's private `_id`/`_meta`."""
  return {k: _jsonable(v) for k, v in example.items()
          if k not in ANNOTATION_FIELDS and k not in LIT_PRIVATE}


def content_key(example: Mapping[str, Any]) -> str:
  """A stable hash of `content(example)`."""
  text = json.dumps(content(example), sort_keys=True, ensure_ascii=False)
  return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class Base:
  """What a dataset was before notes and stored examples: spec, rows, description."""

  def __init__(self, dataset: lit_dataset.Dataset):
    self.spec = {k: v for k, v in dataset.spec().items() if k not in ANNOTATION_FIELDS}
    self.examples = [content(ex) for ex in dataset.examples]
    self.description = dataset.description()
    self.keys = {content_key(ex) for ex in self.examples}


def annotated(base: Base, stored: Iterable[Mapping[str, Any]],
              annotations: Mapping[str, tuple[str, bool]]) -> lit_dataset.Dataset:
  """`base`'s rows, then the stored rows not among them, each with its note and star."""
  spec = base.spec | ANNOTATION_SPEC
  rows, seen = [], set(base.keys)
  for example in base.examples:
    key = content_key(example)
    note, starred = annotations.get(key, ("", False))
    rows.append(example | {NOTE: note, STARRED: starred})
  for example in stored:
    example = {k: v for k, v in content(example).items() if k in spec}
    key = content_key(example)
    if key in seen:
      continue
    seen.add(key)
    note, starred = annotations.get(key, ("", False))
    rows.append(example | {NOTE: note, STARRED: starred})
  return lit_dataset.Dataset(spec=spec, examples=rows, description=base.description)
