"""LIT's WSGI app with client errors answered as short 4xx messages.

Stock LIT answers any exception with HTTP 500 and the full traceback. Here a bad request
(unknown model or dataset, malformed JSON, a missing field, a `target_mask` of the wrong
length, …) gets HTTP 400 with one line that names the problem; a program the engine
cannot compile (no room left for its memory mappings, models/engine/programs.py) gets
HTTP 503 with its one-line reason, and the server keeps serving; anything else gets a
500 that says only that the error is in the server log. Tracebacks stay in the log.

A salience model computes only the methods whose fields a request names in
`requested_fields` (see models/lit/wrappers.SalienceModel), each combination with its own
prediction cache, so a click pays only for what it shows.
"""

import functools
import json
import logging
import threading
import traceback
from collections.abc import Mapping

import werkzeug.serving
from lit_nlp import app as lit_app_lib
from lit_nlp import dev_server
from lit_nlp.lib import caching

from lit_app.models.engine import programs
from lit_app.models.lit import wrappers

log = logging.getLogger(__name__)

# Raised by request parsing, LIT's lookups and our wrappers' validation.
CLIENT_ERRORS = (ValueError, KeyError, TypeError, UnicodeError)
MAX_MESSAGE = 500


def _message(error: Exception) -> str:
  if isinstance(error, KeyError):
    text = f"unknown or missing key {error.args[0]!r}" if error.args else "missing key"
  else:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
  return text[:MAX_MESSAGE]


class LitApp(lit_app_lib.LitApp):
  """LitApp whose endpoints validate names and never send tracebacks, and whose
  prediction caches are keyed by checkpoint content, not display name.

  Args:
    cache_ids: model name -> content identity (e.g. checkpoint.content_hash). LIT keys
      its cache (and its --data_dir files) by model name, so a name reused for another
      checkpoint would serve stale predictions; here the key is name@identity.
  """

  def __init__(self, *args, cache_ids: Mapping[str, str] | None = None, **kw):
    super().__init__(*args, **kw)
    self._request = threading.local()  # .fields: this thread's request's requested_fields.
    for name, model in list(self._models.items()):
      identity = (cache_ids or {}).get(name)
      if isinstance(model.wrapped, wrappers.SalienceModel):
        self._models[name] = _SalienceCache(model.wrapped, f"{name}@{identity}", self._request,
                                            **self._caching_model_wrapper_kw)
      elif identity is not None:
        self._models[name] = caching.CachingModelWrapper(
            model.wrapped, f"{name}@{identity}", **self._caching_model_wrapper_kw)

  def _get_preds(self, data, model=None, requested_types=None, requested_fields=None, **kw):
    """LIT's /get_preds; a salience model computes only the methods the request names."""
    self._request.fields = (requested_fields or "").split(",")
    try:
      return super()._get_preds(data, model, requested_types, requested_fields, **kw)
    finally:
      self._request.fields = ()

  def _check_names(self, path, args):
    model = args.get("model")
    if model is not None and model not in self._models:
      visible = sorted(m for m in self._models if not m.startswith("_"))
      raise ValueError(f"unknown model {model!r}; this server has {', '.join(visible)}")
    dataset = args.get("dataset_name")
    if path.rstrip("/") == "/create_dataset":  # There dataset_name names a loader.
      if dataset and dataset not in self._dataset_loaders:
        raise ValueError(f"unknown dataset loader {dataset!r}; this server has "
                         f"{', '.join(sorted(self._dataset_loaders)) or 'none'}")
    elif dataset and dataset not in self._datasets:
      raise ValueError(f"unknown dataset {dataset!r}; this server has "
                       f"{', '.join(sorted(self._datasets))}")

  def make_handler(self, fn):
    handler = super().make_handler(fn)

    @functools.wraps(handler)
    def _handler(app, request, environ):
      try:
        self._check_names(request.path, request.args)
        return handler(app, request, environ)
      except programs.CompileRefused as e:  # The server lives on with what it has.
        log.error("refused %s: %s", request.path, e)
        status, body = 503, {"error": _message(e)}
      except CLIENT_ERRORS as e:
        log.warning("bad request to %s: %s\n%s", request.path, e, traceback.format_exc())
        status, body = 400, {"error": _message(e)}
      except Exception as e:  # pylint: disable=broad-except
        log.error("error in %s: %s\n%s", request.path, e, traceback.format_exc())
        status, body = 500, {"error": "internal error; the details are in the server log"}
      return app.respond(request, json.dumps(body), "application/json", status)

    return _handler


class _SalienceCache(caching.CachingModelWrapper):
  """LIT's prediction cache for a salience model, one per combination of computed methods.

  predict() runs the instance of the model that computes the methods the current
  request's requested_fields name (SalienceModel.for_fields), with its own cache: a
  result holding only the gradients is never served for a request that asks for more.

  Args:
    model: the SalienceModel (computing only the gradients).
    name: the cache's name (name@content identity).
    request: a threading.local whose `fields` are the current request's requested fields.
    **kw: CachingModelWrapper's other arguments.
  """

  def __init__(self, model: wrappers.SalienceModel, name: str, request: threading.local, **kw):
    super().__init__(model, name, **kw)
    self._cache_name, self._request, self._kw = name, request, kw
    self._by_methods: dict[tuple[str, ...], caching.CachingModelWrapper] = {}
    self._by_methods_lock = threading.Lock()

  def predict(self, inputs, **kw):
    computing = self.wrapped.for_fields(getattr(self._request, "fields", ()))
    if computing is self.wrapped:
      return super().predict(inputs, **kw)
    with self._by_methods_lock:
      if computing.computed not in self._by_methods:
        self._by_methods[computing.computed] = caching.CachingModelWrapper(
            computing, f"{self._cache_name}+{'+'.join(computing.computed)}", **self._kw)
      cache = self._by_methods[computing.computed]
    return cache.predict(inputs, **kw)

  def save_cache(self):
    super().save_cache()
    for cache in list(self._by_methods.values()):
      cache.save_cache()


def serve(models, datasets, server_type: str = "default", setup=None, **kw):
  """Like lit_nlp.dev_server.Server(...).serve(), with our LitApp.

  setup: called with the app once it is built, before it serves (e.g. findings hooks).
  Returns the WSGI app for server_type='external' (gunicorn), else serves until stopped.
  """
  app_keys = set(dev_server.get_available_keywords(lit_app_lib.LitApp)) | {"cache_ids"}
  app_kw = {k: v for k, v in kw.items() if k in app_keys}
  server_kw = {k: v for k, v in kw.items() if k not in app_keys}
  app = LitApp(models, datasets, **app_kw)
  if setup is not None:
    setup(app)
  if server_type == "external":
    return app
  if server_type == "default":  # LIT's default serves one request at a time.
    log.info("serving on http://%s:%d (threaded)", server_kw["host"], server_kw["port"])
    werkzeug.serving.run_simple(server_kw["host"], server_kw["port"], app, threaded=True,
                                use_debugger=False, use_reloader=False)
  else:
    dev_server.WSGI_SERVERS[server_type](app, **server_kw).serve()
  app.save_cache()
  return None
