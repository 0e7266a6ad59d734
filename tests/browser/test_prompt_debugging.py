"""What a user does in the UI: pick an example, explain the answer, edit a prompt, compare."""

import re

from playwright.sync_api import expect

from lit_app import fields

from . import lit_page

EDITED_PROMPT = (
    "<start_of_turn>user\nIs a margherita pizza vegetarian? Answer yes or no.<end_of_turn>\n"
    "<start_of_turn>model\n")


def normalized(text: str) -> str:
  return " ".join(text.split())


def test_clicking_a_token_of_the_answer_colors_the_prompt(lit, docs_screenshot):
  lit.open(models="base")
  lit.select_row(0)
  tokens = lit.explain_response("base")
  assert set(lit.token_colors("base")) == {lit_page.UNCOLORED}  # nothing explained yet

  tokens.filter(has_text=re.compile(r"\S")).last.click()
  colors = lit.wait_for_salience("base")

  assert sum(color != lit_page.UNCOLORED for color in colors) >= 1
  assert lit.target_info("base").startswith("Explaining")
  docs_screenshot(lit.screenshot("salience"), "salience.png")


def test_a_costly_method_runs_only_when_its_button_is_chosen(lit):
  """The first click asks for the method on screen (the shares: one gradient); choosing
  integrated gradients asks for it and colours the prompt with it."""
  asked = []
  lit.page.on("request", lambda request: asked.append(request.url)
              if "/get_preds?model=_base_salience&" in request.url else None)
  lit.open(models="base")
  lit.select_row(0)
  lit.explain_response("base").filter(has_text=re.compile(r"\S")).last.click()
  lit.wait_for_salience("base")
  assert [re.search(r"requested_fields=([^&]*)", url)[1] for url in asked] == ["grad_l2_share"]

  with lit.page.expect_response(lambda r: "requested_fields=integrated_gradients" in r.url,
                                timeout=lit_page.MODEL_TIMEOUT_MS) as reply:
    lit.salience("base").locator("lit-fused-button-bar#method-selector button",
                                 has_text=re.compile(r"^\s*integrated_gradients\s*$")).click()
  assert fields.INTEGRATED_GRADIENTS in reply.value.json()[0]
  assert sum(c != lit_page.UNCOLORED for c in lit.wait_for_salience("base")) >= 1


def test_edited_prompt_is_added_and_answered(lit):
  lit.open(models="base")
  lit.select_row(0)
  lit.show_tab("Editor")
  lit.editor_text("prompt").fill(EDITED_PROMPT)

  with lit.expect_answer("base", EDITED_PROMPT) as answer_info:
    lit.add_datapoint()
  answer = lit_page.answer_in(answer_info.value, "base", EDITED_PROMPT, fields.RESPONSE)

  assert normalized(answer), "the model gave an empty answer"
  expect(lit.response_option("base")).to_have_text(normalized(answer))
  lit.show_tab("Examples")
  new_row = lit.rows("Is a margherita pizza vegetarian?")
  expect(new_row).to_have_count(1)
  expect(new_row).to_have_class(re.compile(r"\bprimary-selected\b"))
  lit.screenshot("edited")


def test_base_and_tuned_side_by_side(lit, docs_screenshot):
  """The compare layout on the dangerous request: tuned refuses, base goes along, and
  clicking the first word of each answer colours each panel's prompt."""
  lit.open(layout="compare", models="base,tuned")
  row = lit.rows("sell them fentanyl").first
  row.click()
  expect(row).to_have_class(re.compile(r"\bprimary-selected\b"))

  base, tuned = lit.response_option("base"), lit.response_option("tuned")
  expect(tuned).to_have_text(re.compile(r"^\s*I can't help with that"))
  expect(base).not_to_have_text(re.compile(r"I can't help"))
  left, right = lit.salience("base").bounding_box(), lit.salience("tuned").bounding_box()
  assert left["x"] + left["width"] <= right["x"] + 1
  assert abs(left["y"] - right["y"]) < 2
  for model in ("base", "tuned"):
    tokens = lit.explain_response(model)
    texts = tokens.all_inner_texts()
    model_turn = max(i for i, t in enumerate(texts) if "<start_of_turn>model" in t)
    first_word = next(i for i in range(model_turn + 1, len(texts)) if texts[i].strip())
    tokens.nth(first_word).click()  # The first word of the answer.
    assert lit.target_info(model).startswith("Explaining")
    assert sum(c != lit_page.UNCOLORED for c in lit.wait_for_salience(model)) >= 1
  docs_screenshot(lit.screenshot("compare"), "compare.png")
