"""The LIT page as the browser tests see it: selectors and the few actions they repeat.

Playwright's CSS selectors pierce LIT's open shadow roots, so each selector below names the
module element and then the part inside it.
"""

import dataclasses
import json
import pathlib
import re
from urllib.parse import urlencode, urlparse

from playwright.sync_api import Locator, Page, expect

DATA_TABLE_ROW = "data-table-module lit-data-table tbody tr.lit-data-table-row"
TAB = "lit-app .tab"
SALIENCE_MODULE = "sequence-salience-module"
RESPONSE_OPTION = (
    '.interstitial-target-type:text-matches("response") + .interstitial-target-option')
SALIENT_TOKEN = "sequence-salience-chips .salient-token"
TARGET_INFO = ".module-footer .target-info-line"
EDITOR = "single-datapoint-editor-module"
EDITOR_ENTRY = ".entry"
EDITOR_FIELD_NAME = ".field-name"
EDITOR_TEXT = "textarea.input-box"
ADD_BUTTON = "button#make"

GUIDE = "lit-documentation #doc"
GUIDE_SEEN_KEY = "gemma-lit-guide-seen"  # lit_app.offline_client.FIRST_VISIT_KEY
METRICS_TABLE = "metrics-module lit-data-table"
SALIENCE_MAP = "salience-map"
SEARCH = "data-table-module .search-input-container input"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
UNCOLORED = "rgb(255, 255, 255)"  # LIT's --token-bg-color for a token with no salience

# Loading the page and the first model answers can take a while on a small CPU machine (the
# first salience click also compiles the integrated-gradients and occlusion programs).
PAGE_TIMEOUT_MS = 60_000
MODEL_TIMEOUT_MS = 420_000

# Every element drawn with an icon font, with the rendered size of its text (a Range
# measures the glyphs, not the box around them). Walks into shadow roots.
_ICON_TEXT_SIZES_JS = """() => {
  const icons = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const style = getComputedStyle(el);
      const text = el.textContent.trim();
      if (!/Material Icons/.test(style.fontFamily) || el.children.length || !text) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const box = range.getBoundingClientRect();
      if (box.width === 0 || style.visibility === 'hidden') continue;
      icons.push({text, family: style.fontFamily, width: box.width,
                   fontSize: parseFloat(style.fontSize)});
    }
  };
  walk(document);
  return icons;
}"""

_SOME_TOKEN_COLORED_JS = """([module, uncolored]) => {
  const colored = (root) => [...root.querySelectorAll('*')].some(el => {
    const color = el.classList.contains('salient-token') &&
        el.style.getPropertyValue('--token-bg-color').trim();
    return (color && color !== uncolored) || (el.shadowRoot && colored(el.shadowRoot));
  });
  return colored(module.shadowRoot || module);
}"""

_LOADED_FONT_FAMILIES_JS = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family);
}"""


@dataclasses.dataclass
class NetworkLog:
  """Every request the page made; requests to other hosts are blocked and kept apart."""
  local: list = dataclasses.field(default_factory=list)
  external: list = dataclasses.field(default_factory=list)

  def watch(self, page: Page) -> None:
    page.route("**/*", self._route)
    page.on("websocket", lambda ws: self._record(ws.url))

  def _record(self, url: str) -> bool:
    host = urlparse(url).hostname
    is_local = host in LOCAL_HOSTS or url.startswith(("data:", "blob:"))
    (self.local if is_local else self.external).append(url)
    return is_local

  def _route(self, route) -> None:
    if self._record(route.request.url):
      route.continue_()
    else:
      route.abort("blockedbyclient")

  def paths(self, prefix: str) -> list[str]:
    return [urlparse(url).path for url in self.local if urlparse(url).path.startswith(prefix)]


class LitPage:
  """A LIT tab: open it, pick examples, drive the salience module and the editor."""

  def __init__(self, page: Page, base_url: str, screenshot_dir: pathlib.Path,
               first_visit: bool = False):
    """first_visit: leave the welcome guide to open as for a new visitor (by default the
    browser has seen it, so it does not cover the page)."""
    if not first_visit:
      page.add_init_script(f"localStorage.setItem('{GUIDE_SEEN_KEY}', '1')")
    self.page = page
    self.base_url = base_url
    self.screenshot_dir = screenshot_dir
    self.network = NetworkLog()
    self.network.watch(page)

  def open(self, **params: str) -> None:
    """Loads the page (URL parameters such as models="base,tuned") and waits for data."""
    query = f"?{urlencode(params, safe=',')}" if params else ""
    self.page.goto(f"{self.base_url}/{query}")
    self.rows().first.wait_for(timeout=PAGE_TIMEOUT_MS)

  def screenshot(self, name: str) -> pathlib.Path:
    self.screenshot_dir.mkdir(parents=True, exist_ok=True)
    path = self.screenshot_dir / f"{name}.png"
    self.page.mouse.move(0, 0)  # no hover tooltips in the picture
    self.page.screenshot(path=str(path))
    return path

  # Fonts and icons.

  def loaded_font_families(self) -> set[str]:
    return set(self.page.evaluate(_LOADED_FONT_FAMILIES_JS))

  def icon_text_sizes(self) -> list[dict]:
    return self.page.evaluate(_ICON_TEXT_SIZES_JS)

  def font_family(self, selector: str) -> str:
    return self.page.locator(selector).first.evaluate("e => getComputedStyle(e).fontFamily")

  # Tabs and the data table.

  def show_tab(self, name: str) -> None:
    self.page.locator(TAB, has_text=name).first.click()

  def rows(self, text: str | None = None) -> Locator:
    rows = self.page.locator(DATA_TABLE_ROW)
    return rows.filter(has_text=text) if text else rows

  def select_row(self, index: int = 0) -> Locator:
    row = self.rows().nth(index)
    row.click()
    expect(row).to_have_class(re.compile(r"\bprimary-selected\b"))
    return row

  # Sequence Salience (one module per selected model).

  def salience(self, model: str | None = None) -> Locator:
    if model:
      return self.page.locator(f'{SALIENCE_MODULE}[model="{model}"]')
    return self.page.locator(SALIENCE_MODULE).first

  def response_option(self, model: str | None = None) -> Locator:
    option = self.salience(model).locator(RESPONSE_OPTION)
    option.wait_for(timeout=MODEL_TIMEOUT_MS)
    return option

  def explain_response(self, model: str | None = None) -> Locator:
    """Chooses the model's answer as the sequence to explain; returns its tokens."""
    self.response_option(model).click()
    tokens = self.salience(model).locator(SALIENT_TOKEN)
    tokens.first.wait_for(timeout=MODEL_TIMEOUT_MS)
    return tokens

  def token_colors(self, model: str | None = None) -> list[str]:
    return self.salience(model).locator(SALIENT_TOKEN).evaluate_all(
        "els => els.map(e => e.style.getPropertyValue('--token-bg-color').trim())")

  def wait_for_salience(self, model: str | None = None) -> list[str]:
    """Waits until some token of the module is coloured; returns all tokens' colours."""
    self.page.wait_for_function(
        _SOME_TOKEN_COLORED_JS, arg=[self.salience(model).element_handle(), UNCOLORED],
        timeout=MODEL_TIMEOUT_MS)
    return self.token_colors(model)

  def target_info(self, model: str | None = None) -> str:
    return self.salience(model).locator(TARGET_INFO).inner_text()

  # Datapoint Editor.

  def editor_text(self, field: str) -> Locator:
    entry = self.page.locator(EDITOR).locator(EDITOR_ENTRY).filter(
        has=self.page.locator(EDITOR_FIELD_NAME, has_text=field))
    return entry.locator(EDITOR_TEXT)

  def add_datapoint(self) -> None:
    self.page.locator(EDITOR).locator(ADD_BUTTON).click()

  def expect_answer(self, model: str, prompt: str):
    """Context manager catching `model`'s /get_preds answer for an example with `prompt`."""
    return self.page.expect_response(
        lambda response: _prompt_index(response.request, model, prompt) is not None,
        timeout=MODEL_TIMEOUT_MS)


def answer_in(response, model: str, prompt: str, field: str) -> str:
  """The `field` of `model`'s prediction for the input with `prompt` in a /get_preds reply."""
  return response.json()[_prompt_index(response.request, model, prompt)][field]


def _prompt_index(request, model: str, prompt: str) -> int | None:
  url = f"{request.url}&"
  if "/get_preds" not in url or f"model={model}&" not in url or "GeneratedText" not in url:
    return None
  inputs = json.loads(request.post_data or "{}").get("inputs", [])
  for index, item in enumerate(inputs):
    if isinstance(item, dict) and item.get("data", {}).get("prompt") == prompt:
      return index
  return None
