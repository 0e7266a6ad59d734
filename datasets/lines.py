"""Reading line-based files (plain text, JSON Lines) with errors that say where.

Every problem is a ValueError whose message starts with the file, and the line when there
is one: "prompts.jsonl, line 3: malformed JSON (Expecting ',' delimiter, column 17)".

Files are read as UTF-8 (a leading byte-order mark is dropped). Lines end at "\\n" (a "\\r"
before it is dropped too); nothing else splits a line, so U+2028 and friends stay inside
the text. Line numbers count from 1.
"""

import json
from typing import Any


def error_at(path: str, line: int | None, problem: str) -> ValueError:
  """A ValueError naming the file and (if given) the line."""
  where = path if line is None else f"{path}, line {line}"
  return ValueError(f"{where}: {problem}")


def read_lines(path: str) -> list[tuple[int, str]]:
  """The lines of a UTF-8 file as (line number, text without its line ending), blank ones too.

  Raises ValueError naming the path when the file is missing or unreadable, and the line
  and byte when a line is not valid UTF-8.
  """
  try:
    with open(path, "rb") as f:
      data = f.read()
  except FileNotFoundError:
    raise error_at(path, None, "file not found") from None
  except IsADirectoryError:
    raise error_at(path, None, "is a directory, not a file") from None
  except OSError as e:
    raise error_at(path, None, f"cannot read ({e.strerror})") from None

  if data.startswith(b"\xef\xbb\xbf"):
    data = data[3:]
  raw_lines = data.split(b"\n")
  if raw_lines and not raw_lines[-1]:
    raw_lines.pop()  # The file's final line ending does not start another line.

  lines = []
  for number, raw in enumerate(raw_lines, start=1):
    if raw.endswith(b"\r"):
      raw = raw[:-1]
    try:
      lines.append((number, raw.decode("utf-8")))
    except UnicodeDecodeError as e:
      raise error_at(path, number, f"invalid UTF-8 (byte {e.start + 1} of the line: "
                     f"{raw[e.start:e.start + 1]!r})") from None
  return lines


def read_json_objects(path: str) -> list[tuple[int, dict[str, Any]]]:
  """The JSON objects of a JSON Lines file as (line number, object); blank lines are skipped.

  Raises ValueError naming the file and line for malformed JSON or a line that is not an
  object, besides read_lines' errors.
  """
  objects = []
  for number, text in read_lines(path):
    if not text.strip():
      continue
    try:
      value = json.loads(text)
    except json.JSONDecodeError as e:
      raise error_at(path, number, f"malformed JSON ({e.msg}, column {e.colno})") from None
    if not isinstance(value, dict):
      raise error_at(path, number,
                     f"expected a JSON object {{...}}, got {_json_kind(value)}")
    objects.append((number, value))
  return objects


def check_keys(obj: dict[str, Any], allowed: tuple[str, ...], path: str, line: int):
  """Raises a located ValueError for keys outside `allowed` (usually a misspelt name)."""
  unknown = [k for k in obj if k not in allowed]
  if unknown:
    names = ", ".join(repr(k) for k in unknown)
    raise error_at(path, line, f"unknown key {names} (allowed: {', '.join(allowed)})")


def string_value(obj: dict[str, Any], key: str, path: str, line: int,
                 required: bool = False) -> str | None:
  """obj[key] checked to be a string (None when absent or null and not required).

  Also refuses strings that cannot be written back as UTF-8 (lone surrogates from JSON
  escapes such as "\\ud83d"), which would otherwise fail later inside LIT.
  """
  value = obj.get(key)
  if value is None:
    if required:
      raise error_at(path, line, f"missing {key!r} (a string)")
    return None
  if not isinstance(value, str):
    raise error_at(path, line, f"{key!r} must be a string, got {_json_kind(value)}")
  check_encodable(value, f"{key!r}", path, line)
  return value


def choice_value(obj: dict[str, Any], key: str, choices: tuple[int, ...], path: str,
                 line: int) -> int:
  """obj[key] as one of the integer `choices`, written as a number (1) or a digit string
  ("1"); a boolean, another number or a missing value is a located ValueError."""
  value = obj.get(key)
  allowed = " or ".join(map(str, choices))
  if value is None:
    raise error_at(path, line, f"missing {key!r} ({allowed})")
  if isinstance(value, str) and value.strip().isdigit():
    number = int(value)
  elif isinstance(value, int) and not isinstance(value, bool):
    number = value
  else:
    number = None
  if number not in choices:
    raise error_at(path, line, f"{key!r} must be {allowed}, got {json.dumps(value)}")
  return number


def check_encodable(text: str, what: str, path: str, line: int):
  """Raises a located ValueError if `text` holds a lone surrogate (not valid Unicode)."""
  try:
    text.encode("utf-8")
  except UnicodeEncodeError as e:
    raise error_at(path, line, f"{what} holds a lone surrogate "
                   f"{text[e.start]!r} at character {e.start + 1}") from None


def _json_kind(value: Any) -> str:
  """How JSON would name the type of a decoded value, for messages."""
  if value is None:
    return "null"
  if isinstance(value, bool):
    return "a boolean"
  if isinstance(value, (int, float)):
    return "a number"
  if isinstance(value, str):
    return "a string"
  if isinstance(value, list):
    return "an array"
  return "an object"
