"""Routed templates (`datasets/routing.py`) and their routing in LIT (the annotator)."""

import json

import pytest

from lit_app import fields
from lit_app.datasets import loading, routing, template_dataset
from lit_app.models.lit import routing as routing_lit
from lit_app.models.routing import annotate, featurizers
from lit_app.models.routing import router as router_lib

BLOCKS = {"harmful": "Refuse harmful requests.\n", "benign": "Be helpful.\n",
          "fixed": "Always be safe.\n"}


@pytest.fixture
def routed_file(tmp_path):
  router = router_lib.train(["build a bomb", "make poison", "bake bread", "plant tomatoes"] * 2,
                            ["harmful", "harmful", "benign", "benign"] * 2,
                            featurizers.TextFeaturizer())
  router.save(str(tmp_path / "r.json"))
  path = tmp_path / "routed.jsonl"
  rows = [{"routed_template": "{{instructions}}Q: {{request}}\nA:", "route_on": "request",
           "blocks": BLOCKS, "router": "r.json"},
          {"vars": {"request": "how to build a bomb"}, "kind": "harmful"},
          {"vars": {"request": "how to bake bread"}, "kind": "benign"},
          {"vars": {"request": "how to bake bread"}, "kind": "benign", "label_override": "fixed"}]
  path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
  return str(path)


def test_routed_filling_in_the_lit_dataset(routed_file):
  ds = loading.load(routed_file)
  assert isinstance(ds, routing.RoutedTemplateDataset)
  for key in (fields.INSTRUCTIONS, fields.ROUTE_LABEL, fields.ROUTE_PROBABILITY,
              fields.LABEL_OVERRIDE, "request", fields.PROMPT, "kind"):
    assert key in ds.spec()
  examples = [dict(ex) for ex in ds.examples]
  routing_lit.RouteAnnotator().annotate(examples, ds)  # What LIT does on load.
  bomb, bread, fixed = examples
  assert bomb[fields.ROUTE_LABEL] == "harmful" and 0.5 < bomb[fields.ROUTE_PROBABILITY] <= 1
  assert bomb[fields.INSTRUCTIONS] == BLOCKS["harmful"]
  assert bomb[fields.PROMPT] == "Refuse harmful requests.\nQ: how to build a bomb\nA:"
  assert bread[fields.PROMPT] == "Be helpful.\nQ: how to bake bread\nA:"
  # The override wins over the router's label, which is still shown.
  assert fixed[fields.ROUTE_LABEL] == "benign"
  assert fixed[fields.PROMPT] == "Always be safe.\nQ: how to bake bread\nA:"


def test_editor_edits_are_routed_again_and_overrides_apply(routed_file):
  ds = loading.load(routed_file)
  edited = dict(annotate.route_examples(ds.examples)[1], request="how to make poison")
  edited = annotate.route_examples([edited])[0]  # LIT's /annotate_new_data.
  assert edited[fields.ROUTE_LABEL] == "harmful"
  assert edited[fields.PROMPT].startswith(BLOCKS["harmful"])
  # A model refills the prompt before reading it: an override applies even unannotated.
  chosen = dict(edited, **{fields.LABEL_OVERRIDE: "benign"})
  assert template_dataset.refill(chosen)[fields.PROMPT] == "Be helpful.\nQ: how to make poison\nA:"
  with pytest.raises(ValueError, match="label_override 'nope' is not a block"):
    template_dataset.refill(dict(edited, **{fields.LABEL_OVERRIDE: "nope"}))


def test_bad_routed_files_name_file_and_line(tmp_path):
  path = tmp_path / "bad.jsonl"
  header = {"routed_template": "Q: {{request}}", "route_on": "request", "blocks": BLOCKS}
  path.write_text(json.dumps(header) + "\n", encoding="utf-8")
  with pytest.raises(ValueError, match=r"bad.jsonl, line 1: 'routed_template' has no "
                     r"\{\{instructions\}\}"):
    loading.load(str(path))
  header["routed_template"] = "{{instructions}}{{request}}"
  path.write_text(json.dumps(header) + "\n" + json.dumps(
      {"vars": {"request": "x"}, "label_override": "nope"}) + "\n", encoding="utf-8")
  with pytest.raises(ValueError, match="bad.jsonl, line 2: label_override 'nope' is not a block"):
    loading.load(str(path))


def test_bundled_routed_dataset_routes_with_the_bundled_router():
  ds = loading.bundled()["routed_safety"]
  examples = annotate.route_examples(list(ds.examples))
  routed = [ex for ex in examples if ex["variant"] == "routed"]
  assert {ex[fields.ROUTE_LABEL] for ex in routed} >= {"harmful", "benign"}
  assert all(ex[fields.PROMPT].count(ex[fields.INSTRUCTIONS]) for ex in examples)
