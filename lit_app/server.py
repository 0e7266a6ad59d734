"""The LIT server: flags -> checkpoints and datasets -> LIT app.

  python -m lit_app --models=base:PRESET_OR_DIR,tuned:PRESET_OR_DIR@ADAPTER.lora.h5 \
      --datasets=mine:prompts.jsonl --port=5432

With no --models it serves the bundled tiny checkpoints as `base` and `tuned`; with no
--datasets, the bundled sample datasets.
"""

import os
import threading
import time
from collections.abc import Sequence

from absl import app, flags, logging

from lit_nlp import server_flags
from lit_nlp.components import core

import lit_app  # noqa: F401  (sets the Keras backend)
from lit_app import layouts, offline_client, wsgi
from lit_app.datasets import loading
from lit_app.models.lit import metrics as alignment
from lit_app.models.engine import checkpoint
from lit_app.models.engine import distribution
from lit_app.models import engine as engine_lib
from lit_app.models.lit import wrappers
from lit_app.models.lit import faithfulness, template_attribution

_MODELS = flags.DEFINE_list(
    "models", None,
    "Models as NAME:PATH, comma-separated. PATH is a KerasHub preset name (e.g. "
    "gemma2_instruct_2b_en, needs Kaggle credentials), a local preset directory, or either "
    "followed by @ADAPTER.lora.h5 for a LoRA-tuned checkpoint. Default: the bundled base "
    "and tuned checkpoints.")
_DATASETS = flags.DEFINE_list(
    "datasets", None,
    "Datasets as NAME:PATH, comma-separated: .jsonl prompt or template files, .txt files "
    "with one prompt per line. Default: the bundled samples.")
_MAX_LENGTH = flags.DEFINE_integer(
    "max_length", 1024, "Longest token sequence (prompt + target); longer prompts are "
    "truncated from the left.")
_MAX_NEW_TOKENS = flags.DEFINE_integer("max_new_tokens", 96, "Most tokens generated per answer.")
_PRECISION = flags.DEFINE_enum(
    "precision", "float32", ["float32", "bfloat16"],
    "Weights and activations dtype. float32 is the right choice on CPU.")
_BATCH_SIZE = flags.DEFINE_integer("batch_size", 8, "Examples per model call.")
_WARM_UP = flags.DEFINE_bool(
    "warm_up", True, "Compile common request shapes in the background at start, so the "
    "first clicks answer quickly.")
_COMPILATION_CACHE = flags.DEFINE_string(
    "compilation_cache_dir", os.path.join(os.path.expanduser("~"), ".cache", "gemma-lit", "jax"),
    "Where compiled JAX programs are kept across restarts; '' to turn off.")
_CHAT_TEMPLATE = flags.DEFINE_list(
    "chat_template", None,
    "Models (by NAME) whose prompts are wrapped in Gemma's chat turn markup "
    "(<start_of_turn>user ... <start_of_turn>model), for instruction-tuned checkpoints. "
    "Prompts that already contain turn markup are left alone. Default: the bundled models.")
_MODEL_PARALLEL = flags.DEFINE_integer(
    "model_parallel", None,
    "Shard each model's weights over this many devices: a (devices / N) x N mesh with "
    "KerasHub's Gemma layout (see README, Beyond one device). N must divide the device "
    "count. Default: one device.", lower_bound=1)
_ALLOWED_DIRS = flags.DEFINE_list(
    "allowed_dirs", None,
    "Directories whose files may be loaded as datasets from the UI's Configure dialog. "
    "Default: the directory the server was started in. Loading from the UI is off in "
    "--demo_mode.")

flags.FLAGS.set_default("page_title", "Gemma prompt debugging")
flags.FLAGS.set_default("default_layout", "simple")
flags.FLAGS.set_default("development_demo", True)

CHECKPOINT_DIR = os.path.join(os.path.dirname(checkpoint.__file__), "checkpoints")
DEFAULT_MODELS = (
    f"base:{os.path.join(CHECKPOINT_DIR, 'gemma_tiny_base')}",
    f"tuned:{os.path.join(CHECKPOINT_DIR, 'gemma_tiny_base')}"
    f"@{os.path.join(CHECKPOINT_DIR, 'gemma_tiny_safety.lora.h5')}",
)
SPLASH = os.path.join(os.path.dirname(__file__), "splash.md")


def parse_named(values: Sequence[str], flag: str) -> list[tuple[str, str]]:
  """Parses NAME:PATH entries, naming the flag and entry on error."""
  named, seen = [], set()
  for value in values:
    name, sep, path = value.partition(":")
    name, path = name.strip(), path.strip()
    if not sep or not name or not path:
      raise app.UsageError(f"--{flag}: {value!r} is not NAME:PATH")
    if name.startswith("_"):
      raise app.UsageError(f"--{flag}: name {name!r} must not start with '_' (LIT hides those)")
    if name in seen:
      raise app.UsageError(f"--{flag}: name {name!r} is used twice")
    seen.add(name)
    named.append((name, path))
  return named


def build_models(specs: Sequence[str], max_length: int, max_new_tokens: int,
                 batch_size: int, precision: str, chat_models: Sequence[str] = (),
                 model_parallel: int | None = None, warm_up: bool = False
                 ) -> tuple[dict, dict[str, checkpoint.CheckpointSpec]]:
  """Loads the NAME:PATH checkpoints and wraps each as LIT's model group.

  Checkpoints that are adapters on one base share the base's weights and one engine.
  model_parallel: shard the weights over that many devices (distribution.configure).
  warm_up: compile common request shapes in background threads.
  Returns the LIT models and, for each, its checkpoint.
  """
  start = time.perf_counter()
  named = [(name, checkpoint.CheckpointSpec.parse(path))
           for name, path in parse_named(specs, "models")]
  if model_parallel is not None:
    for _, spec in named:
      checkpoint.check_exists(spec)
    try:
      distribution.configure(model_parallel, [spec.base for _, spec in named])
    except ValueError as e:
      raise app.UsageError(str(e)) from None
  shared = checkpoint.load_shared([spec for _, spec in named], dtype=precision)
  engines = {}  # One engine per loaded base.
  models, checkpoints = {}, {}
  for name, spec in named:
    base = shared[spec]
    if id(base) not in engines:
      engines[id(base)] = engine_lib.Engine(base.causal_lm, max_length, base.adapters)
      logging.info("%s on %s", spec.base, distribution.describe(base.causal_lm))
    group = wrappers.model_group(
        name, engines[id(base)], adapter=spec.adapter, batch_size=batch_size,
        max_new_tokens=max_new_tokens, description=f"{name}: {spec}",
        chat_template=name in chat_models)
    models |= group
    checkpoints |= {model_name: spec for model_name in group}
  logging.info("%d model(s) on %d loaded base(s) ready in %.1fs",
               len(named), len(engines), time.perf_counter() - start)
  if warm_up:
    for engine in engines.values():
      threading.Thread(target=engine.warm_up, kwargs={"max_new_tokens": max_new_tokens},
                       daemon=True, name="warm-up").start()
  return models, checkpoints


def cache_ids(checkpoints: dict[str, checkpoint.CheckpointSpec]) -> dict[str, str]:
  """Each LIT model's cache key: its checkpoint's content hash (each hashed once)."""
  hashes = {spec: checkpoint.content_hash(spec) for spec in set(checkpoints.values())}
  return {name: hashes[spec] for name, spec in checkpoints.items()}


def build_datasets(specs: Sequence[str] | None) -> dict:
  if not specs:
    return loading.bundled()
  return {name: loading.load(path) for name, path in parse_named(specs, "datasets")}


def interpreters(models: dict) -> dict:
  """LIT's default interpreters plus template-part attribution."""
  return core.default_interpreters(models) | {
      "Template parts": template_attribution.TemplateAttribution(),
      "Faithfulness": faithfulness.Faithfulness()}


def metrics() -> dict:
  """LIT's default metrics plus alignment metrics (refusals, preference agreement)."""
  return core.default_metrics() | {"alignment": alignment.AlignmentMetrics()}


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
  chat_models = _CHAT_TEMPLATE.value
  if chat_models is None:
    chat_models = [] if _MODELS.value else ["base", "tuned"]
  models, checkpoints = build_models(
      _MODELS.value or DEFAULT_MODELS, _MAX_LENGTH.value, _MAX_NEW_TOKENS.value,
      _BATCH_SIZE.value, _PRECISION.value, chat_models, _MODEL_PARALLEL.value, _WARM_UP.value)
  datasets = build_datasets(_DATASETS.value)
  dataset_loaders = {} if server_kw["demo_mode"] else loading.dataset_loaders(
      _ALLOWED_DIRS.value if _ALLOWED_DIRS.value is not None else [os.getcwd()])
  with open(SPLASH, encoding="utf-8") as f:
    splash = f.read()
  if server_kw["server_type"] == "default":
    host = server_kw["host"]
    print(f"\n  Open http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:"
          f"{server_kw['port']}/ in your browser.\n", flush=True)
  return wsgi.serve(models, datasets, cache_ids=cache_ids(checkpoints),
                    layouts=layouts.LAYOUTS, interpreters=interpreters(models),
                    metrics=metrics(), dataset_loaders=dataset_loaders,
                    onboard_start_doc=splash, **server_kw)


def main(argv: Sequence[str]):
  create_app(argv)


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


def run():
  """Console-script entry point."""
  app.run(main)


if __name__ == "__main__":
  run()
