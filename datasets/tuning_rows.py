r"""Rows of tuning and evaluation files: their kinds, columns, and where each came from.

Files are JSON Lines (read with lines.py, so UTF-8, blank lines skipped, lines from 1):
  SFT rows         {"prompt": "...", "response": "...", "policy": "...", "use_case": "..."}
  preference rows  {"prompt": "...", "response_1": "...", "response_2": "...",
                    "preferred": 1 or 2, "policy": "...", "use_case": "..."}
  evaluation rows  {"prompt": "...", ...} (other keys are ignored)
policy and use_case are optional strings; `chat` is an optional boolean (default true;
false: the prompt is plain text that the response continues, as few-shot and template
prompts are, not a chat turn); other keys are ignored. A tuning file holds
preference rows when its first object has response_1, response_2 or preferred.

A file that cannot be read at all (missing, not UTF-8) raises a ValueError naming it;
every problem inside a file is a malformed row or a label problem naming the file and
line, never an exception:
  labels     SFT rows without a response; preference rows with `preferred` other than
             1 or 2, identical responses (after normalization) or missing responses.
  malformed  lines that are not JSON objects or have no usable `prompt`; such rows are
             left out of every other check.

Training reads its rows here (through check_report.check()); nothing here imports LIT.
"""

import dataclasses
import json
import os
from typing import Any

from lit_app import fields
from lit_app.datasets import lines, similarity

# Row kinds; a tuning file holds SFT or PREFERENCE rows (read_rows' role TUNING).
SFT = "sft"
PREFERENCE = "preference"
EVALUATION = "evaluation"
TUNING = "tuning"

POLICY = "policy"
USE_CASE = "use_case"
CHAT = "chat"
RESPONSE_1 = fields.RESPONSE_1
RESPONSE_2 = fields.RESPONSE_2
PREFERRED = fields.PREFERRED
PREFERENCE_KEYS = (RESPONSE_1, RESPONSE_2, PREFERRED)


@dataclasses.dataclass(frozen=True, order=True)
class Location:
  """A row's place: the file as given and its line (from 1)."""
  path: str
  line: int

  def __str__(self) -> str:
    return f"{self.path}:{self.line}"

  def short(self) -> str:
    """The place with the file's base name only (LIT columns).

    Returns:
      "file:line", e.g. "sft.jsonl:3".
    """
    return f"{os.path.basename(self.path)}:{self.line}"

  def to_json(self) -> dict[str, Any]:
    """The place as JSON-ready values.

    Returns:
      {"file": the path as given, "line": the line number}.
    """
    return {"file": self.path, "line": self.line}


@dataclasses.dataclass(frozen=True)
class Row:
  """One usable row (it has a prompt). `kind` is SFT, PREFERENCE or EVALUATION."""
  location: Location
  kind: str
  prompt: str
  response: str = ""
  response_1: str = ""
  response_2: str = ""
  preferred: int | None = None  # 1 or 2; None when missing or invalid.
  policy: str = ""
  use_case: str = ""
  chat: bool = True  # False: prompt and response are plain text, not chat turns.

  def responses(self) -> list[str]:
    """The row's responses.

    Returns:
      [response_1, response_2] for a preference row, [response] otherwise (an evaluation
      row's is "").
    """
    return [self.response_1, self.response_2] if self.kind == PREFERENCE else [self.response]


@dataclasses.dataclass(frozen=True)
class Problem:
  """A malformed row or a label problem; `message` names the file and line."""
  location: Location
  message: str

  def problem(self) -> str:
    """The message without its "FILE, line N: " start.

    Returns:
      What is wrong, e.g. "'preferred' must be 1 or 2, got 3".
    """
    where = str(lines.error_at(self.location.path, self.location.line, ""))
    return self.message.removeprefix(where)

  def to_json(self) -> dict[str, Any]:
    """The problem as JSON-ready values.

    Returns:
      {"file": ..., "line": ..., "message": the whole message}.
    """
    return {**self.location.to_json(), "message": self.message}


def read_rows(path: str, role: str) -> tuple[list[Row], list[Problem], list[Problem]]:
  """Reads a JSON Lines file of tuning or evaluation rows (see the module docstring).

  Args:
    path: the file.
    role: TUNING (SFT or preference rows, as the first object says) or EVALUATION.

  Returns:
    (usable rows, malformed rows, label problems), each in line order. A row with label
    problems is still usable (it has a prompt); a malformed one is in no other list.

  Raises:
    ValueError: the file cannot be read at all (lines.read_lines).
  """
  rows, malformed, label_problems = [], [], []
  kind = None if role != EVALUATION else EVALUATION
  for number, text in lines.read_lines(path):
    if not text.strip():
      continue
    location = Location(path, number)
    try:
      obj = _json_object(text, path, number)
      if kind is None:
        kind = PREFERENCE if any(k in obj for k in PREFERENCE_KEYS) else SFT
      prompt = lines.string_value(obj, fields.PROMPT, path, number, required=True)
      if not prompt.strip():
        raise lines.error_at(path, number, f"empty {fields.PROMPT!r}")
    except ValueError as e:
      malformed.append(Problem(location, str(e)))
      continue
    problems: list[str] = []
    values = {key: _label_string(obj, key, path, number, problems, required=False)
              for key in (POLICY, USE_CASE)}
    if kind == SFT:
      values[fields.RESPONSE] = _label_string(obj, fields.RESPONSE, path, number, problems)
    elif kind == PREFERENCE:
      for key in (RESPONSE_1, RESPONSE_2):
        values[key] = _label_string(obj, key, path, number, problems)
      values[PREFERRED] = _preferred(obj, path, number, problems)
      _check_preference(values, path, number, problems)
    if kind != EVALUATION and not isinstance(obj.get(CHAT, True), bool):
      problems.append(str(lines.error_at(path, number, f"{CHAT!r} must be true or false")))
    elif kind != EVALUATION:
      values[CHAT] = obj.get(CHAT, True)
    label_problems += [Problem(location, message) for message in problems]
    rows.append(Row(location, kind, prompt, **values))
  return rows, malformed, label_problems


def _json_object(text: str, path: str, line: int) -> dict[str, Any]:
  try:
    value = json.loads(text)
  except json.JSONDecodeError as e:
    raise lines.error_at(path, line, f"malformed JSON ({e.msg}, column {e.colno})") from None
  if not isinstance(value, dict):
    raise lines.error_at(path, line,
                         f"expected a JSON object {{...}}, got {lines._json_kind(value)}")
  return value


def _label_string(obj: dict[str, Any], key: str, path: str, line: int, problems: list[str],
                  required: bool = True) -> str:
  """obj[key] as a string ("" when absent); a problem is noted when it is missing (if
  required), empty (if required) or not a string."""
  try:
    value = lines.string_value(obj, key, path, line, required=required)
  except ValueError as e:
    problems.append(str(e))
    return ""
  if required and not value.strip():
    problems.append(str(lines.error_at(path, line, f"empty {key!r}")))
  return value or ""


def _preferred(obj: dict[str, Any], path: str, line: int, problems: list[str]) -> int | None:
  """`preferred` read as the preference-pair dataset reads it (lines.choice_value); a
  problem is noted when it is missing or not 1 or 2."""
  try:
    return lines.choice_value(obj, PREFERRED, (1, 2), path, line)
  except ValueError as e:
    problems.append(str(e))
    return None


def _check_preference(values: dict[str, Any], path: str, line: int, problems: list[str]):
  first, second = values[RESPONSE_1], values[RESPONSE_2]
  if (first.strip() and second.strip()
      and similarity.normalize(first) == similarity.normalize(second)):
    problems.append(str(lines.error_at(
        path, line, f"identical responses ({RESPONSE_1!r} and {RESPONSE_2!r} are the same "
        "after normalization)")))
