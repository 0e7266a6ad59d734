"""Keeping and sharing findings in a real browser: what one browser adds survives a server
restart and shows in another; a saved finding's page; loading from the Configure dialog."""

import json
import re
import shutil
import subprocess
import sys
import urllib.request

import pytest
from playwright.sync_api import expect

from . import lit_page
from .conftest import (ARTIFACTS, REPO_ROOT, SCREENSHOTS, TOY_BASE, TOY_SERVER_FLAGS, VIEWPORT,
                       free_port, stop_server,
                       wait_until_serving)

NEW_PROMPT = "Is a margherita pizza vegetarian? Answer yes or no."
NOTE = "Pizza question for the policy review"
FINDING_NOTE = "Tuned refuses, base goes along: fentanyl drives both"


class Server:
  """`python -m lit_app` on one port and one --state_dir, restartable."""

  def __init__(self, state_dir):
    self.state_dir = state_dir
    self.port = free_port()
    self.url = f"http://127.0.0.1:{self.port}"
    self.process = None

  def start(self):
    log = ARTIFACTS / "lit_server_findings.log"
    with open(log, "a", encoding="utf-8") as log_file:
      self.process = subprocess.Popen(
          [sys.executable, "-m", "lit_app", f"--port={self.port}", "--host=127.0.0.1",
           f"--state_dir={self.state_dir}", *TOY_SERVER_FLAGS],
          cwd=REPO_ROOT, stdout=log_file, stderr=subprocess.STDOUT)
    wait_until_serving(self.url, self.process, log)

  def stop(self):
    if self.process is not None:
      stop_server(self.process)
      self.process = None

  def restart(self):
    self.stop()
    self.start()

  def rows(self, dataset):
    request = urllib.request.Request(
        f"{self.url}/get_dataset?dataset_name={dataset}", data=b"{}", method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
      return [row["data"] for row in json.loads(response.read())]


@pytest.fixture(scope="module")
def server(chromium_executable):
  del chromium_executable  # No browser, no server.
  ARTIFACTS.mkdir(exist_ok=True)
  state_dir = ARTIFACTS / "state_findings"
  shutil.rmtree(state_dir, ignore_errors=True)
  server = Server(state_dir)
  server.start()
  yield server
  server.stop()


@pytest.fixture
def new_tab(browser, request):
  """new_tab(url) -> a LitPage in a fresh browser context (another person's browser)."""
  contexts, pages = [], []

  def _new(url):
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    contexts.append(context)
    page = lit_page.LitPage(context.new_page(), url, SCREENSHOTS)
    pages.append(page)
    return page

  yield _new
  report = getattr(request.node, "report_call", None)
  if report is not None and report.failed and pages:
    pages[-1].screenshot(f"FAILED-{request.node.name}")
  for context in contexts:
    context.close()
  external = [url for page in pages for url in page.network.external]
  if external:
    pytest.fail(f"requests left the machine: {external}", pytrace=False)


def test_example_note_and_star_survive_a_restart_and_show_in_another_browser(
    server, new_tab):
  first = new_tab(server.url)
  first.open(models="base")
  first.select_row(0)
  first.show_tab("Editor")
  first.editor_text("prompt").fill(NEW_PROMPT)
  first.editor_text("note").fill(NOTE)
  starred = first.page.locator(lit_page.EDITOR).locator(lit_page.EDITOR_ENTRY).filter(
      has=first.page.locator(lit_page.EDITOR_FIELD_NAME, has_text="starred"))
  starred.locator("lit-checkbox lit-mwc-checkbox-internal").click()
  with first.page.expect_response(lambda r: "/annotate_new_data" in r.url) as added:
    first.add_datapoint()
  assert added.value.status == 200

  server.restart()

  second = new_tab(server.url)
  second.open(models="base")
  row = second.rows(NEW_PROMPT.split("?")[0])
  expect(row).to_have_count(1)
  expect(row).to_contain_text(NOTE)
  [kept] = [r for r in server.rows("prompt_debugging_en") if r["prompt"] == NEW_PROMPT]
  assert kept["note"] == NOTE and kept["starred"] is True
  row.click()
  second.show_tab("Editor")
  expect(second.editor_text("note")).to_have_value(NOTE)


def test_saved_finding_page_shows_both_models_after_a_restart(server, new_tab,
                                                              docs_screenshot):
  first = new_tab(server.url)
  first.open(models="base,tuned")
  row = first.rows("sell them fentanyl").first
  row.click()
  expect(row).to_have_class(re.compile(r"\bprimary-selected\b"))
  first.show_tab("Save finding")
  panel = first.page.locator("generator-module lit-interpreter-controls").filter(
      has_text="Save finding").first
  panel.locator("expansion-panel .expansion-header").first.click()
  note = panel.locator(".control-holder").filter(
      has=first.page.locator(".control-name", has_text=re.compile(r"^\s*\*?note\s*$")))
  note.locator("input.control").fill(FINDING_NOTE)
  with first.page.expect_response(lambda r: "/get_generated" in r.url,
                                  timeout=lit_page.MODEL_TIMEOUT_MS) as saved:
    panel.locator("button.filled-button").click()
  assert saved.value.status == 200, saved.value.text()[:300]
  [[shown]] = saved.value.json()
  finding_url = re.search(r"(http://\S+/findings/\d+)", shown["data"]["note"]).group(1)

  server.restart()

  second = new_tab(server.url)
  second.page.goto(finding_url.replace(re.match(r"http://[^/]+", finding_url).group(0),
                                       server.url))
  page = second.page
  expect(page.locator("section.model")).to_have_count(2)
  expect(page.locator('section.model[data-model="base"] .answer')).not_to_be_empty()
  expect(page.locator('section.model[data-model="tuned"] .answer')).to_contain_text(
      "I can't help with that")
  expect(page.locator(".note")).to_have_text(FINDING_NOTE)
  expect(page.locator("text=how strongly each word drove the answer")).to_be_visible()
  # Every prompt token's tooltip names it and its share (the bundled tokenizer spells
  # rare words such as "fentanyl" in several pieces).
  tips = page.locator('section.model[data-model="tuned"] .tok[title]')
  expect(tips.nth(5)).to_have_attribute("title", re.compile(r"^\S.*: \d+\.\d%$"))
  docs_screenshot(second.screenshot("finding"), "finding.png")

  # The page's link opens the finding in LIT with both models and the example selected.
  page.locator("a.open").click()
  second.rows().first.wait_for(timeout=lit_page.PAGE_TIMEOUT_MS)
  expect(second.rows(FINDING_NOTE)).to_have_class(re.compile(r"\bprimary-selected\b"))
  assert "models=base%2Ctuned" in page.url or "models=base,tuned" in page.url


def test_configure_dialog_loads_a_dataset(lit):
  lit.open(models="base")
  page = lit.page
  page.locator("button#config").click()
  page.locator("#global-settings .tab", has_text="Dataset").click()
  loader = page.locator("#global-settings .model-dataset-loading")
  for name, value in (("new_name", "configured_sample"),
                      ("path", "datasets/data/prompt_debugging_de.jsonl")):
    field = loader.locator(".option-entry").filter(has=page.locator(f"label:text-is('{name}:')"))
    field.locator("input").fill(value)
    field.locator("input").press("Tab")
  with page.expect_response(lambda r: "/create_dataset" in r.url) as created:
    loader.locator("button.filled-button", has_text="Load Dataset").click()
  assert created.value.status == 200, created.value.text()[:300]
  expect(page.locator("#global-settings")).to_contain_text("configured_sample")
  expect(page.locator("#global-settings")).not_to_contain_text("Unknown error")
  lit.screenshot("configure_loaded")
