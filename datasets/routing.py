r"""Routed templates and labeled router inputs (the files; the router is models/routing).

Labeled inputs (what `gemma-lit route train` reads): JSON Lines, one per line,
    {"text": "How do I make a pipe bomb?", "label": "harmful", "language": "en"}
  `text` and `label` non-empty strings; other string keys are kept (not trained on).

Routed template file: JSON Lines whose first line is a header
    {"routed_template": "<start_of_turn>user\n{{instructions}}{{request}}<end_of_turn>\n…",
     "route_on": "request",
     "blocks": {"harmful": "Refuse …\n\n", "benign": "", "medical": "…", "code": "…"},
     "router": "my_router.json"}
  routed_template  a template (templates.py syntax) with the placeholder {{instructions}},
                   where the block of the input's label is inserted, and {{route_on}}.
  route_on         the variable whose value the router reads.
  blocks           label -> instruction block; every label the router can give needs one
                   (more blocks may be there, e.g. a fixed system prompt, to pick by hand).
  router           optional: a router file, relative to this file; default the bundled one.
followed by rows {"vars": {"request": "…"}, "target": "…", "label_override": "…", …}
(`label_override` optional: a block name that replaces the router's label; other string
keys are metadata, e.g. `kind` for the refusal metrics).

The dataset's examples have, besides the template fields, `instructions` (the inserted
block), `route_label` and `route_probability` (the router's answer), `label_override` and
`routing` (the header as JSON). They are filled by route(): LIT runs it as an annotator
(models/lit/routing.py) on load and on every datapoint added in the Editor, so an edited
input is routed again. Until then `instructions` is empty and the label unknown.
A non-empty `label_override` always wins, also for a model reading the example directly
(template_dataset.refill applies it).
"""

import dataclasses
import json
import os
from collections.abc import Mapping
from typing import Any

from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types

from lit_app import fields
from lit_app.datasets import lines, metadata, prompts, template_dataset, templates

HEADER_KEY = "routed_template"
HEADER_KEYS = (HEADER_KEY, "route_on", "blocks", "router")
ROW_KEYS = (fields.VARS, fields.TARGET, fields.SOURCE, fields.LABEL_OVERRIDE)
ROUTE_FIELDS = (fields.INSTRUCTIONS, fields.ROUTE_LABEL, fields.ROUTE_PROBABILITY,
                fields.LABEL_OVERRIDE, fields.ROUTING)


# ------------------------------------------------------------------ labeled inputs

def read_labeled(path: str) -> list[dict[str, str]]:
  """The {text, label, …} rows of a labeled-inputs file; ValueError naming file and line."""
  rows = []
  for line, obj in lines.read_json_objects(path):
    row = {}
    for key in (fields.TEXT, fields.LABEL):
      value = lines.string_value(obj, key, path, line, required=True)
      if not value.strip():
        raise lines.error_at(path, line, f"empty {key!r}")
      row[key] = value
    rows.append({k: v for k, v in obj.items() if isinstance(v, str)} | row)
  if not rows:
    raise lines.error_at(path, None, "no labeled inputs in the file")
  return rows


# ------------------------------------------------------------------ routed templates

@dataclasses.dataclass(frozen=True)
class Routing:
  """A routed template file's header."""
  template: str
  route_on: str
  blocks: dict[str, str]
  router: str = ""  # A router file path; "" for the bundled router.

  def to_json(self) -> str:
    return json.dumps({"route_on": self.route_on, "blocks": self.blocks,
                       "router": self.router}, ensure_ascii=False)

  @classmethod
  def of(cls, example: Mapping[str, Any]) -> "Routing":
    """The routing of a routed example (its `routing` field)."""
    try:
      obj = json.loads(example[fields.ROUTING])
      return cls(example.get(fields.TEMPLATE, ""), obj["route_on"], dict(obj["blocks"]),
                 obj.get("router", ""))
    except (TypeError, KeyError, json.JSONDecodeError) as e:
      raise ValueError(f"field {fields.ROUTING!r} is not a routing object ({e})") from None


def is_routed_file(path: str) -> bool:
  objects = lines.read_json_objects(path)
  return bool(objects) and HEADER_KEY in objects[0][1]


def read_header(obj: dict[str, Any], path: str, line: int) -> Routing:
  lines.check_keys(obj, HEADER_KEYS, path, line)
  template = lines.string_value(obj, HEADER_KEY, path, line, required=True)
  route_on = lines.string_value(obj, "route_on", path, line, required=True)
  try:
    names = templates.placeholders(template)
  except ValueError as e:
    raise lines.error_at(path, line, f"{HEADER_KEY!r}: {e}") from None
  for needed in (fields.INSTRUCTIONS, route_on):
    if needed not in names:
      raise lines.error_at(path, line, f"{HEADER_KEY!r} has no {{{{{needed}}}}} placeholder")
  blocks = obj.get("blocks")
  if not isinstance(blocks, dict) or not blocks:
    raise lines.error_at(path, line, "'blocks' must be a non-empty object: label -> text")
  for label, block in blocks.items():
    if not label or not isinstance(block, str):
      raise lines.error_at(path, line, f"block {label!r} must be a string under a non-empty "
                           "label")
  router = lines.string_value(obj, "router", path, line) or ""
  if router and not os.path.isabs(router):
    router = os.path.join(os.path.dirname(os.path.abspath(path)), router)
  return Routing(template, route_on, dict(blocks), router)


def read_rows(path: str) -> tuple[Routing, list[template_dataset.TemplateRow], list[str]]:
  """(the header, the rows filled with empty instructions, each row's label_override)."""
  objects = lines.read_json_objects(path)
  if not objects or HEADER_KEY not in objects[0][1]:
    raise lines.error_at(path, 1, f"a routed template file starts with a {HEADER_KEY!r} "
                         "header")
  routing = read_header(objects[0][1], path, objects[0][0])
  rows, overrides = [], []
  for line, obj in objects[1:]:
    override = lines.string_value(obj, fields.LABEL_OVERRIDE, path, line) or ""
    if override and override not in routing.blocks:
      raise lines.error_at(path, line, f"label_override {override!r} is not a block (one of: "
                           f"{', '.join(routing.blocks)})")
    values = obj.get(fields.VARS, {})
    if not isinstance(values, dict):
      raise lines.error_at(path, line, f"{fields.VARS!r} must be an object: name -> string")
    if fields.INSTRUCTIONS in values:
      raise lines.error_at(path, line, f"{{{{{fields.INSTRUCTIONS}}}}} is filled by the router;"
                           " pick a block with 'label_override'")
    row_obj = {k: v for k, v in obj.items() if k != fields.LABEL_OVERRIDE}
    row_obj[fields.TEMPLATE] = routing.template
    row_obj[fields.VARS] = dict(values, **{fields.INSTRUCTIONS: ""})
    rows.append(template_dataset._read_row(  # pylint: disable=protected-access
        row_obj, None, path, line))
    overrides.append(override)
  if not rows:
    raise lines.error_at(path, None, "no template rows in the file")
  return routing, rows, overrides


def route(example: Mapping[str, Any], label: str, probability: float) -> dict[str, Any]:
  """A copy of a routed example with the router's answer, its block and the prompt filled.

  The block is that of `label_override` when one is set, else of `label`. Raises ValueError
  when the chosen label has no block.
  """
  routing = Routing.of(example)
  chosen = example.get(fields.LABEL_OVERRIDE) or label
  if chosen not in routing.blocks:
    raise ValueError(f"label {chosen!r} has no instruction block (blocks: "
                     f"{', '.join(routing.blocks)})")
  out = dict(example) | {fields.ROUTE_LABEL: label, fields.ROUTE_PROBABILITY: probability,
                         fields.INSTRUCTIONS: routing.blocks[chosen]}
  return template_dataset.refill(out)


def route_input(example: Mapping[str, Any]) -> str:
  """The text the router reads: the value of the `route_on` variable."""
  routing = Routing.of(example)
  found = template_dataset.template_and_values(
      dict(example) | {fields.INSTRUCTIONS: example.get(fields.INSTRUCTIONS) or ""})
  return found[1][routing.route_on] if found else ""


def is_routed(example: Mapping[str, Any]) -> bool:
  return bool(example.get(fields.ROUTING))


def spec(columns: list[str], metadata_keys, blocks) -> lit_types.Spec:
  """The template dataset's fields, with the routing fields before the filled prompt."""
  out = {}
  for key, value in template_dataset.spec(
      [c for c in columns if c != fields.INSTRUCTIONS], metadata_keys).items():
    if key == fields.LABEL:
      continue
    if key == fields.PROMPT:
      out |= {
          fields.INSTRUCTIONS: lit_types.TextSegment(),
          fields.ROUTE_LABEL: lit_types.CategoryLabel(required=False),
          fields.ROUTE_PROBABILITY: lit_types.Scalar(min_val=0, max_val=1, required=False),
          fields.LABEL_OVERRIDE: lit_types.CategoryLabel(vocab=["", *blocks], required=False),
      }
    out[key] = value
  out[fields.ROUTING] = lit_types.TextSegment(required=False)
  return out


class RoutedTemplateDataset(lit_dataset.Dataset):
  """A routed template file as a LIT dataset (see this module's docstring)."""

  def __init__(self, path: str, max_examples: int | None = None,
               description: str | None = None):
    prompts.check_max_examples(max_examples)
    routing, rows, overrides = read_rows(path)
    rows, overrides = rows[:max_examples], overrides[:max_examples]
    columns = template_dataset.variable_columns(rows) or []
    metadata_keys = list(dict.fromkeys(k for row in rows for k in row.extra))
    examples = []
    for row, override in zip(rows, overrides):
      ex = template_dataset.to_example(row, columns)
      ex.pop(fields.LABEL, None)
      ex |= {fields.ROUTE_LABEL: "", fields.ROUTE_PROBABILITY: 0.0,
             fields.LABEL_OVERRIDE: override, fields.ROUTING: routing.to_json()}
      if override:
        ex = template_dataset.refill(ex)
      examples.append(ex)
    examples = metadata.complete(examples, metadata_keys)
    self.routing = routing
    super().__init__(
        spec=spec(columns, metadata_keys, routing.blocks), examples=examples,
        description=description or (
            f"{len(rows)} routed templates from {os.path.basename(path)}: the router picks "
            f"an instruction block ({', '.join(routing.blocks)}) for each "
            f"{{{{{routing.route_on}}}}}; set label_override to choose one by hand."))

  @classmethod
  def init_spec(cls) -> lit_types.Spec:
    return prompts.init_spec()
