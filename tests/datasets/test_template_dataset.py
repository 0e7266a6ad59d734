"""Template files, the template dataset, and refill() after an edit."""

import json

import pytest
from lit_nlp.api import types as lit_types
from lit_nlp.lib import validation

from lit_app import fields
from lit_app.datasets import loading, template_dataset
from lit_app.datasets.template_dataset import TemplateDataset, refill

MENU = "Likes: {{likes}}\nDislikes: {{dislikes}}\nDish: {{dish}}\nVerdict:"


def write_jsonl(path, rows) -> str:
  path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                  encoding="utf-8")
  return str(path)


def write_lines(path, text: str) -> str:
  path.write_text(text, encoding="utf-8")
  return str(path)


def menu_row(likes, dislikes, dish, **extra):
  return {"template": MENU, "vars": {"likes": likes, "dislikes": dislikes, "dish": dish}} | extra


# ---------------------------------------------------------------- reading files


def test_rows_with_their_own_templates_get_a_column_per_variable(tmp_path):
  path = write_jsonl(tmp_path / "menu.jsonl", [
      menu_row("Käse 🧀", "Pilze", "担担面", target="Likely.", source="menu"),
      menu_row("soup", "pork", "pho", label="asian"),
  ])
  ds = TemplateDataset(path)
  validation.validate_dataset(ds)
  assert list(ds.spec()) == ["template", "likes", "dislikes", "dish", "prompt", "target",
                             "label", "source"]
  assert isinstance(ds.spec()["dish"], lit_types.TextSegment)
  assert isinstance(ds.spec()[fields.LABEL], lit_types.CategoryLabel)
  assert ds.examples[0] == {
      "template": MENU, "likes": "Käse 🧀", "dislikes": "Pilze", "dish": "担担面",
      "prompt": "Likes: Käse 🧀\nDislikes: Pilze\nDish: 担担面\nVerdict:",
      "target": "Likely.", "label": "", "source": "menu"}
  assert ds.examples[1][fields.LABEL] == "asian"


def test_rows_with_different_placeholders_get_a_vars_field(tmp_path):
  path = write_jsonl(tmp_path / "mixed.jsonl", [
      {"template": "Translate: {{text}}", "vars": {"text": "Grüße"}},
      {"template": "{{a}} + {{b}} =", "vars": {"a": "1", "b": "2"}},
  ])
  ds = TemplateDataset(path)
  validation.validate_dataset(ds)
  assert list(ds.spec()) == ["template", "vars", "prompt", "target", "label", "source"]
  assert json.loads(ds.examples[0][fields.VARS]) == {"text": "Grüße"}
  assert "Grüße" in ds.examples[0][fields.VARS]  # Readable, not \u-escaped.
  assert [ex[fields.PROMPT] for ex in ds.examples] == ["Translate: Grüße", "1 + 2 ="]


def test_header_with_one_template_is_the_compact_form(tmp_path):
  path = write_jsonl(tmp_path / "summary.jsonl", [
      {"templates": {"summary": "Article: {{article}}\nSummary:"}},
      {"vars": {"article": "Bees 🐝 remember colours."}, "target": " Bees remember."},
      {"vars": {"article": "蜂"}},
  ])
  ds = loading.load(path)
  assert isinstance(ds, TemplateDataset)
  assert [ex[fields.PROMPT] for ex in ds.examples] == [
      "Article: Bees 🐝 remember colours.\nSummary:", "Article: 蜂\nSummary:"]
  assert [ex[fields.LABEL] for ex in ds.examples] == ["summary", "summary"]


def test_header_with_several_templates_picks_by_label(tmp_path):
  path = write_jsonl(tmp_path / "safety.jsonl", [
      {"templates": {"plain": "{{request}}", "guarded": "Be safe.\n{{ request }}"}},
      {"label": "plain", "vars": {"request": "Hi"}},
      {"label": "guarded", "vars": {"request": "Hi"}},
  ])
  ds = TemplateDataset(path)
  assert [ex[fields.PROMPT] for ex in ds.examples] == ["Hi", "Be safe.\nHi"]
  assert [ex[fields.TEMPLATE] for ex in ds.examples] == ["{{request}}",
                                                          "Be safe.\n{{ request }}"]
  assert list(ds.spec())[:2] == ["template", "request"]


def test_extra_keys_become_metadata_fields(tmp_path):
  path = write_jsonl(tmp_path / "menu.jsonl", [
      menu_row("a", "b", "c", language="en"), menu_row("d", "e", "f", cuisine="中华")])
  ds = TemplateDataset(path)
  validation.validate_dataset(ds)
  assert list(ds.spec())[-2:] == ["language", "cuisine"]
  assert [(ex["language"], ex["cuisine"]) for ex in ds.examples] == [("en", ""), ("", "中华")]


def test_template_without_placeholders_needs_no_vars(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [{"template": "Literal \\{{x}}"}])
  assert TemplateDataset(path).examples[0][fields.PROMPT] == "Literal {{x}}"


def test_max_examples(tmp_path):
  path = write_jsonl(tmp_path / "t.jsonl", [menu_row(str(i), "x", "y") for i in range(4)])
  assert len(loading.load(path, max_examples=3)) == 3


# ---------------------------------------------------------------- errors name file, line, name

BAD_FILES = [
    ('{"template": "Hi {{name}}", "vars": {}}', 1, r"no value for \{\{name\}\}"),
    ('{"template": "Hi {{name}}", "vars": {"name": "a", "nmae": "b"}}', 1,
     r"value 'nmae' is not used by the template"),
    ('{"template": "ok"}\n{"template": "Hi {{}}"}', 2, r"'\{\{' at character 4"),
    ('{"template": "{{n}}", "vars": {"n": 1}}', 1, r"variable 'n' must be a string"),
    ('{"template": "{{n}}", "vars": ["n"]}', 1, r"'vars' must be an object"),
    ('{"template": "{{prompt}}", "vars": {"prompt": "x"}}', 1,
     r"placeholder \{\{prompt\}\} is a field name"),
    ('{"template": "ok", "varz": {}}', 1, r"unknown key 'varz'; did you mean 'vars'\?"),
    ('{"template": "{{dish}}", "vars": {"dish": "a"}, "dish": "b"}', 1,
     r"key 'dish' is a placeholder: put it in 'vars'"),
    ('{"template": "ok"}\n{"template": "ok", "prompt": "b"}', 2,
     r"key 'prompt' is reserved here"),
    ('{"template": "ok"}\n{"vars": {}}', 2, r"missing 'template'"),
    ('{"templates": {"a": "{{x}}", "b": "{{x}}"}}\n{"vars": {"x": "1"}}', 2,
     r"no 'label' picks a template of the header \(one of: a, b\)"),
    ('{"templates": {"a": "{{x}}"}}\n\n{"label": "c", "vars": {"x": "1"}}', 3,
     r"label 'c' is not a template of the header \(one of: a\)"),
    ('{"templates": {"a": "{{x}}"}}\n{"template": "{{x}}", "vars": {"x": "1"}}', 2,
     r"a row has no 'template'"),
    ('{"templates": {"a": "{{x"}}\n{"vars": {"x": "1"}}', 1, r"template 'a': .*character 1"),
    ('{"templates": "{{x}}"}', 1, r"'templates' must be a non-empty object"),
    ('{"template": "{{x}}", "vars": {"x": "1"}}\n{"templates": {"a": "b"}}', 2,
     r"header must be the file's first line"),
    ('{"templates": {"a": "{{x}}"}}\n', None, r"no template rows"),
]


@pytest.mark.parametrize("text,line,problem", BAD_FILES)
def test_errors_name_file_line_and_placeholder(tmp_path, text, line, problem):
  path = write_lines(tmp_path / "bad.jsonl", text + "\n")
  where = path if line is None else f"{path}, line {line}"
  with pytest.raises(ValueError, match=problem) as e:
    loading.load(path)
  assert str(e.value).startswith(f"{where}: ")


def test_invalid_utf8_in_template_file_names_line(tmp_path):
  path = tmp_path / "bad.jsonl"
  path.write_bytes(b'{"template": "ok"}\n{"template": "\xc3("}\n')
  with pytest.raises(ValueError, match=r"bad\.jsonl, line 2: invalid UTF-8"):
    loading.load(str(path))


# ---------------------------------------------------------------- refill after an edit


def test_refill_after_editing_a_variable_column(tmp_path):
  ds = TemplateDataset(write_jsonl(tmp_path / "m.jsonl", [menu_row("tea", "coffee", "cake")]))
  # What LIT's Datapoint Editor sends: the edited field, a stale prompt, _id and _meta.
  edited = dict(ds.examples[0]) | {"dish": "Käsekuchen 🍰", "_id": "", "_meta": {"added": 1}}
  fresh = refill(edited)
  assert fresh[fields.PROMPT] == "Likes: tea\nDislikes: coffee\nDish: Käsekuchen 🍰\nVerdict:"
  assert fresh["_id"] == "" and fresh["_meta"] == {"added": 1}
  assert edited[fields.PROMPT] == ds.examples[0][fields.PROMPT]  # The input is not changed.


def test_refill_after_editing_the_template(tmp_path):
  ds = TemplateDataset(write_jsonl(tmp_path / "m.jsonl", [menu_row("tea", "coffee", "cake")]))
  edited = dict(ds.examples[0]) | {fields.TEMPLATE: "Would someone who likes {{ likes }} "
                                   "enjoy {{dish}}?"}
  # A variable the edited template no longer uses (dislikes) is ignored.
  assert refill(edited)[fields.PROMPT] == "Would someone who likes tea enjoy cake?"
  with pytest.raises(ValueError, match=r"no value for \{\{mood\}\} among the example's fields"):
    refill(edited | {fields.TEMPLATE: "{{likes}} {{mood}}"})


def test_refill_after_editing_the_vars_field(tmp_path):
  ds = TemplateDataset(write_jsonl(tmp_path / "mixed.jsonl", [
      {"template": "A {{x}}", "vars": {"x": "1"}}, {"template": "B", "vars": {}}]))
  edited = dict(ds.examples[0]) | {fields.VARS: '{"x": "zwei 二"}'}
  assert refill(edited)[fields.PROMPT] == "A zwei 二"
  assert refill(dict(ds.examples[0]) | {fields.VARS: {"x": "3"}})[fields.PROMPT] == "A 3"
  with pytest.raises(ValueError, match=r"field 'vars' is not valid JSON"):
    refill(edited | {fields.VARS: '{"x": '})
  with pytest.raises(ValueError, match=r"no value for \{\{x\}\} in field 'vars'"):
    refill(edited | {fields.VARS: "{}"})


def test_refill_leaves_prompt_examples_alone():
  example = {fields.PROMPT: "p", fields.TARGET: "t"}
  assert refill(example) == example and refill(example) is not example


def test_refill_matches_the_loaded_prompts():
  for name, ds in loading.bundled().items():
    for ex in ds.examples:
      assert refill(ex)[fields.PROMPT] == ex[fields.PROMPT], name


def test_template_and_values_give_spans_for_attribution(tmp_path):
  from lit_app.datasets import templates  # pylint: disable=g-import-not-at-top
  ds = TemplateDataset(write_jsonl(tmp_path / "m.jsonl", [menu_row("tea", "coffee", "cake")]))
  template, values = template_dataset.template_and_values(ds.examples[0])
  filled, spans = templates.fill_with_spans(template, values)
  assert filled == ds.examples[0][fields.PROMPT]
  assert {s.name: filled[s.start:s.end] for s in spans if s.name} == {
      "likes": "tea", "dislikes": "coffee", "dish": "cake"}


def test_bundled_templates_show_each_form():
  datasets = loading.bundled()
  for lang in ("en", "de"):
    summary = datasets[f"summarize_template_{lang}"]
    assert "{{article}}" in summary.examples[0][fields.TEMPLATE]
    assert "article" in summary.spec()
    assert {"likes", "dislikes", "dish"} <= set(datasets[f"menu_template_{lang}"].spec())
    safety = datasets[f"safety_system_prompt_{lang}"]
    assert {ex[fields.LABEL] for ex in safety.examples} == {"no_system_prompt",
                                                            "safety_system_prompt"}
    assert len({ex[fields.TEMPLATE] for ex in safety.examples}) == 2
  assert datasets["summarize_template_en"].examples[0][fields.TEMPLATE].startswith(
      "The following examples show an expert scientist summarizing the key points of an "
      "article.")
