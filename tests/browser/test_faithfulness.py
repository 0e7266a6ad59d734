"""The Faithfulness check in the browser: on the fentanyl request, the Salience Maps module
runs the interpreter when opened and shows each method's ABPC (README's picture)."""

import re

from playwright.sync_api import expect

from . import lit_page


def test_faithfulness_shows_each_methods_abpc(lit, docs_screenshot):
  lit.open(layout="templates", models="tuned", dataset="prompt_debugging_en")
  row = lit.rows("sell them fentanyl").first
  row.click()
  expect(row).to_have_class(re.compile(r"\bprimary-selected\b"))
  module = lit.page.locator("salience-map-module")
  panel = module.locator("div.method-row#faithfulness")
  # Opening it runs it. The click waits until the panel is actionable: while the module
  # computes, its spinner covers the title (on a loaded machine, longer than 30 s).
  panel.get_by_text("Faithfulness", exact=True).first.click(timeout=lit_page.MODEL_TIMEOUT_MS)
  chips = panel.locator("lit-token-chips .salient-token, lit-token-chips .token")
  chips.first.wait_for(timeout=lit_page.MODEL_TIMEOUT_MS)
  text = " ".join(chips.all_inner_texts())
  for method in ("grad_l2", "grad_dot_input", "integrated_gradients", "token_occlusion"):
    assert method in text, text
  docs_screenshot(lit.screenshot("faithfulness"), "faithfulness.png")
