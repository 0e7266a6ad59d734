"""Prompt files and the LIT dataset that holds them.

Two file formats, both UTF-8:

  JSON Lines (.jsonl): one object per line, blank lines skipped.
    {"prompt": "<start_of_turn>user\\nHi<end_of_turn>\\n<start_of_turn>model\\n",
     "target": "Hello!", "source": "greeting"}
    prompt  required string: the text the model continues.
    target  optional string: the continuation to explain (LIT's Sequence Salience); empty or
            absent means "use the model's own answer".
    source  optional string: where the prompt comes from or what it tests; LIT groups rows by it.
    Other keys with string values are kept as metadata fields (see metadata.py), except
    ones that look like a misspelt prompt/target/source and the template-file keys
    (template, vars, templates), which are errors.

  Plain text (.txt): one prompt per line, taken exactly as written (no trimming); blank
    lines are skipped. A prompt cannot span lines here: use JSON Lines for that.

Every problem is a ValueError naming the file and line (see lines.py).
"""

import os
from collections.abc import Sequence
from typing import Any

from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import lines, metadata

PROMPT_KEYS = (fields.PROMPT, fields.TARGET, fields.SOURCE)
# Not allowed as metadata: a `template` key would make refill() rewrite the prompt.
RESERVED_KEYS = (fields.TEMPLATE, fields.VARS, "templates")


def spec(metadata_keys: Sequence[str] = ()) -> lit_types.Spec:
  """The fields of a prompt example, plus a CategoryLabel per metadata key.

  `source` is a CategoryLabel without a vocabulary: the Data Table can group and filter on
  it and the Datapoint Editor shows a short free-text box.
  """
  return {
      fields.PROMPT: lit_types.TextSegment(),
      fields.TARGET: lit_types.TextSegment(required=False),
      fields.SOURCE: lit_types.CategoryLabel(required=False),
      **metadata.spec(list(metadata_keys)),
  }


def init_spec() -> lit_types.Spec:
  """What LIT's Configure dialog asks for to load a file: a path and a row limit."""
  return {
      "path": lit_types.String(default=""),
      "max_examples": lit_types.Integer(default=1000, min_val=1, max_val=100_000,
                                        required=False),
  }


def read_jsonl(path: str) -> list[dict[str, str]]:
  """Prompt examples from a JSON Lines file (see the module docstring)."""
  examples = []
  for line, obj in lines.read_json_objects(path):
    examples.append({
        fields.PROMPT: lines.string_value(obj, fields.PROMPT, path, line, required=True),
        fields.TARGET: lines.string_value(obj, fields.TARGET, path, line) or "",
        fields.SOURCE: lines.string_value(obj, fields.SOURCE, path, line) or "",
        **metadata.read(obj, PROMPT_KEYS, path, line, RESERVED_KEYS),
    })
  return metadata.complete(examples, metadata.columns(examples, PROMPT_KEYS))


def read_text(path: str) -> list[dict[str, str]]:
  """Prompt examples from a plain text file, one prompt per non-blank line."""
  return [{fields.PROMPT: text, fields.TARGET: "", fields.SOURCE: ""}
          for _, text in lines.read_lines(path) if text.strip()]


def read_prompts(path: str) -> list[dict[str, str]]:
  """Prompt examples from `path`: plain text for .txt, JSON Lines otherwise."""
  examples = read_text(path) if is_text_file(path) else read_jsonl(path)
  if not examples:
    raise lines.error_at(path, None, "no prompts in the file")
  return examples


def is_text_file(path: str) -> bool:
  return path.lower().endswith(".txt")


def check_max_examples(max_examples: int | None) -> int | None:
  """`max_examples` itself, after refusing values that are not a positive int (or None)."""
  if max_examples is not None and (
      isinstance(max_examples, bool) or not isinstance(max_examples, int)
      or max_examples < 1):
    raise ValueError(f"max_examples must be a positive integer or None, got {max_examples!r}")
  return max_examples


class PromptDataset(lit_dataset.Dataset):
  """Prompts (with optional targets) read from a JSON Lines or plain text file."""

  def __init__(self, path: str, max_examples: int | None = None,
               description: str | None = None):
    """Reads `path` (.txt: plain text, else JSON Lines); keeps the first `max_examples` rows."""
    check_max_examples(max_examples)
    examples: list[dict[str, Any]] = read_prompts(path)[:max_examples]
    name = os.path.basename(path)
    super().__init__(
        spec=spec(metadata.columns(examples, PROMPT_KEYS)), examples=examples,
        description=description or f"{len(examples)} prompts from {name}")

  @classmethod
  def init_spec(cls) -> lit_types.Spec:
    return init_spec()
