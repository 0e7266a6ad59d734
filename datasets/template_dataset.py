"""Template files and the LIT dataset of filled templates.

File format: JSON Lines, UTF-8, one object per line, blank lines skipped.

Rows. Each line is one example:
    {"template": "Article: {{article}}\\nSummary:", "vars": {"article": "..."},
     "target": "...", "source": "...", "label": "..."}
  template  the template (syntax in templates.py: {{name}} placeholders, \\{{ for "{{").
  vars      object: placeholder name -> string. Exactly the template's placeholders (may be
            left out when the template has none).
  target, source, label   optional strings.
  any other key           a metadata field (string values; see metadata.py). It must not be
                          a field name, nor one of the row's placeholders (those go in vars).

Shared templates (one template for many rows, and dynamic templates). The first line may
instead be a header that names the templates; rows then carry no "template" of their own:
    {"templates": {"plain": "{{request}}", "guarded": "Be safe.\\n{{request}}"}}
    {"label": "plain", "vars": {"request": "..."}}
    {"label": "guarded", "vars": {"request": "..."}}
  A row's "label" picks its template from the header. With a single template in the header
  "label" may be left out and defaults to that template's name; so the compact form of one
  template plus a table of variable rows is a one-entry header followed by rows.

Every problem is a ValueError naming the file and line, and the placeholder or variable.
Variable names must not be field names (template, vars, prompt, target, source, label).

The dataset (TemplateDataset) has one example per row with these fields:
  template                the row's template (TextSegment).
  one field per variable  (TextSegment each) when every row has the same placeholders;
  or vars                 otherwise: the variables as one JSON object, as text (TextSegment).
  prompt                  the filled template (TextSegment), what the model reads.
  target                  (TextSegment, optional), label, source (CategoryLabel, optional).
  metadata keys           (CategoryLabel, optional), "" where a row lacks one.

Editing convention. LIT's Datapoint Editor lets people change `template` or a variable,
but the model then receives the stale `prompt`. A model wrapper therefore calls
refill(example) before predicting: when the example has a `template` key, `prompt` is
recomputed from it and the variables (from `vars` if the example has that key, else from
the keys named like the template's placeholders). So `prompt` of a template row is derived:
a direct edit to it is replaced. Variables the edited template no longer uses are ignored.
"""

import dataclasses
import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import lines, metadata, prompts, templates

HEADER_KEY = "templates"
ROW_KEYS = (fields.TEMPLATE, fields.VARS, fields.TARGET, fields.SOURCE, fields.LABEL)
# Field names an example already uses: a variable may not take one of them.
RESERVED_NAMES = frozenset(
    (fields.TEMPLATE, fields.VARS, fields.PROMPT, fields.TARGET, fields.SOURCE, fields.LABEL))


@dataclasses.dataclass(frozen=True)
class TemplateRow:
  """One row of a template file, checked and filled.

  line: where the row is in its file (1-based).
  values: placeholder name -> value, in the file's order.
  prompt: the template filled with `values`.
  extra: metadata key -> value (keys outside the format's own).
  """
  line: int
  template: str
  values: dict[str, str]
  prompt: str
  target: str = ""
  source: str = ""
  label: str = ""
  extra: dict[str, str] = dataclasses.field(default_factory=dict)


def read_rows(path: str) -> list[TemplateRow]:
  """The rows of a template file (format in the module docstring), each filled."""
  objects = lines.read_json_objects(path)
  header: dict[str, str] | None = None
  if objects and HEADER_KEY in objects[0][1]:
    header = _read_header(objects[0][1], path, objects[0][0])
    objects = objects[1:]
  rows = [_read_row(obj, header, path, line) for line, obj in objects]
  if not rows:
    raise lines.error_at(path, None, "no template rows in the file")
  return rows


def is_template_file(path: str) -> bool:
  """Whether `path` is a template file rather than a prompt file: its first object has a
  "template" or "templates" key and no "prompt". Raises lines' errors for a bad file."""
  objects = lines.read_json_objects(path)
  if not objects:
    return False
  first = objects[0][1]
  return fields.PROMPT not in first and (fields.TEMPLATE in first or HEADER_KEY in first)


def _read_header(obj: dict[str, Any], path: str, line: int) -> dict[str, str]:
  lines.check_keys(obj, (HEADER_KEY,), path, line)
  named = obj[HEADER_KEY]
  if not isinstance(named, dict) or not named:
    raise lines.error_at(path, line, f"{HEADER_KEY!r} must be a non-empty object: "
                         "template name -> template")
  for name, template in named.items():
    if not name:
      raise lines.error_at(path, line, "a template name must not be empty")
    if not isinstance(template, str):
      raise lines.error_at(path, line, f"template {name!r} must be a string")
    lines.check_encodable(template, f"template {name!r}", path, line)
    try:
      _check_names(templates.placeholders(template))
    except ValueError as e:
      raise lines.error_at(path, line, f"template {name!r}: {e}") from None
  return named


def _read_row(obj: dict[str, Any], header: dict[str, str] | None, path: str,
              line: int) -> TemplateRow:
  if HEADER_KEY in obj:
    raise lines.error_at(path, line, f"a {HEADER_KEY!r} header must be the file's first line")
  extra = metadata.read(obj, ROW_KEYS, path, line, RESERVED_NAMES)
  label = lines.string_value(obj, fields.LABEL, path, line) or ""
  if header is None:
    template = lines.string_value(obj, fields.TEMPLATE, path, line, required=True)
  else:
    if fields.TEMPLATE in obj:
      raise lines.error_at(path, line, f"the header names the templates, so a row has no "
                           f"{fields.TEMPLATE!r}; pick one with 'label' ({', '.join(header)})")
    if not label and len(header) == 1:
      label = next(iter(header))
    if label not in header:
      problem = f"label {label!r} is not" if label else "no 'label' picks"
      raise lines.error_at(path, line, f"{problem} a template of the header "
                           f"(one of: {', '.join(header)})")
    template = header[label]

  values = obj.get(fields.VARS, {})
  if not isinstance(values, dict):
    raise lines.error_at(path, line, f"{fields.VARS!r} must be an object: name -> string")
  for name, value in values.items():
    if not isinstance(value, str):
      raise lines.error_at(path, line, f"variable {name!r} must be a string, got "
                           f"{type(value).__name__}")
    lines.check_encodable(value, f"variable {name!r}", path, line)
  try:
    names = templates.placeholders(template)
    _check_names(names)
    prompt = templates.fill(template, values)
  except ValueError as e:
    raise lines.error_at(path, line, str(e)) from None
  for key in extra:
    if key in names:
      raise lines.error_at(path, line, f"key {key!r} is a placeholder: put it in 'vars'")
  return TemplateRow(
      line=line, template=template, values=dict(values), prompt=prompt,
      target=lines.string_value(obj, fields.TARGET, path, line) or "",
      source=lines.string_value(obj, fields.SOURCE, path, line) or "",
      label=label, extra=extra)


def _check_names(names: list[str]):
  clashes = [n for n in names if n in RESERVED_NAMES]
  if clashes:
    raise ValueError(f"placeholder {', '.join(f'{{{{{n}}}}}' for n in clashes)} is a field "
                     "name; rename the variable")


def variable_columns(rows: list[TemplateRow]) -> list[str] | None:
  """The variable names, in first use order, if every row has the same placeholders; else None."""
  names = [templates.placeholders(row.template) for row in rows]
  if any(set(n) != set(names[0]) for n in names[1:]):
    return None
  return names[0]


def spec(columns: list[str] | None, metadata_keys: Sequence[str] = ()) -> lit_types.Spec:
  """The dataset's fields: a field per variable in `columns` (None: one `vars` field), then
  prompt, target, label, source and the metadata fields."""
  variables = ({fields.VARS: lit_types.TextSegment()} if columns is None
               else {name: lit_types.TextSegment() for name in columns})
  return {
      fields.TEMPLATE: lit_types.TextSegment(),
      **variables,
      fields.PROMPT: lit_types.TextSegment(),
      fields.TARGET: lit_types.TextSegment(required=False),
      fields.LABEL: lit_types.CategoryLabel(required=False),
      fields.SOURCE: lit_types.CategoryLabel(required=False),
      **metadata.spec(list(metadata_keys)),
  }


def to_example(row: TemplateRow, columns: list[str] | None) -> dict[str, str]:
  """The LIT example of a row, in the layout of spec(columns, ...) (metadata as given)."""
  variables = ({fields.VARS: json.dumps(row.values, ensure_ascii=False)} if columns is None
               else {name: row.values[name] for name in columns})
  return {
      fields.TEMPLATE: row.template,
      **variables,
      fields.PROMPT: row.prompt,
      fields.TARGET: row.target,
      fields.LABEL: row.label,
      fields.SOURCE: row.source,
      **row.extra,
  }


class TemplateDataset(lit_dataset.Dataset):
  """Prompts made by filling templates, read from a template file (see template_dataset.py)."""

  def __init__(self, path: str, max_examples: int | None = None,
               description: str | None = None):
    """Reads and fills `path`; keeps the first `max_examples` rows."""
    prompts.check_max_examples(max_examples)
    rows = read_rows(path)[:max_examples]
    columns = variable_columns(rows)
    metadata_keys = list(dict.fromkeys(k for row in rows for k in row.extra))
    # A metadata key may not share a name with another row's variable column.
    clashes = [k for k in metadata_keys if k in (columns or ())]
    if clashes:
      raise lines.error_at(path, None, f"key {clashes[0]!r} is a variable in some rows and "
                           "a metadata key in others")
    examples = metadata.complete([to_example(row, columns) for row in rows], metadata_keys)
    name = os.path.basename(path)
    super().__init__(
        spec=spec(columns, metadata_keys), examples=examples,
        description=description or (
            f"{len(rows)} filled templates from {name}. Edit the template or a variable; "
            "the prompt is filled again before the model reads it."))

  @classmethod
  def init_spec(cls) -> lit_types.Spec:
    return prompts.init_spec()


def template_and_values(example: Mapping[str, Any]) -> tuple[str, dict[str, str]] | None:
  """The example's template and the values of its placeholders; None without a template.

  Values come from the example's `vars` (a JSON object, as text or a dict) when it has that
  key, else from the keys named like the placeholders. Values the template does not use are
  left out. Raises ValueError naming a placeholder without a value.
  """
  template = example.get(fields.TEMPLATE)
  if template is None:
    return None
  if not isinstance(template, str):
    raise ValueError(f"field {fields.TEMPLATE!r} must be a string, got "
                     f"{type(template).__name__}")
  names = templates.placeholders(template)
  _check_names(names)
  if fields.VARS in example:
    source, where = _vars_object(example[fields.VARS]), f"in field {fields.VARS!r}"
  else:
    source, where = example, "among the example's fields"
  missing = [n for n in names if n not in source]
  if missing:
    raise ValueError(f"no value for {', '.join(f'{{{{{n}}}}}' for n in missing)} {where}")
  values = {n: source[n] for n in names}
  templates.check_values(template, values)  # Strings only.
  return template, values


def refill(example: Mapping[str, Any]) -> dict[str, Any]:
  """A copy of `example` whose `prompt` is its template filled again (see the module docstring).

  Examples without a `template` key come back as an unchanged copy, so a model wrapper can
  call this on every example of any dataset.
  """
  example = _with_override(example)
  found = template_and_values(example)
  if found is None:
    return dict(example)
  return dict(example) | {fields.PROMPT: templates.fill(*found)}


def _with_override(example: Mapping[str, Any]) -> Mapping[str, Any]:
  """A routed example (datasets/routing.py) whose `label_override` is set gets that
  block as its `instructions`, whatever the router said."""
  override = example.get(fields.LABEL_OVERRIDE)
  if not override or not example.get(fields.ROUTING):
    return example
  from lit_app.datasets import routing  # routing builds on this module.
  blocks = routing.Routing.of(example).blocks
  if override not in blocks:
    raise ValueError(f"{fields.LABEL_OVERRIDE} {override!r} is not a block of this template "
                     f"(one of: {', '.join(blocks)})")
  return dict(example) | {fields.INSTRUCTIONS: blocks[override]}


def _vars_object(value: Any) -> Mapping[str, Any]:
  if isinstance(value, Mapping):
    return value
  try:
    parsed = json.loads(value) if isinstance(value, str) else None
  except json.JSONDecodeError as e:
    raise ValueError(f"field {fields.VARS!r} is not valid JSON ({e.msg}, column {e.colno})"
                     ) from None
  if not isinstance(parsed, dict):
    raise ValueError(f"field {fields.VARS!r} must hold a JSON object: name -> string")
  return parsed
