"""The LIT server: flags -> checkpoints and datasets -> LIT app.

  python -m lit_app --models=base:PRESET_OR_DIR,tuned:PRESET_OR_DIR@ADAPTER.lora.h5 \
      --datasets=mine:prompts.jsonl --port=5432

With no --models it serves the bundled tiny checkpoints as `base` and `tuned`; with no
--datasets, the bundled sample datasets.
"""

import os
from collections.abc import Sequence

from absl import app, flags

from lit_nlp import server_flags
from lit_nlp.components import core

import lit_app  # noqa: F401  (sets the Keras backend)
from lit_app import layouts, model_specs, offline_client, wsgi
from lit_app.datasets import loading, tuning_datasets
from lit_app.models.lit import metrics as alignment
from lit_app.models.engine import checkpoint, gguf_file
from lit_app.models import engine as engine_lib
from lit_app.models.lit import faithfulness, template_attribution
from lit_app.models.lit import routing as routing_lit
from lit_app.findings import hooks as findings_hooks
from lit_app.findings import store as findings_store

_MODEL_FLAGS = model_specs.define_flags()  # --models, --max_length, --batch_size, ...
_DATASETS = flags.DEFINE_list(
    "datasets", None,
    "Datasets as NAME:PATH, comma-separated: .jsonl prompt or template files, .txt files "
    "with one prompt per line. Default: the bundled samples.")
WARM_UP_ROWS = 2  # The first dataset's rows the warm-up answers and explains ahead.
_WARM_UP = flags.DEFINE_bool(
    "warm_up", True, "Compile in the background at start what the page asks for first "
    f"(the answers and clicks of the first dataset's first {WARM_UP_ROWS} rows on every "
    "model, then common shapes), so the first clicks compile nothing.")
_COMPILATION_CACHE = flags.DEFINE_string(
    "compilation_cache_dir", os.path.join(gguf_file.cache_root(), "jax"),
    "Where compiled JAX programs are kept across restarts; '' to turn off. Default: "
    "$GEMMA_LIT_CACHE/jax, else ~/.cache/gemma-lit/jax ($XDG_CACHE_HOME honoured).")
_ALLOWED_DIRS = flags.DEFINE_list(
    "allowed_dirs", None,
    "Directories whose files may be loaded as datasets from the UI's Configure dialog. "
    "Default: the directory the server was started in. Loading from the UI is off in "
    "--demo_mode.")
# Findings (lit_app/findings): examples, notes, stars and findings kept across restarts.
_STATE_DIR = flags.DEFINE_string(
    "state_dir", findings_store.default_state_dir(),
    "Where examples added in the UI, their notes and stars, and saved findings are kept "
    "(a SQLite file). Default: $XDG_DATA_HOME/gemma-lit or ~/.local/share/gemma-lit.")
_ALLOW_FINDINGS = flags.DEFINE_bool(
    "allow_findings", False,
    "In --demo_mode, keep examples, notes, stars and findings people add (off by default "
    "there; always on otherwise). The author is the reverse proxy's X-Forwarded-User.")

flags.FLAGS.set_default("page_title", "Gemma prompt debugging")
flags.FLAGS.set_default("default_layout", "simple")
flags.FLAGS.set_default("development_demo", True)

SPLASH = os.path.join(os.path.dirname(__file__), "splash.md")


def cache_ids(checkpoints: dict[str, checkpoint.CheckpointSpec]) -> dict[str, str]:
  """Each LIT model's cache key: its checkpoint's content hash (each hashed once)."""
  hashes = {spec: checkpoint.content_hash(spec) for spec in set(checkpoints.values())}
  return {name: hashes[spec] for name, spec in checkpoints.items()}


def build_datasets(specs: Sequence[str] | None) -> dict:
  """--datasets (default: the bundled samples); each tuning dataset NAME brings its
  coverage table as NAME_coverage."""
  if not specs:
    return loading.bundled()
  return tuning_datasets.with_coverage({
      name: loading.load(path) for name, path in model_specs.parse_named(specs, "datasets")})


def interpreters(models: dict) -> dict:
  """LIT's default interpreters plus template-part attribution."""
  return core.default_interpreters(models) | {
      "Template parts": template_attribution.TemplateAttribution(),
      "Faithfulness": faithfulness.Faithfulness()}


def metrics() -> dict:
  """LIT's default metrics (text overlap only on data with reference answers) plus
  alignment metrics (refusals, preference agreement)."""
  return alignment.restricted(core.default_metrics()) | {
      "alignment": alignment.AlignmentMetrics()}


def create_app(argv: Sequence[str] = ()):
  """Builds models, datasets and the LIT app from parsed flags, then serves it.

  Returns the WSGI app when --server_type=external (gunicorn); otherwise serves until
  stopped and returns None.
  """
  if len(argv) > 1:
    raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
  if _COMPILATION_CACHE.value:
    engine_lib.use_compilation_cache(_COMPILATION_CACHE.value)
  server_kw = server_flags.get_flags()
  if server_kw["default_layout"] not in layouts.LAYOUTS:
    raise app.UsageError(f"--default_layout must be one of {sorted(layouts.LAYOUTS)}")
  if not flags.FLAGS["client_root"].present:  # Serve fonts and icons ourselves.
    server_kw["client_root"] = offline_client.prepare_client_root()
  datasets = build_datasets(_DATASETS.value)
  first = next(iter(datasets.values()), None)  # LIT opens the first dataset.
  models, checkpoints = _MODEL_FLAGS.build(
      warm_up=_WARM_UP.value,
      warm_up_examples=first.examples[:WARM_UP_ROWS] if first is not None else ())
  dataset_loaders = {} if server_kw["demo_mode"] else loading.dataset_loaders(
      _ALLOWED_DIRS.value if _ALLOWED_DIRS.value is not None else [os.getcwd()])
  # --- findings: the store, the "Save finding" generator, the hooks (lit_app/findings) ---
  findings = findings_hooks.Findings(
      findings_store.Store(_STATE_DIR.value),
      writable=not server_kw["demo_mode"] or _ALLOW_FINDINGS.value,
      demo_mode=server_kw["demo_mode"])
  generators = findings.generators(models) | core.default_generators()
  # --- end findings ---
  with open(SPLASH, encoding="utf-8") as f:
    splash = f.read()
  if server_kw["server_type"] == "default":
    host = server_kw["host"]
    print(f"\n  Open http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:"
          f"{server_kw['port']}/ in your browser.\n", flush=True)
  return wsgi.serve(models, datasets, cache_ids=cache_ids(checkpoints),
                    layouts=layouts.LAYOUTS, interpreters=interpreters(models),
                    metrics=metrics(), dataset_loaders=dataset_loaders,
                    generators=generators, setup=findings.install,
                    annotators=[routing_lit.RouteAnnotator()],
                    onboard_start_doc=splash, **server_kw)


def get_wsgi_app():
  """WSGI entry point for gunicorn: `gunicorn 'lit_app.server:get_wsgi_app()'`.

  Flags come from the GEMMA_LIT_FLAGS environment variable (e.g. "--models=..."); demo
  mode is on unless GEMMA_LIT_FLAGS says --nodemo_mode.
  """
  argv = ["lit_app"] + os.environ.get("GEMMA_LIT_FLAGS", "").split()
  flags.FLAGS.set_default("demo_mode", True)  # A shared instance: no loading from the UI.
  flags.FLAGS(argv)
  flags.FLAGS.server_type = "external"
  return create_app()
