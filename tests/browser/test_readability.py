"""What a policy analyst reads: the welcome guide on a first visit, salience as shares on
one scale, chat markup apart from words, template parts by name, metrics that apply, and
the tuning-data review (flags searchable as typed, readable columns, the coverage table)."""

import json
import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from lit_app.datasets import loading

from . import lit_page
from .conftest import (ARTIFACTS, REPO_ROOT, SCREENSHOTS, TOY_BASE, TOY_SERVER_FLAGS, VIEWPORT,
                       free_port, stop_server,
                       wait_until_serving)

DATA = os.path.relpath(loading.DATA_DIR, REPO_ROOT)


def salience_replies(lit) -> dict:
  """model -> the latest /get_preds reply of its salience model (filled as they come)."""
  replies = {}

  def on_response(response):
    match = re.search(r"model=_(\w+)_salience&", response.url + "&")
    if match and "/get_preds" in response.url and response.ok:
      replies[match.group(1)] = response.json()[0]

  lit.page.on("response", on_response)
  return replies


def test_welcome_guide_opens_on_first_visit_and_fits_the_page(browser, lit_url):
  context = browser.new_context(viewport=VIEWPORT, service_workers="block")
  try:
    lit = lit_page.LitPage(context.new_page(), lit_url, SCREENSHOTS, first_visit=True)
    lit.open()
    guide = lit.page.locator(lit_page.GUIDE)
    expect(guide).to_be_visible()
    for story in ("Why did it refuse?", "Edit and re-run", "Compare base and tuned"):
      expect(guide).to_contain_text(story)
    box = guide.bounding_box()
    assert box["y"] + box["height"] <= VIEWPORT["height"]
    # Every line of the guide shows without scrolling: no 100px-tall paragraphs.
    holder = guide.locator(".top-section")
    assert holder.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    lit.screenshot("guide")
    lit.page.reload()  # Seen once: it stays closed.
    lit.rows().first.wait_for(timeout=lit_page.PAGE_TIMEOUT_MS)
    expect(guide).to_be_hidden()
    assert not lit.network.external
  finally:
    context.close()


def test_shares_sum_to_one_on_one_scale_and_markup_stands_apart(lit):
  replies = salience_replies(lit)
  lit.open(layout="compare", models="base,tuned")
  lit.rows("sell them fentanyl").first.click()
  for model in ("base", "tuned"):
    tokens = lit.explain_response(model)
    texts = tokens.all_inner_texts()
    assert any(t.strip() == "<end_of_turn>" for t in texts), texts  # Not "fentanyl.<end…".
    assert not any(re.search(r"\w<end_of_turn>", t) for t in texts)
    model_turn = max(i for i, t in enumerate(texts) if "<start_of_turn>model" in t)
    first_word = next(i for i in range(model_turn + 1, len(texts)) if texts[i].strip())
    tokens.nth(first_word).click()
    lit.wait_for_salience(model)  # Coloured by the default method, grad_l2_share.
  for model in ("base", "tuned"):
    shares = replies[model]["grad_l2_share"]
    assert abs(sum(shares) - 1) < 1e-3, (model, sum(shares))
    assert min(shares) >= 0 and max(shares) <= 1
    signed = replies[model]["grad_dot_input_share"]
    assert abs(sum(abs(s) for s in signed) - 1) < 1e-3
  lit.screenshot("compare_shares")


def test_template_parts_are_named_without_undefined(lit):
  lit.open(layout="templates", models="base", dataset="menu_template_en")
  lit.select_row(0)
  module = lit.page.locator("salience-map-module")
  chips = module.locator("lit-token-chips .salient-token, lit-token-chips .token")
  chips.first.wait_for(timeout=lit_page.MODEL_TIMEOUT_MS)
  texts = " ".join(chips.all_inner_texts())
  assert "{{" in texts and "undefined" not in texts
  lit.screenshot("template_parts")


def refusal_sample(path, per_kind: int = 4) -> None:
  """The first `per_kind` harmful and benign rows of the bundled refusal evaluation: LIT
  answers every row before it shows the metrics, and the whole set (261 rows) took the toy
  model two minutes on this machine."""
  rows = {"harmful": [], "benign": []}
  with open(f"{loading.DATA_DIR}/refusal_eval.jsonl", encoding="utf-8") as f:
    for line in f:
      kind = json.loads(line)["kind"]
      if len(rows[kind]) < per_kind:
        rows[kind].append(line)
  path.write_text("".join(rows["harmful"] + rows["benign"]), encoding="utf-8")


class ReviewServer:
  """A server with the tuning-review datasets and a sample of the refusal evaluation, base
  model only."""

  def __init__(self):
    self.port = free_port()
    self.url = f"http://127.0.0.1:{self.port}"
    sft, pref, evals = (f"{DATA}/tuning_checks_{k}.jsonl" for k in ("sft", "pref", "eval"))
    base = TOY_BASE
    log = ARTIFACTS / "lit_server_review.log"
    self.log = log
    refusals = ARTIFACTS / "refusal_eval_sample.jsonl"
    refusal_sample(refusals)
    with open(log, "w", encoding="utf-8") as log_file:
      self.process = subprocess.Popen(
          [sys.executable, "-m", "lit_app", f"--port={self.port}", "--host=127.0.0.1",
           f"--models=base:{base}", "--chat_template=base", "--nowarm_up",
           f"--state_dir={ARTIFACTS / 'state_review'}",
           f"--datasets=review_sft:tuning:{sft}+{evals},review_pref:tuning:{pref}+{evals},"
           f"refusal_eval:{refusals}"],
          cwd=REPO_ROOT, stdout=log_file, stderr=subprocess.STDOUT)
    wait_until_serving(self.url, self.process, log)

  def stop(self):
    stop_server(self.process)


@pytest.fixture(scope="module")
def review(chromium_executable):
  del chromium_executable
  ARTIFACTS.mkdir(exist_ok=True)
  server = ReviewServer()
  yield server
  server.stop()


@pytest.fixture
def review_tab(browser, review):
  context = browser.new_context(viewport=VIEWPORT, service_workers="block")
  yield lit_page.LitPage(context.new_page(), review.url, SCREENSHOTS)
  context.close()


def test_tuning_flags_search_as_typed_and_columns_read_in_full(review_tab):
  lit = review_tab
  lit.open(dataset="review_sft", models="base", layout="expert")
  headers = lit.page.locator("data-table-module lit-data-table .header-text")
  names = {h.inner_text().strip(): h for h in headers.all()}
  for name in ("contaminated", "duplicate_cluster", "near_duplicate_of", "label_problem"):
    assert name in names, sorted(names)
    assert names[name].evaluate("e => e.scrollWidth <= e.clientWidth + 1"), name
  search = lit.page.locator(lit_page.SEARCH)
  search.fill("contaminated:true")
  search.press("Enter")
  expect(lit.rows()).to_have_count(2)
  lit.screenshot("tuning_review")


def test_coverage_table_shows_the_gap(review_tab):
  lit = review_tab
  lit.open(dataset="review_sft_coverage", models="base", layout="expert")
  search = lit.page.locator(lit_page.SEARCH)
  search.fill("gap:true")
  search.press("Enter")
  expect(lit.rows()).to_have_count(1)
  expect(lit.rows().first).to_contain_text("hacking x translation")


def test_metrics_on_refusal_data_show_refusal_rates_not_bleu(review_tab, review):
  lit = review_tab
  lit.open(dataset="refusal_eval", models="base", layout="expert")
  lit.show_tab("Metrics")
  table = lit.page.locator(lit_page.METRICS_TABLE)
  expect(table).to_contain_text("refusal_rate", timeout=lit_page.MODEL_TIMEOUT_MS)
  headers = " ".join(table.locator(".header-text").all_inner_texts()).lower()
  for absent in ("bleu", "rouge", "exact"):
    assert absent not in headers, headers
  assert "examples" in review.log.read_text()  # The tqdm progress line in the server log.
  lit.screenshot("metrics")
