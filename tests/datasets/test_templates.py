"""Template syntax: parsing, filling, spans."""

import pytest

from lit_app.datasets import templates
from lit_app.datasets.templates import Part, Span


def test_fill_replaces_placeholders_with_optional_spaces():
  assert templates.fill("Hi {{name}}, {{ name }} and {{\tname  }}!", {"name": "Ada"}) == (
      "Hi Ada, Ada and Ada!")


def test_fill_repeats_a_placeholder_and_keeps_order():
  assert templates.placeholders("{{b}} {{a}} {{b}}") == ["b", "a"]
  assert templates.fill("{{b}} {{a}} {{b}}", {"a": "1", "b": "2"}) == "2 1 2"


def test_values_are_inserted_literally():
  values = {"x": "{{y}} and \\{{y}} and {{x}}", "y": "never"}
  assert templates.fill("[{{x}}] {{y}}", values) == "[{{y}} and \\{{y}} and {{x}}] never"


def test_escaped_braces():
  assert templates.fill("\\{{name}} is written {{name}}", {"name": "x"}) == (
      "{{name}} is written x")
  assert templates.fill("a \\\\{{name}}", {"name": "x"}) == "a \\x"  # \\ then a placeholder.
  assert templates.fill("a \\\\\\{{name}}", {}) == "a \\{{name}}"  # \\ then an escape.
  assert templates.fill("back\\slash and }} stay", {}) == "back\\slash and }} stay"
  assert templates.fill("", {}) == ""


def test_unicode_names_and_values():
  values = {"Gäste": "Grüße 👨‍👩‍👧", "名前": "漢字", "name": "שלום"}
  assert templates.fill("{{Gäste}}|{{ 名前 }}|{{name}}", values) == "Grüße 👨‍👩‍👧|漢字|שלום"


@pytest.mark.parametrize("template", [
    "{{}}", "{{ }}", "{{1st}}", "{{a-b}}", "{{a b}}", "open {{name", "{{name}", "{{{name}}",
    "{{\nname}}",
])
def test_malformed_placeholders_are_errors(template):
  with pytest.raises(ValueError, match=r"'\{\{' at character \d+ does not start a placeholder"):
    templates.parse(template)


def test_malformed_placeholder_error_says_where():
  with pytest.raises(ValueError, match=r"at character 9 .*near '\{\{oops'"):
    templates.parse("ok {{a}}{{oops")


def test_undefined_placeholder_names_it():
  with pytest.raises(ValueError, match=r"no value for \{\{dish\}\}, \{\{likes\}\} \(values "
                     r"given: dislikes\)"):
    templates.fill("{{dish}} {{likes}} {{dislikes}}", {"dislikes": "x"})


def test_unused_variable_names_it():
  with pytest.raises(ValueError, match=r"value 'extra' is not used by the template "
                     r"\(placeholders: \{\{a\}\}\)"):
    templates.fill("{{a}}", {"a": "1", "extra": "2"})


def test_non_string_value_is_an_error():
  with pytest.raises(ValueError, match=r"value for \{\{n\}\} must be a string, got int"):
    templates.fill("{{n}}", {"n": 3})


def test_parse_parts_and_template_spans():
  template = "Q: {{q}}\\{{x}} {{ q }}."
  assert templates.parse(template) == [
      Part(None, "Q: ", 0, 3),
      Part("q", "", 3, 8),
      Part(None, "{{x}} ", 8, 15),
      Part("q", "", 15, 22),
      Part(None, ".", 22, 23),
  ]
  assert [template[p.start:p.end] for p in templates.parse(template)] == [
      "Q: ", "{{q}}", "\\{{x}} ", "{{ q }}", "."]
  assert [p.is_placeholder for p in templates.parse(template)] == [
      False, True, False, True, False]


def test_fill_with_spans_locates_each_part():
  filled, spans = templates.fill_with_spans(
      "🙂 {{a}}:{{b}}{{a}}", {"a": "日本", "b": ""})
  assert filled == "🙂 日本:日本"
  assert spans == [Span(None, 0, 2), Span("a", 2, 4), Span(None, 4, 5), Span("b", 5, 5),
                   Span("a", 5, 7)]
  assert [filled[s.start:s.end] for s in spans] == ["🙂 ", "日本", ":", "", "日本"]
  assert spans[-1].end == len(filled)
