"""What the server installs into its LIT app to keep examples, notes, stars and findings.

`Findings(store, writable=…).install(app)` (after the app is built):
  - every dataset gets `note` and `starred` fields and its stored examples appended;
  - `/annotate_new_data` (the Datapoint Editor's Add) keeps the new example, or, when only
    its note or star changed, the note and star of the row it was edited from;
  - `/create_dataset` (the Configure dialog) gives the new dataset the same fields;
  - `/get_generated` tells the "Save finding" generator who is saving;
  - a `findings` dataset lists the saved findings, each with a link to its page;
  - `/findings`, `/findings/<id>` and `/findings/<id>/export` serve the pages.
Datasets are rebuilt after each write; ids handed out before stay resolvable, so a browser
that loaded the old rows keeps working.
"""

import getpass
import json
import logging
import threading
from collections.abc import Mapping
from typing import Any

import werkzeug
from lit_nlp.api import dataset as lit_dataset
from lit_nlp.api import types as lit_types
from lit_nlp.lib import caching
from lit_nlp.lib import serialize

from lit_app import fields
from lit_app.findings import examples as examples_lib
from lit_app.findings import pages
from lit_app.findings import saving
from lit_app.findings import store as store_lib

log = logging.getLogger(__name__)

FINDINGS_DATASET = "findings"
GENERATOR_NAME = "Save finding"
EMPTY_DATASET = "_union_empty"  # LIT's own placeholder dataset.
# Where an authenticating reverse proxy puts the user (nginx, oauth2-proxy, Apache).
USER_HEADERS = ("X-Forwarded-User", "X-Auth-Request-User", "X-Forwarded-Email",
                "X-Auth-Request-Email", "Remote-User")
# LIT re-creates datapoints given in the URL (data0_prompt=…) on every page load: not edits.
NOT_STORED_SOURCES = ("url",)

FINDINGS_SPEC: lit_types.Spec = {
    fields.PROMPT: lit_types.TextSegment(),
    fields.TARGET: lit_types.TextSegment(required=False),
    "finding": lit_types.URL(),
    "models": lit_types.CategoryLabel(),
    "method": lit_types.CategoryLabel(),
    "note": lit_types.TextSegment(required=False),
    "author": lit_types.CategoryLabel(required=False),
    "dataset": lit_types.CategoryLabel(),
}


def finding_row(finding: Mapping[str, Any]) -> dict[str, Any]:
  """The finding as a row of the findings dataset (prompt and explained text first)."""
  return {
      fields.PROMPT: finding["prompt"],
      fields.TARGET: finding["models"][0]["target"],
      "finding": f"/findings/{finding['id']}",
      "models": ",".join(m["name"] for m in finding["models"]),
      "method": finding["method"],
      "note": finding.get("note") or "",
      "author": finding.get("author") or "",
      "dataset": finding.get("dataset") or "",
  }


def finding_example_id(finding: Mapping[str, Any]) -> str:
  """The id LIT gives the finding's row in the findings dataset."""
  return caching.input_hash(finding_row(finding))


class Findings:
  """The store, wired into one LIT app."""

  def __init__(self, store: store_lib.Store, writable: bool = True, demo_mode: bool = False):
    self.store = store
    self.writable = writable
    self.demo_mode = demo_mode
    self.generator: saving.SaveFinding | None = None
    self._app = None
    self._bases: dict[str, examples_lib.Base] = {}
    self._lock = threading.RLock()

  def generators(self, models: Mapping[str, Any]) -> dict[str, Any]:
    """{"Save finding": generator} when writing is on, else {}."""
    if not self.writable:
      return {}
    visible = [name for name in models if not name.startswith("_")]
    self.generator = saving.SaveFinding(visible, self._save)
    return {GENERATOR_NAME: self.generator}

  def author(self, headers) -> str:
    """The proxy's user header if any; else (outside demo mode) the local user."""
    for header in USER_HEADERS:
      value = (headers.get(header) or "").strip()
      if value:
        return value[:200]
    if self.demo_mode:
      return ""
    try:
      return getpass.getuser()
    except (KeyError, OSError):
      return ""

  # Installing.

  def install(self, app) -> None:
    """Wraps `app`'s datasets and handlers (see the module docstring)."""
    self._app = app
    if self.generator is not None:
      self.generator.models = app._models  # pylint: disable=protected-access
    for name in list(app._datasets):  # pylint: disable=protected-access
      if name != EMPTY_DATASET:
        self._bases[name] = examples_lib.Base(app._datasets[name])  # pylint: disable=protected-access
    if FINDINGS_DATASET in self._bases:
      log.warning("a dataset is named %r: the findings list is not shown as a dataset",
                  FINDINGS_DATASET)
    for name in list(self._bases):
      self._rebuild(name)
    self._rebuild_findings()
    handlers = app._wsgi_app._handlers  # pylint: disable=protected-access
    handlers["/annotate_new_data"] = self._after_annotate(handlers["/annotate_new_data"])
    handlers["/create_dataset"] = self._after_create_dataset(handlers["/create_dataset"])
    handlers["/get_generated"] = self._with_request_context(handlers["/get_generated"])
    app._wsgi_app = _Routes(self, app._wsgi_app)  # pylint: disable=protected-access

  def _set_dataset(self, name: str, dataset: lit_dataset.Dataset) -> None:
    app = self._app
    with self._lock:
      old = app._datasets.get(name)  # pylint: disable=protected-access
      new = lit_dataset.IndexedDataset(
          base=app._run_annotators(dataset), id_fn=caching.input_hash)  # pylint: disable=protected-access
      if old is not None:  # Keep ids that browsers already hold resolvable.
        new._index = {**old.index, **new._index}  # pylint: disable=protected-access
      app._datasets[name] = new  # pylint: disable=protected-access
      app._info = app._build_metadata()  # pylint: disable=protected-access

  def _rebuild(self, name: str) -> None:
    with self._lock:
      dataset = examples_lib.annotated(
          self._bases[name], self.store.examples(name), self.store.annotations(name))
      self._set_dataset(name, dataset)

  def _rebuild_findings(self) -> None:
    if FINDINGS_DATASET in self._bases:
      return
    rows = [finding_row(f) for f in self.store.findings()]
    self._set_dataset(FINDINGS_DATASET, lit_dataset.Dataset(
        spec=FINDINGS_SPEC, examples=rows,
        description=f"{len(rows)} saved finding(s): open a row's link for its page."))

  # Writing.

  def keep(self, dataset: str, items: list[Mapping[str, Any]], author: str) -> int:
    """Stores examples added in the UI to `dataset`; returns how many were written."""
    if not self.writable or dataset not in self._bases:
      return 0
    base = self._bases[dataset]
    written = 0
    for item in items:
      meta = item.get("meta") or {}
      if meta.get("source") in NOT_STORED_SOURCES:
        continue
      data = item.get("data") or {}
      content = {k: v for k, v in examples_lib.content(data).items() if k in base.spec}
      key = examples_lib.content_key(content)
      note = data.get(examples_lib.NOTE)
      note = note if isinstance(note, str) else ""
      starred = bool(data.get(examples_lib.STARRED))
      if key in base.keys:  # Only the note or the star of a dataset row changed.
        self.store.annotate(dataset, key, note, starred, author)
      else:
        self.store.add_example(dataset, key, content, author, note, starred)
      written += 1
    if written:
      self._rebuild(dataset)
    return written

  def _save(self, dataset: str, record: Mapping[str, Any]) -> tuple[int, str]:
    context = saving.CURRENT.get()
    finding_id = self.store.add_finding(dataset, record, author=context.author)
    self._rebuild_findings()
    return finding_id, f"{context.base_url.rstrip('/')}/findings/{finding_id}"

  # Handler wrappers: (wsgi_app, request, environ) -> response.

  def _after_annotate(self, inner):
    def handler(wsgi_app, request, environ):
      response = inner(wsgi_app, request, environ)
      if response.status_code != 200:
        return response
      try:
        items = json.loads(request.data or b"{}").get("inputs") or []
        self.keep(request.args.get("dataset_name", ""),
                  [i for i in items if isinstance(i, dict)], self.author(request.headers))
      except Exception as e:  # pylint: disable=broad-except
        log.exception("could not store new examples: %s", e)
        return _json_error(wsgi_app, request, 500,
                           "the example was not saved; the details are in the server log")
      return response
    return handler

  def _after_create_dataset(self, inner):
    def handler(wsgi_app, request, environ):
      response = inner(wsgi_app, request, environ)
      if response.status_code != 200:
        return response
      _, new_name = json.loads(response.get_data())
      if new_name not in self._bases and new_name in self._app._datasets:  # pylint: disable=protected-access
        self._bases[new_name] = examples_lib.Base(self._app._datasets[new_name])  # pylint: disable=protected-access
        self._rebuild(new_name)
      body = serialize.to_json([self._app._info, new_name], simple=True)  # pylint: disable=protected-access
      return wsgi_app.respond(request, body, "application/json", 200)
    return handler

  def _with_request_context(self, inner):
    def handler(wsgi_app, request, environ):
      token = saving.CURRENT.set(saving.RequestContext(
          author=self.author(request.headers), base_url=request.host_url))
      try:
        return inner(wsgi_app, request, environ)
      finally:
        saving.CURRENT.reset(token)
    return handler

  # Pages.

  def page(self, finding: Mapping[str, Any], base_url: str = "") -> str:
    link = pages.lit_link(finding, finding_example_id(finding), FINDINGS_DATASET)
    return pages.finding_html(finding, base_url.rstrip("/") + link)


def _json_error(wsgi_app, request, status: int, message: str):
  return wsgi_app.respond(request, json.dumps({"error": message}), "application/json", status)


class _Routes:
  """Serves /findings… pages; passes everything else to LIT's WSGI app."""

  def __init__(self, findings: Findings, inner):
    self.findings = findings
    self.inner = inner

  def __getattr__(self, name):  # LIT's make_handler and tests reach into the inner app.
    return getattr(self.inner, name)

  def __call__(self, environ, start_response):
    path = environ.get("PATH_INFO", "").rstrip("/")
    if path != "/findings" and not path.startswith("/findings/"):
      return self.inner(environ, start_response)
    request = werkzeug.Request(environ)
    return self._respond(request, path)(environ, start_response)

  def _respond(self, request, path: str):
    store = self.findings.store
    if path == "/findings":
      return _html(pages.index_html(store.findings()))
    parts = path.split("/")[2:]
    if not parts[0].isdigit() or len(parts) > 2 or parts[1:] not in ([], ["export"]):
      return _html("<h1>Not found</h1>", 404)
    finding = store.finding(int(parts[0]))
    if finding is None:
      return _html(f"<h1>No finding {int(parts[0])}</h1>", 404)
    if parts[1:] == ["export"]:
      response = _html(self.findings.page(finding, request.host_url))
      response.headers["Content-Disposition"] = (
          f'attachment; filename="finding-{finding["id"]}.html"')
      return response
    return _html(self.findings.page(finding))


def _html(text: str, status: int = 200) -> werkzeug.Response:
  return werkzeug.Response(text, status=status, content_type="text/html; charset=utf-8",
                           headers={"Cache-Control": "no-cache"})
