r"""Alignment metrics per checkpoint, from the command line.

  python -m lit_app.alignment \
      --models=base:models/checkpoints/gemma_tiny_base,tuned:models/checkpoints/gemma_tiny_base@models/checkpoints/gemma_tiny_safety.lora.h5 \
      [--preferences=PAIRS.jsonl] [--requests=REQUESTS.jsonl] [--chat_template=base,tuned]

Prints, per checkpoint, preference agreement on RLHF-style pairs and the refusal rate on
harmful and over-refusal rate on benign requests (rows with `prompt` and `kind`). The same
numbers appear in LIT's Metrics module ("alignment"). Defaults: the bundled files.
"""

import os
import sys

from absl import flags

import lit_app  # noqa: F401  (sets the Keras backend)
from lit_app import fields
from lit_app.datasets import loading
from lit_app.models.lit import metrics as alignment
from lit_app.models.engine import checkpoint
from lit_app.models import engine as engine_lib
from lit_app.models.lit import wrappers

FLAGS = flags.FlagValues()
_MODELS = flags.DEFINE_list("models", None, "NAME:PRESET_OR_DIR[@ADAPTER.lora.h5], comma-separated.",
                            flag_values=FLAGS)
_PREFERENCES = flags.DEFINE_string(
    "preferences", os.path.join(loading.DATA_DIR, "preference_pairs.jsonl"),
    "Preference pairs (prompt, response_1, response_2, preferred); '' to skip.", flag_values=FLAGS)
_REQUESTS = flags.DEFINE_string(
    "requests", os.path.join(loading.DATA_DIR, "refusal_eval.jsonl"),
    "Requests with a `kind` column (harmful | benign); '' to skip.", flag_values=FLAGS)
_CHAT = flags.DEFINE_list("chat_template", None,
                          "Models whose prompts are wrapped in Gemma's chat markup (default: all).",
                          flag_values=FLAGS)
_MAX_NEW_TOKENS = flags.DEFINE_integer("max_new_tokens", 24, "Tokens generated per answer.",
                                       flag_values=FLAGS)
_BATCH_SIZE = flags.DEFINE_integer("batch_size", 8, "Examples per model call.", flag_values=FLAGS)


def measure(named_specs: list[tuple[str, str]], preferences_path: str, requests_path: str,
            chat_models=None, max_new_tokens: int = 24, batch_size: int = 8) -> dict[str, dict]:
  """{model name: {metric: value}} for each NAME:SPEC, base weights shared across adapters."""
  specs = [(name, checkpoint.CheckpointSpec.parse(s)) for name, s in named_specs]
  shared = checkpoint.load_shared([s for _, s in specs])
  engines, results = {}, {}
  pairs = list(loading.load(preferences_path).examples) if preferences_path else []
  requests = list(loading.load(requests_path).examples) if requests_path else []
  for name, spec in specs:
    base = shared[spec]
    if id(base) not in engines:  # One engine (and its compiled programs) per loaded base.
      engines[id(base)] = engine_lib.Engine(base.causal_lm, 1024, base.adapters)
    engine = engines[id(base)]
    model = wrappers.model_group(
        name, engine, adapter=spec.adapter, batch_size=batch_size, max_new_tokens=max_new_tokens,
        chat_template=chat_models is None or name in chat_models,
        output_embeddings=False)[name]
    metrics = {}
    if pairs:
      metrics["preference_agreement"] = alignment.preference_agreement(
          engine, pairs, spec.adapter, model.chat_wrap)
    if requests:
      answers = [out[fields.RESPONSE] for out in model.predict(requests)]
      metrics |= alignment.refusal_rates(answers, [r.get(alignment.KIND) for r in requests])
    results[name] = metrics
  return results


def format_table(results: dict[str, dict]) -> str:
  columns = ["preference_agreement", "refusal_rate", "over_refusal_rate"]
  lines = ["| model | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
  for name, metrics in results.items():
    cells = [f"{metrics[c]:.0%}" if c in metrics else "–" for c in columns]
    lines.append(f"| {name} | " + " | ".join(cells) + " |")
  return "\n".join(lines)


def run(argv=None):
  try:
    FLAGS(sys.argv if argv is None else argv)
    if not _MODELS.value:
      raise flags.Error("--models is required")
    named = [tuple(m.split(":", 1)) for m in _MODELS.value]
    if any(len(n) != 2 for n in named):
      raise flags.Error("--models entries must be NAME:PATH")
  except flags.Error as e:
    sys.exit(f"error: {e}")
  results = measure(named, _PREFERENCES.value, _REQUESTS.value, _CHAT.value,
                    _MAX_NEW_TOKENS.value, _BATCH_SIZE.value)
  print(format_table(results))
  return results


if __name__ == "__main__":
  run()
