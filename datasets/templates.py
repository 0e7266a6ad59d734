r"""Prompt templates: `{{name}}` placeholders filled with literal values.

Syntax
  {{name}}     A placeholder. Spaces or tabs may pad the name: {{ name }}. A name is a word
               of letters (any script), digits and underscores, not starting with a digit.
               A placeholder may appear several times; each use gets the same value.
  \{{          A literal "{{" (the backslash is dropped).
  \\{{name}}   Before "{{", each pair of backslashes writes one backslash and an odd one
               left over escapes the braces; so this is "\" followed by the placeholder.
               Backslashes anywhere else are ordinary text.
  Any other "{{" (e.g. "{{}}", "{{ 1st }}", an unclosed "{{name") is an error: write \{{.
  A "}}" on its own is ordinary text.

Filling
  Every placeholder needs a value and every value must be used by a placeholder; values
  are strings and are inserted literally, so "{{x}}" inside a value stays as written.

Spans
  fill_with_spans() also says where each part landed in the filled string: a list of
  Span(name, start, end), `name` None for literal text, offsets in Python characters
  (code points) of the filled string: filled[span.start:span.end]. This is what per-part
  attribution (e.g. summing token salience over a variable's value) needs.
"""

import dataclasses
import functools
import re
from collections.abc import Mapping

# A run of backslashes (maybe none) followed by "{{": where escapes and placeholders start.
_OPEN = re.compile(r"(\\*)\{\{")
# A whole placeholder, matched where an unescaped "{{" starts.
_PLACEHOLDER = re.compile(r"\{\{[ \t]*([^\W\d]\w*)[ \t]*\}\}")


@dataclasses.dataclass(frozen=True)
class Part:
  """One piece of a parsed template: literal text or a placeholder.

  name: the placeholder's name; None for literal text.
  text: the literal text with escapes resolved; "" for a placeholder.
  start, end: where the piece is written in the template: template[start:end].
  """
  name: str | None
  text: str
  start: int
  end: int

  @property
  def is_placeholder(self) -> bool:
    return self.name is not None


@dataclasses.dataclass(frozen=True)
class Span:
  """Where one part of a template landed in the filled string: filled[start:end].

  name: the placeholder whose value fills the span; None for literal text.
  """
  name: str | None
  start: int
  end: int


def parse(template: str) -> list[Part]:
  """The template's parts in order: literal text and placeholders.

  Adjacent literal text is one part, and there are no empty literal parts. Raises
  ValueError for a "{{" that starts neither a placeholder nor an escape.
  """
  return list(_parse(template))


@functools.lru_cache(maxsize=512)
def _parse(template: str) -> tuple[Part, ...]:
  if not isinstance(template, str):
    raise ValueError(f"a template must be a string, got {type(template).__name__}")
  parts: list[Part] = []
  literal: list[str] = []  # Literal text gathered since `literal_start`.
  literal_start = 0
  pos = 0

  def flush_literal(end: int):
    if literal and "".join(literal):
      parts.append(Part(None, "".join(literal), literal_start, end))
    literal.clear()

  while (match := _OPEN.search(template, pos)) is not None:
    backslashes = len(match.group(1))
    braces = match.end() - 2  # Where "{{" starts.
    literal.append(template[pos:match.start()] + "\\" * (backslashes // 2))
    if backslashes % 2:  # Escaped: a literal "{{".
      literal.append("{{")
      pos = match.end()
      continue
    placeholder = _PLACEHOLDER.match(template, braces)
    if placeholder is None:
      raise ValueError(
          f"template: '{{{{' at character {braces + 1} does not start a placeholder "
          f"{{{{name}}}} (near {template[braces:braces + 20]!r}); write \\{{{{ for a "
          "literal '{{'")
    flush_literal(braces)
    parts.append(Part(placeholder.group(1), "", braces, placeholder.end()))
    pos = literal_start = placeholder.end()
  literal.append(template[pos:])
  flush_literal(len(template))
  return tuple(parts)


def placeholders(template: str) -> list[str]:
  """The template's placeholder names, each once, in order of first use."""
  return list(dict.fromkeys(p.name for p in _parse(template) if p.name is not None))


def fill_with_spans(template: str, values: Mapping[str, str]) -> tuple[str, list[Span]]:
  """The filled template and where each part landed in it (see the module docstring).

  Raises ValueError naming any placeholder without a value, any value no placeholder uses,
  and any value that is not a string.
  """
  check_values(template, values)
  pieces, spans, offset = [], [], 0
  for part in _parse(template):
    text = part.text if part.name is None else values[part.name]
    pieces.append(text)
    spans.append(Span(part.name, offset, offset + len(text)))
    offset += len(text)
  return "".join(pieces), spans


def fill(template: str, values: Mapping[str, str]) -> str:
  """The template with each placeholder replaced by its value (inserted literally).

  fill("Hi {{ who }}! \\{{who}}", {"who": "Ada"}) == "Hi Ada! {{who}}"
  Raises ValueError as fill_with_spans() does.
  """
  return fill_with_spans(template, values)[0]


def check_values(template: str, values: Mapping[str, str]):
  """Raises ValueError unless `values` gives exactly the template's placeholders, as strings."""
  names = placeholders(template)
  missing = [n for n in names if n not in values]
  if missing:
    given = ", ".join(values) or "none"
    raise ValueError(f"no value for {_braced(missing)} (values given: {given})")
  unused = [n for n in values if n not in names]
  if unused:
    used = _braced(names) or "none"
    raise ValueError(f"value {', '.join(repr(n) for n in unused)} is not used by the "
                     f"template (placeholders: {used})")
  for name in names:
    if not isinstance(values[name], str):
      raise ValueError(f"the value for {{{{{name}}}}} must be a string, got "
                       f"{type(values[name]).__name__}")


def _braced(names: list[str]) -> str:
  return ", ".join(f"{{{{{n}}}}}" for n in names)
